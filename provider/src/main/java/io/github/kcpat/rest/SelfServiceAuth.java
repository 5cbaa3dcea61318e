package io.github.kcpat.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.AccountRoles;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;

import io.github.kcpat.compat.BearerAuth;
import io.github.kcpat.policy.TokenAccess;
import io.github.kcpat.verify.Provenance;

/**
 * The caller of a self-service request: a user signed in interactively, whose bearer token Keycloak's own Account
 * REST API would accept for managing the account, and who holds the role. Nothing born from an API token passes
 * (containment: a token must never mint, re-activate or rotate tokens, or outlive its own deletion).
 */
record SelfServiceAuth(UserModel user, String clientId) {

    static SelfServiceAuth require(KeycloakSession session, RealmModel realm) {
        BearerAuth auth = BearerAuth.authenticate(session, realm);
        if (auth == null) {
            throw new jakarta.ws.rs.WebApplicationException(unauthenticated(realm));
        }
        if (!isInteractive(auth)) {
            throw JsonResponses.failure(Response.Status.FORBIDDEN, "interactive_login_required",
                    "Personal API tokens are managed only with the access token of an interactive login, "
                            + "never with one obtained from an API token or a service account");
        }
        if (!mayManageAccount(session, realm, auth)) {
            throw JsonResponses.failure(Response.Status.FORBIDDEN, "insufficient_scope",
                    "The access token needs the audience '" + Constants.ACCOUNT_MANAGEMENT_CLIENT_ID + "' and its role '"
                            + AccountRoles.MANAGE_ACCOUNT + "', as Keycloak's Account Console token has");
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

    /**
     * A JWT our doors mint carries {@link Provenance#CLAIM} and lives on a transient session; a Direct Grant with an
     * API token opens a stored session with {@link Provenance#SESSION_NOTE}. A login opens a stored session without
     * the note, so anything else (transient sessions of any origin, service accounts) is refused too.
     */
    private static boolean isInteractive(BearerAuth auth) {
        UserSessionModel userSession = auth.session();
        return !auth.token().getOtherClaims().containsKey(Provenance.CLAIM)
                && userSession != null
                // a stored session read back may report no state at all: only TRANSIENT is certain
                && userSession.getPersistenceState() != UserSessionModel.SessionPersistenceState.TRANSIENT
                && userSession.getNote(Provenance.SESSION_NOTE) == null
                && auth.user().getServiceAccountClientLink() == null;
    }

    /** As Keycloak's {@code AccountLoader} and {@code Auth.require(manage-account)} decide, lightweight tokens included. */
    private static boolean mayManageAccount(KeycloakSession session, RealmModel realm, BearerAuth auth) {
        String account = Constants.ACCOUNT_MANAGEMENT_CLIENT_ID;
        if (realm.getClientByClientId(account) == null) {
            return false;
        }
        AccessToken token = auth.token();
        if (token.getAudience() == null || token.getResourceAccess(account) == null) {
            AccessTokenIntrospectionProvider introspection = (AccessTokenIntrospectionProvider) session.getProvider(
                    TokenIntrospectionProvider.class, AccessTokenIntrospectionProviderFactory.ACCESS_TOKEN_TYPE);
            token = introspection.transformAccessToken(token, auth.session());
        }
        AccessToken.Access access = token.getResourceAccess(account);
        return token.hasAudience(account) && access != null && access.isUserInRole(AccountRoles.MANAGE_ACCOUNT);
    }
}
