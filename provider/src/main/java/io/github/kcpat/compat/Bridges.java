package io.github.kcpat.compat;

import java.lang.invoke.MethodHandles;
import java.util.List;

/** Builds every bridge of this package once, at startup, so a Keycloak that lacks what one needs is named at once. */
final class Bridges {

    private Bridges() {
    }

    /** What the running Keycloak lacks for a bridge, or null when every bridge is built. */
    static String missing() {
        try {
            // each bridge finds what it needs on the running Keycloak as its class initialises
            for (Class<?> bridge : List.of(BearerAuth.class, ClientSessionContexts.class)) {
                MethodHandles.lookup().ensureInitialized(bridge);
            }
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("a bridge of this package is out of reach", e);
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getMessage();
        } catch (LinkageError e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
