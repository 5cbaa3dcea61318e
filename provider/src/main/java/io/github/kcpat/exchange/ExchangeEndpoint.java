package io.github.kcpat.exchange;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessTokenResponse;

import io.github.kcpat.verify.UseDoor;
import io.github.kcpat.rest.JsonResponses;
import io.github.kcpat.verify.Verdict;

/**
 * Door 1: {@code POST /realms/{realm}/personal-api-tokens/exchange} with {@code Authorization: APIToken <token>}
 * answers a short-lived access token for the token's owner, issued to the realm's exchange client.
 */
public final class ExchangeEndpoint {

    private final Door door;

    public ExchangeEndpoint(KeycloakSession session, RealmModel realm) {
        this.door = Door.answering(session, realm, UseDoor.EXCHANGE, ExchangeEndpoint::refusal);
    }

    /** The answer to a bad token, which a request to a disabled realm gets too. */
    public static Response refusal(RealmModel realm) {
        return ApiTokenHeader.unauthorized(realm);
    }

    @POST
    public Response exchange() {
        EventBuilder event = door.event(EventType.TOKEN_EXCHANGE);
        Verdict.Accepted accepted = door.admit(door.tokenFromHeader(), () -> event);
        AccessTokenResponse minted = door.mint(ExchangeClient.require(door.realm()), accepted, event);
        return door.answered(JsonResponses.of(Response.Status.OK, ExchangeResponse.of(minted)));
    }
}
