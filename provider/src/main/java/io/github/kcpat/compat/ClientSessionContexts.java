package io.github.kcpat.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.util.DefaultClientSessionContext;

/**
 * Keycloak's client-session context for a token with exactly these client scopes, alike on every Keycloak we support.
 * {@code DefaultClientSessionContext.fromClientSessionAndClientScopes} took (client session, scopes, session) up to
 * 26.4; 26.5 added a set of strings before the session (null: none). Compiled against 26.7, the direct call fails on
 * 26.4 with {@code NoSuchMethodError}, so the factory method is found once on the running Keycloak's class.
 */
public final class ClientSessionContexts {

    private static final MethodHandle WITH_EXTRA_SET = find(MethodType.methodType(DefaultClientSessionContext.class,
            AuthenticatedClientSessionModel.class, Set.class, Set.class, KeycloakSession.class));
    private static final MethodHandle WITHOUT = WITH_EXTRA_SET != null ? null : find(MethodType.methodType(
            DefaultClientSessionContext.class, AuthenticatedClientSessionModel.class, Set.class, KeycloakSession.class));

    static {
        if (WITH_EXTRA_SET == null && WITHOUT == null) {
            throw new IllegalStateException("Keycloak's DefaultClientSessionContext has no fromClientSessionAndClientScopes we know");
        }
    }

    private ClientSessionContexts() {
    }

    public static ClientSessionContext withScopes(AuthenticatedClientSessionModel clientSession, Set<ClientScopeModel> scopes,
            KeycloakSession session) {
        try {
            return WITH_EXTRA_SET != null
                    ? (ClientSessionContext) WITH_EXTRA_SET.invoke(clientSession, scopes, (Set<?>) null, session)
                    : (ClientSessionContext) WITHOUT.invoke(clientSession, scopes, session);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot make a client-session context", e);
        }
    }

    private static MethodHandle find(MethodType type) {
        try {
            return MethodHandles.publicLookup().findStatic(DefaultClientSessionContext.class, "fromClientSessionAndClientScopes", type);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("DefaultClientSessionContext.fromClientSessionAndClientScopes is not public", e);
        }
    }
}
