package io.github.kcpat.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.github.kcpat.http.JsonResponses;
import io.github.kcpat.policy.TokenAccess;

/** The caller of a self-service request: a user with a valid bearer token who holds the role. */
record SelfServiceAuth(UserModel user, String clientId) {

    static SelfServiceAuth require(KeycloakSession session, RealmModel realm) {
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        if (auth == null) {
            throw new jakarta.ws.rs.WebApplicationException(unauthenticated(realm));
        }
        if (!TokenAccess.isGranted(realm, auth.user())) {
            throw JsonResponses.failure(Response.Status.FORBIDDEN, "forbidden",
                    "You need the realm role '" + TokenAccess.ROLE + "' to manage personal API tokens");
        }
        return new SelfServiceAuth(auth.user(), auth.token().getIssuedFor());
    }

    static Response unauthenticated(RealmModel realm) {
        return JsonResponses.errorBuilder(Response.Status.UNAUTHORIZED, "invalid_token",
                        "A valid bearer access token of this realm is required")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm.getName() + "\"")
                .build();
    }
}
