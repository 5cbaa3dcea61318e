package io.github.kcpat.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.TokenUtil;

import io.github.kcpat.compat.ResolvedRoles;
import io.github.kcpat.limits.RoleLimits;
import io.github.kcpat.verify.Provenance;
import io.github.kcpat.verify.Verdict;

/**
 * What door 4 adds to Keycloak's password grant so that a JWT born from an API token cannot outgrow the token:
 * no refresh token and no offline session (either would keep working after the token is disabled or deleted),
 * the token's scopes instead of the caller's, and the marks of {@link Provenance}.
 */
final class DirectGrantRules {

    private DirectGrantRules() {
    }

    /** Why this request must not be answered with an API token, as an OAuth error, or {@code null} when it may. */
    static Refusal refusal(ClientModel client, String requestedScope) {
        if (OIDCAdvancedConfigWrapper.fromClientModel(client).isUseRefreshToken()) {
            return new Refusal("client issues refresh tokens", OAuthErrorException.UNAUTHORIZED_CLIENT,
                    "Personal API tokens need a client with 'Use refresh tokens' off: a refresh token would outlive the API token");
        }
        if (TokenUtil.isOfflineTokenRequested(requestedScope)) {
            return new Refusal("offline_access requested", OAuthErrorException.INVALID_SCOPE,
                    "offline_access cannot be granted for a personal API token: an offline session would outlive it");
        }
        return null;
    }

    /**
     * Shapes the grant Keycloak finishes after the flow. Keycloak reads the {@code scope} client note once the flow
     * succeeded ({@code AuthenticationManager.setClientScopesInSession}), so replacing it makes the token's scopes
     * the requested ones: the client's default scopes still apply, and each token scope the client offers as an
     * optional client scope is added; what the caller asked for counts only for {@code openid} (an ID token too).
     */
    static void shape(AuthenticationSessionModel authSession, String tokenKey, List<String> tokenScopes, String requestedScope) {
        List<String> scopes = new ArrayList<>();
        if (TokenUtil.isOIDCRequest(requestedScope)) {
            scopes.add(OAuth2Constants.SCOPE_OPENID);
        }
        tokenScopes.stream().filter(name -> !OAuth2Constants.OFFLINE_ACCESS.equals(name)).forEach(scopes::add);
        authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, String.join(" ", scopes));
        // level of authentication 0: Keycloak's acr mapper then writes "0", not the "1" of an interactive login
        authSession.setAuthNote(Constants.LEVEL_OF_AUTHENTICATION, Provenance.ACR);
        authSession.setUserSessionNote(Provenance.SESSION_NOTE, tokenKey);
        // nothing stored, as at the other doors: a stored session would let Keycloak's introspection and userinfo
        // endpoints work the JWT's roles out again from the owner's, past the token's chosen and forbidden roles
        authSession.setClientNote(AuthenticationManager.USER_SESSION_PERSISTENT_STATE,
                UserSessionModel.SessionPersistenceState.TRANSIENT.name());
    }

    /**
     * Fixes the roles of the JWT Keycloak is about to mint: those the token may carry of the roles the client and the
     * token's scopes give (the client here is the caller's, so chosen roles are narrowed by what it may carry).
     */
    static void limitRoles(KeycloakSession session, AuthenticationSessionModel authSession, Verdict.Accepted accepted) {
        ClientModel client = authSession.getClient();
        UserModel owner = accepted.owner();
        Set<RoleModel> granted = RoleLimits.granted(authSession.getRealm(), owner, accepted.chosenRoles(),
                accepted.forbiddenRoles(), () -> TokenManager.getAccess(owner, client, TokenManager.getRequestedClientScopes(
                        session, authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM), client, owner)), false);
        ResolvedRoles.preset(session, authSession.getParentSession().getId(), client, granted);
    }

    record Refusal(String reason, String error, String description) {

        Response response() {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new OAuth2ErrorRepresentation(error, description)).build();
        }
    }
}
