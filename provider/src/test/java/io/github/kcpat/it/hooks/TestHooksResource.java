package io.github.kcpat.it.hooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.kcpat.compat.BearerAuth;

import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * {@code /realms/master/test-hooks/{clock,database,log}}. Three guards before any hook, so it can never pass for a
 * production endpoint: only the master realm, only from loopback, only with a master-realm access token whose user holds
 * the realm role {@code admin}.
 */
public final class TestHooksResource {

    private final KeycloakSession session;

    TestHooksResource(KeycloakSession session) {
        this.session = session;
    }

    @Path("clock")
    public ClockHook clock() {
        guard();
        return new ClockHook();
    }

    @Path("database")
    public DatabaseHook database() {
        guard();
        return new DatabaseHook(session);
    }

    @Path("log")
    public LogHook log() {
        guard();
        return new LogHook();
    }

    private void guard() {
        RealmModel realm = session.getContext().getRealm();
        if (!"master".equals(realm.getName())) {
            throw refused(Response.Status.NOT_FOUND, "not_found", "The test hooks exist in the master realm only");
        }
        if (!fromLoopback()) {
            throw refused(Response.Status.FORBIDDEN, "forbidden", "The test hooks answer loopback callers only");
        }
        BearerAuth auth = BearerAuth.authenticate(session, realm);
        if (auth == null) {
            throw refused(Response.Status.UNAUTHORIZED, "invalid_token", "A master-realm admin's access token is required");
        }
        RoleModel admin = realm.getRole(AdminRoles.ADMIN);
        if (admin == null || !auth.user().hasRole(admin)) {
            throw refused(Response.Status.FORBIDDEN, "forbidden", "Only a master-realm admin may use the test hooks");
        }
    }

    private boolean fromLoopback() {
        try {
            return InetAddress.getByName(session.getContext().getConnection().getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static WebApplicationException refused(Response.Status status, String error, String description) {
        return new WebApplicationException(error(status, error, description));
    }

    static Response error(Response.Status status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", error, "error_description", description)).build();
    }
}
