package io.github.kcpat.exchange;

import java.util.LinkedHashMap;
import java.util.Map;

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
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;

import io.github.kcpat.events.DoorEvents;
import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.events.TokenEvents;
import io.github.kcpat.rest.JsonResponses;
import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.verify.TokenVerifier;
import io.github.kcpat.verify.Verdict;

/**
 * Door 5: {@code POST /realms/{realm}/personal-api-tokens/verify} (form {@code token=}) for resource servers that
 * prefer to ask, answered in the RFC 7662 introspection shape. The caller authenticates as a confidential
 * client, exactly as at Keycloak's own introspection endpoint.
 */
public final class VerifyEndpoint {

    private final KeycloakSession session;
    private final RealmModel realm;

    public VerifyEndpoint(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The answer to a bad token, which a request to a disabled realm gets too. */
    public static Response refusal(RealmModel realm) {
        return JsonResponses.of(Response.Status.OK, Map.of("active", false));
    }

    @POST
    public Response verify() {
        EventBuilder event = TokenEvents.event(session, realm, EventType.INTROSPECT_TOKEN);
        ClientModel caller = confidentialCaller(event);
        event.client(caller);
        String presented = session.getContext().getHttpRequest().getDecodedFormParameters().getFirst("token");
        Verdict verdict = new TokenVerifier(session, realm).verify(presented);
        if (verdict instanceof Verdict.Refused refused) {
            DoorEvents.refused(event, refused);
            return refusal(realm);
        }
        Verdict.Accepted accepted = (Verdict.Accepted) verdict;
        DoorEvents.accepted(event, accepted);
        event.success();
        return JsonResponses.of(Response.Status.OK, introspection(accepted));
    }

    private ClientModel confidentialCaller(EventBuilder event) {
        ClientModel client;
        try {
            client = AuthorizeClientUtil.authorizeClient(session, event, null).getClient();
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

    private Map<String, Object> introspection(Verdict.Accepted accepted) {
        ApiTokenCredentialModel credential = accepted.credential();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("sub", accepted.owner().getId());
        body.put("username", accepted.owner().getUsername());
        body.put("scope", String.join(" ", accepted.scopes()));
        if (accepted.expiresAt() != null) {
            body.put("exp", accepted.expiresAt().getEpochSecond());
        }
        if (credential.createdAt() != null) {
            body.put("iat", credential.createdAt().getEpochSecond());
        }
        body.put("key", credential.key());
        body.put("client_id", TokenPolicy.of(realm).exchangeClientId());
        body.put("token_type", "APIToken");
        return body;
    }
}
