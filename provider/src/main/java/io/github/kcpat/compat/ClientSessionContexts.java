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

    /** (client session, scopes, session) on every version: 26.5's extra set is bound to null. */
    private static final MethodHandle FACTORY = factory();

    private ClientSessionContexts() {
    }

    public static ClientSessionContext withScopes(AuthenticatedClientSessionModel clientSession, Set<ClientScopeModel> scopes,
            KeycloakSession session) {
        try {
            return (ClientSessionContext) FACTORY.invoke(clientSession, scopes, session);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot make a client-session context", e);
        }
    }

    private static MethodHandle factory() {
        MethodHandle withExtraSet = find(MethodType.methodType(DefaultClientSessionContext.class,
                AuthenticatedClientSessionModel.class, Set.class, Set.class, KeycloakSession.class));
        if (withExtraSet != null) {
            return MethodHandles.insertArguments(withExtraSet, 2, (Object) null);
        }
        MethodHandle before26_5 = find(MethodType.methodType(DefaultClientSessionContext.class,
                AuthenticatedClientSessionModel.class, Set.class, KeycloakSession.class));
        if (before26_5 == null) {
            throw new IllegalStateException("Keycloak's DefaultClientSessionContext has no fromClientSessionAndClientScopes we know");
        }
        return before26_5;
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
