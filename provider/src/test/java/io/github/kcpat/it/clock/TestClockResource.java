package io.github.kcpat.it.clock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * {@code GET|PUT /realms/master/test-clock/offset}: Keycloak's clock offset in seconds, as its own testsuite sets it.
 * Three guards, so it can never pass for a production endpoint: only the master realm, only from loopback, only with a
 * master-realm access token whose user holds the realm role {@code admin}. The offset is JVM-wide: a test that shifts it
 * runs alone on that server and puts it back to 0 when done.
 */
public final class TestClockResource {

    private final KeycloakSession session;

    TestClockResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("offset")
    @Produces(MediaType.APPLICATION_JSON)
    public Response offset() {
        Response refused = refusal();
        return refused != null ? refused : current();
    }

    @PUT
    @Path("offset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response setOffset(Map<String, Object> body) {
        Response refused = refusal();
        if (refused != null) {
            return refused;
        }
        Object seconds = body == null ? null : body.get("seconds");
        if (!(seconds instanceof Integer value)) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", "Send {\"seconds\": <integer>}");
        }
        Time.setOffset(value);
        return current();
    }

    private static Response current() {
        return Response.ok(Map.of("seconds", Time.getOffset())).build();
    }

    private Response refusal() {
        RealmModel realm = session.getContext().getRealm();
        if (!"master".equals(realm.getName())) {
            return error(Response.Status.NOT_FOUND, "not_found", "The test clock exists in the master realm only");
        }
        if (!fromLoopback()) {
            return error(Response.Status.FORBIDDEN, "forbidden", "The test clock answers loopback callers only");
        }
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        if (auth == null) {
            return error(Response.Status.UNAUTHORIZED, "invalid_token", "A master-realm admin's access token is required");
        }
        RoleModel admin = realm.getRole(AdminRoles.ADMIN);
        if (admin == null || !auth.user().hasRole(admin)) {
            return error(Response.Status.FORBIDDEN, "forbidden", "Only a master-realm admin may shift the clock");
        }
        return null;
    }

    private boolean fromLoopback() {
        try {
            return InetAddress.getByName(session.getContext().getConnection().getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Response error(Response.Status status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", error, "error_description", description)).build();
    }
}
