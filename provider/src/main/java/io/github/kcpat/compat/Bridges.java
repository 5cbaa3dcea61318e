package io.github.kcpat.compat;

/** Builds every bridge of this package once, at startup, so a Keycloak that lacks what one needs is named at once. */
final class Bridges {

    private Bridges() {
    }

    /** What the running Keycloak lacks for a bridge, or null when every bridge is built. */
    static String missing() {
        try {
            BearerAuth.ensureBuilt();
            ClientSessionContexts.ensureBuilt();
            return null;
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getMessage();
        } catch (LinkageError e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
