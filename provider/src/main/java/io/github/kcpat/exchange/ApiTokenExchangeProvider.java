package io.github.kcpat.exchange;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.CorsErrorResponseException;

import io.github.kcpat.verify.UseDoor;
import io.github.kcpat.events.DoorEvents;
import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.verify.Verdict;

/**
 * Door 2: RFC 8693 token exchange at the realm's standard token endpoint, with
 * {@code subject_token_type=urn:keycloak:params:oauth:token-type:personal-api-token}. Keycloak has already
 * authenticated the client and applies client policies, CORS and events; this issues the access token to
 * that client, with the token's scopes narrowed to those the client was given and the request asks for, and
 * roles only as the client's and those scopes' role scope mappings allow, even for a client with
 * "Full scope allowed".
 */
final class ApiTokenExchangeProvider implements TokenExchangeProvider {

    static final String SUBJECT_TOKEN_TYPE = "urn:keycloak:params:oauth:token-type:personal-api-token";
    /** Client attribute that lets a client exchange API tokens; off unless set to "true". */
    static final String CLIENT_ATTRIBUTE = "personalApiTokens.exchange";

    @Override
    public boolean supports(TokenExchangeContext context) {
        return SUBJECT_TOKEN_TYPE.equals(context.getParams().getSubjectTokenType());
    }

    @Override
    public Response exchange(TokenExchangeContext context) {
        Door door = new Door(context.getSession(), context.getRealm(), UseDoor.TOKEN_EXCHANGE,
                () -> error(context, OAuthErrorException.INVALID_REQUEST, "Invalid subject token", Response.Status.BAD_REQUEST));
        EventBuilder event = context.getEvent();
        ClientModel client = context.getClient();
        event.detail(Details.CREDENTIAL_TYPE, ApiTokenCredentialModel.TYPE);
        if (client.isPublicClient() || !Boolean.parseBoolean(client.getAttribute(CLIENT_ATTRIBUTE))) {
            event.detail(Details.REASON, "client not allowed to exchange personal API tokens").error(Errors.NOT_ALLOWED);
            throw error(context, OAuthErrorException.ACCESS_DENIED, "Client not allowed to exchange personal API tokens",
                    Response.Status.FORBIDDEN);
        }
        String requestedType = context.getParams().getRequestedTokenType();
        if (requestedType != null && !OAuth2Constants.ACCESS_TOKEN_TYPE.equals(requestedType)) {
            event.detail(Details.REASON, "requested_token_type unsupported").error(Errors.INVALID_REQUEST);
            throw error(context, OAuthErrorException.INVALID_REQUEST, "requested_token_type unsupported", Response.Status.BAD_REQUEST);
        }
        Verdict.Accepted accepted = door.admit(context.getParams().getSubjectToken(), () -> event);
        DoorEvents.accepted(event, accepted);
        // a client with "Full scope allowed" would otherwise receive every role of the owner
        ClientModel issuedTo = client.isFullScopeAllowed() ? new ScopeLimitedClient(client) : client;
        // chosen roles narrowed further by what this client may carry: its scope mappings and those of the granted scopes
        AccessTokenResponse response = AccessTokenMinter.mint(context.getSession(), context.getRealm(), issuedTo,
                accepted.owner(), accepted.credential().key(), grantedScopes(accepted, client, context.getParams().getScope()),
                door.roles(accepted, false), event);
        response.setOtherClaims(OAuth2Constants.ISSUED_TOKEN_TYPE, OAuth2Constants.ACCESS_TOKEN_TYPE);
        event.success();
        return door.answered(context.getCors().add(Response.ok(response, MediaType.APPLICATION_JSON_TYPE)));
    }

    /**
     * The token's scopes that the client was given (as a default or optional client scope: a client cannot
     * receive a scope its admin did not give it), limited to those the request names when it names any.
     */
    private static List<String> grantedScopes(Verdict.Accepted accepted, ClientModel client, String requestedScope) {
        Set<String> clientScopes = new HashSet<>(client.getClientScopes(true).keySet());
        clientScopes.addAll(client.getClientScopes(false).keySet());
        List<String> tokenScopes = accepted.scopes().stream().filter(clientScopes::contains).toList();
        if (requestedScope == null || requestedScope.isBlank()) {
            return tokenScopes;
        }
        Set<String> requested = Arrays.stream(requestedScope.trim().split("\\s+")).collect(Collectors.toSet());
        return tokenScopes.stream().filter(requested::contains).toList();
    }

    private static CorsErrorResponseException error(TokenExchangeContext context, String error, String description,
            Response.Status status) {
        return new CorsErrorResponseException(context.getCors(), error, description, status);
    }

    @Override
    public void close() {
    }
}
