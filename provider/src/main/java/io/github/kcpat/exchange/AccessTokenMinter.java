package io.github.kcpat.exchange;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.keycloak.OAuth2Constants;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.UserSessionManager;

import io.github.kcpat.compat.ClientSessionContexts;
import io.github.kcpat.verify.Provenance;

/**
 * Issues a short-lived access token for a token's owner through Keycloak's own token machinery
 * (as the client-credentials grant does): realm keys, client mappers and lifespans all apply, and
 * the user and client sessions are transient, so nothing is stored.
 */
final class AccessTokenMinter {

    static final String AUTH_METHOD = "personal-api-token";

    private AccessTokenMinter() {
    }

    /**
     * @param tokenKey    key of the API token the JWT is minted for: it goes into the JWT as {@link Provenance#CLAIM}
     * @param tokenScopes names of realm client scopes the token carries; they apply on top of the
     *                    client's default scopes whether or not the client lists them as optional
     * @param roles       the roles the JWT carries, made from those Keycloak's scope rules give the client
     */
    static AccessTokenResponse mint(KeycloakSession session, RealmModel realm, ClientModel client, UserModel owner,
            String tokenKey, List<String> tokenScopes, Function<Supplier<Set<RoleModel>>, Set<RoleModel>> roles, EventBuilder event) {
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(null, realm, owner,
                owner.getUsername(), session.getContext().getConnection().getRemoteHost(), AUTH_METHOD, false, null, null,
                UserSessionModel.SessionPersistenceState.TRANSIENT);
        // mappers ask the context which client the token is for (a login would have set it)
        session.getContext().setClient(client);
        // a new transient session has no client session to look up, and no login to hand over: create it directly
        AuthenticatedClientSessionModel clientSession = session.sessions().createClientSession(realm, client, userSession);
        clientSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        clientSession.setNote(OIDCLoginProtocol.ISSUER, Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        clientSession.setNote(OIDCLoginProtocol.SCOPE_PARAM, String.join(" ", tokenScopes));
        clientSession.setNote(Constants.LEVEL_OF_AUTHENTICATION, String.valueOf(Constants.NO_LOA));
        clientSession.setTimestamp(userSession.getLastSessionRefresh());
        ClientSessionContext context = RoleLimitedContext.of(ClientSessionContexts.withScopes(
                clientSession, scopes(session, realm, client, owner, tokenScopes), session), roles);

        TokenManager.AccessTokenResponseBuilder response = new TokenManager()
                .responseBuilder(realm, client, event, session, userSession, context)
                .generateAccessToken();
        AccessToken token = response.getAccessToken();
        token.setSessionId(null);
        markProvenance(token, tokenKey);
        return response.build();
    }

    /**
     * Set after the client's mappers ran, so no mapper can drop or overwrite them: the self-service API refuses
     * any JWT with the claim, and a resource server can tell a token-born JWT from an interactive login.
     */
    private static void markProvenance(AccessToken token, String tokenKey) {
        token.setOtherClaims(Provenance.CLAIM, tokenKey);
        token.setAcr(Provenance.ACR);
        token.setOtherClaims(OAuth2Constants.AUTHENTICATOR_METHOD_REFERENCE, List.of(Provenance.AMR));
    }

    /** The roles Keycloak's scope rules give {@code client} for a JWT of the token's owner with these token scopes. */
    static Set<RoleModel> scopedRoles(KeycloakSession session, RealmModel realm, ClientModel client, UserModel owner,
            List<String> tokenScopes) {
        return TokenManager.getAccess(owner, client, scopes(session, realm, client, owner, tokenScopes).stream());
    }

    private static Set<ClientScopeModel> scopes(KeycloakSession session, RealmModel realm, ClientModel client, UserModel owner,
            List<String> tokenScopes) {
        Set<ClientScopeModel> scopes = new HashSet<>();
        TokenManager.getRequestedClientScopes(session, null, client, owner).forEach(scopes::add);
        tokenScopes.stream()
                .filter(name -> !OAuth2Constants.OFFLINE_ACCESS.equals(name))
                .map(name -> KeycloakModelUtils.getClientScopeByName(realm, name))
                .filter(Objects::nonNull)
                .forEach(scopes::add);
        return scopes;
    }
}
