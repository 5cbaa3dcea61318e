package io.github.kcpat.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * A request's bearer-token authentication, read alike on every Keycloak we support. Keycloak 26.5 made
 * {@code AuthenticationManager.AuthResult} a record ({@code user()}, {@code session()}, {@code token()}); 26.4 has
 * {@code getUser()}, {@code getSession()}, {@code getToken()}. Compiled against 26.7, a direct call fails on 26.4 with
 * {@code NoSuchMethodError}, so the accessors are found once, by name, on the running Keycloak's class.
 */
public record BearerAuth(UserModel user, UserSessionModel session, AccessToken token) {

    private static final MethodHandle USER = accessor(UserModel.class, "user", "getUser");
    private static final MethodHandle SESSION = accessor(UserSessionModel.class, "session", "getSession");
    private static final MethodHandle TOKEN = accessor(AccessToken.class, "token", "getToken");

    /** The request's bearer token authenticated in {@code realm}; null when it carries none that is valid there. */
    public static BearerAuth authenticate(KeycloakSession session, RealmModel realm) {
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        return result == null ? null : of(result);
    }

    static BearerAuth of(AuthResult result) {
        try {
            return new BearerAuth((UserModel) USER.invoke(result), (UserSessionModel) SESSION.invoke(result),
                    (AccessToken) TOKEN.invoke(result));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot read Keycloak's AuthResult", e);
        }
    }

    private static MethodHandle accessor(Class<?> type, String... names) {
        for (String name : names) {
            try {
                return MethodHandles.publicLookup().findVirtual(AuthResult.class, name, MethodType.methodType(type));
            } catch (NoSuchMethodException e) {
                // the other Keycloak's name
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("AuthResult." + name + " is not public", e);
            }
        }
        throw new IllegalStateException("Keycloak's AuthResult has none of " + List.of(names));
    }
}
