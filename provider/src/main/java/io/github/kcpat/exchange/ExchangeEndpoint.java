package io.github.kcpat.exchange;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessTokenResponse;

import io.github.kcpat.events.TokenEvents;
import io.github.kcpat.http.JsonResponses;
import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.verify.TokenVerifier;
import io.github.kcpat.verify.Verdict;

/**
 * Door 1: {@code POST /realms/{realm}/personal-api-tokens/exchange} with {@code Authorization: APIToken <token>}
 * answers a short-lived access token for the token's owner, issued to the realm's exchange client.
 */
public final class ExchangeEndpoint {

    private static final Logger LOG = Logger.getLogger(ExchangeEndpoint.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public ExchangeEndpoint(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @POST
    public Response exchange() {
        EventBuilder event = TokenEvents.event(session, realm, EventType.TOKEN_EXCHANGE);
        String presented = ApiTokenHeader.tokenFrom(session.getContext().getRequestHeaders());
        Verdict verdict = new TokenVerifier(session, realm).verify(presented);
        if (verdict instanceof Verdict.Refused refused) {
            if (refused.owner() != null) {
                event.user(refused.owner());
            }
            event.detail(Details.CREDENTIAL_ID, refused.key())
                    .detail(TokenEvents.REASON, refused.reason().eventDetail())
                    .error(Errors.INVALID_TOKEN);
            return unauthorized();
        }
        Verdict.Accepted accepted = (Verdict.Accepted) verdict;
        String clientId = TokenPolicy.of(realm).exchangeClientId();
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled()) {
            LOG.warnf("realm %s: the exchange client '%s' is missing or disabled", realm.getName(), clientId);
            return JsonResponses.error(Response.Status.INTERNAL_SERVER_ERROR, "server_error",
                    "The realm's API token exchange client is not available");
        }
        event.client(client)
                .user(accepted.owner())
                .detail(Details.CREDENTIAL_ID, accepted.credential().key())
                .detail(Details.CREDENTIAL_USER_LABEL, accepted.credential().name());
        AccessTokenResponse minted = AccessTokenMinter.mint(session, realm, client, accepted.owner(),
                accepted.credential().data().scopes(), event);
        event.success();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", minted.getToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", minted.getExpiresIn());
        body.put("scope", minted.getScope());
        return JsonResponses.of(Response.Status.OK, body);
    }

    private Response unauthorized() {
        return JsonResponses.errorBuilder(Response.Status.UNAUTHORIZED, "invalid_token",
                        "The API token is missing, malformed, unknown, disabled or expired")
                .header(HttpHeaders.WWW_AUTHENTICATE, ApiTokenHeader.challenge(realm.getName()))
                .build();
    }
}
