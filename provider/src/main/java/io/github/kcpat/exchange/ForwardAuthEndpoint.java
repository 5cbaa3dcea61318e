package io.github.kcpat.exchange;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessTokenResponse;

import io.github.kcpat.verify.UseDoor;
import io.github.kcpat.credential.TokenData;
import io.github.kcpat.limits.RoleLimits;
import io.github.kcpat.time.ServerClock;
import io.github.kcpat.verify.Verdict;

/**
 * Door 3, gateway forward-auth ({@code /realms/{realm}/personal-api-tokens/auth}, any method, any sub-path):
 * nginx {@code auth_request}, Traefik ForwardAuth and Envoy ext_authz ask here on every API request, with
 * {@code Authorization: APIToken <token>} or {@code Basic base64(owner:token)} ({@link BasicCredentials}).
 * 200 carries {@code Authorization: Bearer <jwt>} for the upstream; 401 carries the challenges of
 * {@link ForwardAuthChallenge}.
 */
public final class ForwardAuthEndpoint {

    static final String USER_HEADER = "X-Auth-Request-User";
    static final String EMAIL_HEADER = "X-Auth-Request-Email";
    static final String EMAIL_VERIFIED_HEADER = "X-Auth-Request-Email-Verified";

    private final Door door;
    private final MintedTokenCache minted;

    /** {@code minted}: this node's memory of minted JWTs, kept by the factory that serves the doors. */
    public ForwardAuthEndpoint(KeycloakSession session, RealmModel realm, MintedTokenCache minted) {
        this.door = Door.answering(session, realm, UseDoor.FORWARD_AUTH, refused -> refusal(session, refused));
        this.minted = minted;
    }

    /** The answer to a bad token in this request, which a request to a disabled realm gets too. */
    public static Response refusal(KeycloakSession session, RealmModel realm) {
        return ForwardAuthChallenge.unauthorized(session.getContext(), realm);
    }

    @GET
    public Response get() {
        return authorize();
    }

    @HEAD
    public Response head() {
        return authorize();
    }

    @POST
    public Response post() {
        return authorize();
    }

    @PUT
    public Response put() {
        return authorize();
    }

    @PATCH
    public Response patch() {
        return authorize();
    }

    @DELETE
    public Response delete() {
        return authorize();
    }

    /** Declared so that JAX-RS does not answer a gateway's OPTIONS subrequest by itself, with 200 and no check. */
    @OPTIONS
    public Response options() {
        return authorize();
    }

    /** Envoy's ext_authz appends the original path to the configured prefix. */
    @Path("{path: .+}")
    public ForwardAuthEndpoint anyPath() {
        return this;
    }

    private Response authorize() {
        Verdict.Accepted accepted = admit();
        ClientModel client = ExchangeClient.require(door.realm());
        UserModel owner = accepted.owner();
        String accessToken = accessToken(client, accepted);
        // an empty body, typed: Keycloak's security-headers filter refuses untyped responses
        Response.ResponseBuilder response = Response.ok("", MediaType.TEXT_PLAIN_TYPE)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .header(USER_HEADER, owner.getUsername())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        // an address nobody proved to own must not pass for the user's with an upstream that trusts the header
        boolean emailVerified = owner.getEmail() != null && owner.isEmailVerified();
        if (emailVerified) {
            response.header(EMAIL_HEADER, owner.getEmail());
        }
        response.header(EMAIL_VERIFIED_HEADER, String.valueOf(emailVerified));
        return door.answered(response.build());
    }

    /** Basic's token when its username names the owner; the APIToken header's token otherwise. */
    private Verdict.Accepted admit() {
        Supplier<EventBuilder> event = () -> door.event(EventType.TOKEN_EXCHANGE);
        String authorization = door.session().getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<BasicCredentials> basic = BasicCredentials.parse(authorization);
        if (basic.isPresent()) {
            return door.admit(basic.get().password(), basic.get().ownerTest(door.realm()), event);
        }
        return door.admit(door.tokenFromHeader(), event);
    }

    /** Reuses the access token minted for this very token state; mints (and logs the exchange) otherwise. */
    private String accessToken(ClientModel client, Verdict.Accepted accepted) {
        String key = accepted.credential().key();
        TokenData data = accepted.credential().data();
        // everything that shapes the minted token, but not lastUsedAt, which changes without changing it; the roles
        // chosen that the owner holds right now, so a role taken from the owner leaves the JWT at once
        String fingerprint = String.join("|", client.getId(), String.valueOf(accepted.scopes()), data.state().name(),
                String.valueOf(accepted.expiresAt()), String.valueOf(data.updatedAt()),
                RoleLimits.heldIds(door.realm(), accepted.owner(), accepted.chosenRoles()),
                String.valueOf(accepted.forbiddenRoles().hashCode()));
        long now = ServerClock.INSTANCE.instant().getEpochSecond();
        String realmId = door.realm().getId();
        MintedTokenCache.Minted cached = minted.get(realmId, key, fingerprint, now);
        if (cached != null) {
            return cached.accessToken();
        }
        AccessTokenResponse fresh = door.mint(client, accepted, door.event(EventType.TOKEN_EXCHANGE));
        minted.put(realmId, key, new MintedTokenCache.Minted(fingerprint, fresh.getToken(), now, now + fresh.getExpiresIn()));
        return fresh.getToken();
    }
}
