package io.github.kcpat.exchange;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessTokenResponse;

import io.github.kcpat.events.DoorEvents;
import io.github.kcpat.events.TokenEvents;
import io.github.kcpat.rest.JsonResponses;
import io.github.kcpat.verify.TokenVerifier;
import io.github.kcpat.verify.Verdict;

/**
 * Door 1: {@code POST /realms/{realm}/personal-api-tokens/exchange} with {@code Authorization: APIToken <token>}
 * answers a short-lived access token for the token's owner, issued to the realm's exchange client.
 */
public final class ExchangeEndpoint {

    private final KeycloakSession session;
    private final RealmModel realm;

    public ExchangeEndpoint(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The answer to a bad token, which a request to a disabled realm gets too. */
    public static Response refusal(RealmModel realm) {
        return ApiTokenHeader.unauthorized(realm);
    }

    @POST
    public Response exchange() {
        EventBuilder event = TokenEvents.event(session, realm, EventType.TOKEN_EXCHANGE);
        String presented = ApiTokenHeader.tokenFrom(session.getContext().getRequestHeaders());
        Verdict verdict = new TokenVerifier(session, realm).verify(presented);
        if (verdict instanceof Verdict.Refused refused) {
            DoorEvents.refused(event, refused);
            return ApiTokenHeader.unauthorized(realm);
        }
        Verdict.Accepted accepted = (Verdict.Accepted) verdict;
        ClientModel client = ExchangeClient.of(realm);
        if (client == null) {
            return ExchangeClient.unavailable();
        }
        event.client(client);
        DoorEvents.accepted(event, accepted);
        AccessTokenResponse minted = AccessTokenMinter.mint(session, realm, client, accepted.owner(),
                accepted.credential().key(), accepted.scopes(), event);
        event.success();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", minted.getToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", minted.getExpiresIn());
        body.put("scope", minted.getScope());
        return JsonResponses.of(Response.Status.OK, body);
    }
}
