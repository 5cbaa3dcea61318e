package io.github.kcpat.exchange;

import java.util.Set;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;

import io.github.kcpat.verify.UseDoor;
import io.github.kcpat.events.DoorEvents;
import io.github.kcpat.rest.JsonResponses;
import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.verify.Verdict;

/**
 * Door 5: {@code POST /realms/{realm}/personal-api-tokens/verify} (form {@code token=}) for resource servers that
 * prefer to ask, answered in the RFC 7662 introspection shape. The caller authenticates as a confidential
 * client, exactly as at Keycloak's own introspection endpoint. The roles answered are those a JWT from the exchange
 * door would carry now ({@code realm_access} / {@code resource_access}).
 */
public final class VerifyEndpoint {

    private final Door door;

    public VerifyEndpoint(KeycloakSession session, RealmModel realm) {
        this.door = Door.answering(session, realm, UseDoor.VERIFY, VerifyEndpoint::refusal);
    }

    /** The answer to a bad token, which a request to a disabled realm gets too. */
    public static Response refusal(RealmModel realm) {
        return JsonResponses.of(Response.Status.OK, Introspection.INACTIVE);
    }

    @POST
    public Response verify() {
        EventBuilder event = door.event(EventType.INTROSPECT_TOKEN);
        ClientModel caller = confidentialCaller(event);
        event.client(caller);
        String presented = door.session().getContext().getHttpRequest().getDecodedFormParameters().getFirst("token");
        Verdict.Accepted accepted = door.admit(presented, () -> event);
        DoorEvents.accepted(event, accepted);
        event.success();
        ClientModel exchangeClient = ExchangeClient.of(door.realm());
        Set<RoleModel> roles = exchangeClient == null ? Set.of() : door.roles(accepted, true).apply(() -> AccessTokenMinter.scopedRoles(
                door.session(), door.realm(), exchangeClient, accepted.owner(), accepted.scopes()));
        return door.answered(JsonResponses.of(Response.Status.OK,
                Introspection.of(accepted, TokenPolicy.of(door.realm()).exchangeClientId(), roles)));
    }

    private ClientModel confidentialCaller(EventBuilder event) {
        ClientModel client;
        try {
            client = AuthorizeClientUtil.authorizeClient(door.session(), event, null).getClient();
        } catch (WebApplicationException e) {
            throw JsonResponses.failure(Response.Status.UNAUTHORIZED, "invalid_client",
                    "Authenticate as a confidential client of this realm");
        }
        if (client.isPublicClient()) {
            event.detail(Details.REASON, "public client").error(Errors.INVALID_CLIENT);
            throw JsonResponses.failure(Response.Status.UNAUTHORIZED, "invalid_client",
                    "Authenticate as a confidential client of this realm");
        }
        return client;
    }
}
