package io.github.kcpat.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the master realm's admin sets up over Keycloak's admin REST API for the admin-side tests.
 * <p>
 * Hand-made HTTP on purpose, not {@code keycloak-admin-client}: (1) the tests assert the raw status and body of our own
 * admin endpoints ({@link TokenAdminApi}), which a typed client hides behind exceptions, and the set-up calls share that
 * one {@link Http}; (2) the admin client's token manager renews its access token by the test JVM's clock, while
 * {@link TestClock} moves the server's clock ahead — its token would be expired on the server while the client still
 * trusts it. {@link AdminLogin} renews by {@link TestClock#serverNow(Http)}. The dozen calls here are not worth a second
 * HTTP stack (RESTEasy client and its Jackson) on the test class path next to Selenium's.
 */
public final class KeycloakAdmin {

    public static final String REALM_MANAGEMENT = "realm-management";

    private final Http http;
    private final AdminLogin master;

    public KeycloakAdmin(Http http) {
        this.http = http;
        this.master = AdminLogin.master(http);
    }

    public Http http() {
        return http;
    }

    public AdminLogin login() {
        return master;
    }

    /** The personal-api-tokens admin API of {@code realm}, called by the master admin. */
    public TokenAdminApi tokens(String realm) {
        return new TokenAdminApi(http, realm, master);
    }

    public HttpResult get(String path) {
        return http.get(path, master.headers());
    }

    /**
     * Creates an enabled user whose password is {@code password} and whose profile is complete (so the password
     * grant works), holding the given client roles of {@code realm-management}; returns the user's id.
     */
    public String createUser(String realm, String username, String password, String... realmManagementRoles) {
        Map<String, Object> user = Map.of(
                "username", username,
                "enabled", true,
                "email", username + "@example.com",
                "emailVerified", true,
                "firstName", "Test",
                "lastName", username,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResult created = http.postJson("/admin/realms/" + realm + "/users", user, master.headers());
        assertEquals(201, created.status(), created::toString);
        String id = lastSegment(created.header("Location").orElseThrow());
        if (realmManagementRoles.length > 0) {
            grantClientRoles(realm, id, REALM_MANAGEMENT, realmManagementRoles);
        }
        return id;
    }

    public void grantClientRoles(String realm, String userId, String clientId, String... roles) {
        String client = clientUuid(realm, clientId);
        List<JsonNode> reps = new ArrayList<>();
        for (String role : roles) {
            HttpResult rep = get("/admin/realms/" + realm + "/clients/" + client + "/roles/" + role);
            assertEquals(200, rep.status(), rep::toString);
            reps.add(rep.json());
        }
        HttpResult granted = http.postJson("/admin/realms/" + realm + "/users/" + userId + "/role-mappings/clients/" + client,
                reps, master.headers());
        assertEquals(204, granted.status(), granted::toString);
    }

    public void deleteUser(String realm, String userId) {
        HttpResult deleted = http.delete("/admin/realms/" + realm + "/users/" + userId, master.headers());
        assertEquals(204, deleted.status(), deleted::toString);
    }

    public String clientUuid(String realm, String clientId) {
        HttpResult found = get("/admin/realms/" + realm + "/clients?clientId=" + clientId);
        assertEquals(200, found.status(), found::toString);
        assertEquals(1, found.json().size(), found::toString);
        return found.json().get(0).get("id").asText();
    }

    /** Creates a client from {@code representation}; returns its internal id. */
    public String createClient(String realm, Map<String, ?> representation) {
        HttpResult created = http.postJson("/admin/realms/" + realm + "/clients", representation, master.headers());
        assertEquals(201, created.status(), created::toString);
        return lastSegment(created.header("Location").orElseThrow());
    }

    public void deleteClient(String realm, String clientUuid) {
        HttpResult deleted = http.delete("/admin/realms/" + realm + "/clients/" + clientUuid, master.headers());
        assertEquals(204, deleted.status(), deleted::toString);
    }

    public JsonNode serviceAccountUser(String realm, String clientUuid) {
        HttpResult user = get("/admin/realms/" + realm + "/clients/" + clientUuid + "/service-account-user");
        assertEquals(200, user.status(), user::toString);
        return user.json();
    }

    /** Creates an empty enabled realm {@code realm}, replacing one left over by an earlier run. */
    public void createRealm(String realm) {
        HttpResult created = http.postJson("/admin/realms", Map.of("realm", realm, "enabled", true), master.headers());
        if (created.status() == 409) {
            deleteRealm(realm);
            created = http.postJson("/admin/realms", Map.of("realm", realm, "enabled", true), master.headers());
        }
        HttpResult result = created;
        assertEquals(201, result.status(), result::toString);
    }

    public void deleteRealm(String realm) {
        HttpResult deleted = http.delete("/admin/realms/" + realm, master.headers());
        assertEquals(204, deleted.status(), deleted::toString);
    }

    public ObjectNode realm(String realm) {
        HttpResult read = get("/admin/realms/" + realm);
        assertEquals(200, read.status(), read::toString);
        return (ObjectNode) read.json();
    }

    /** Reads the realm representation, lets {@code change} edit it and puts it back. */
    public void updateRealm(String realm, Consumer<ObjectNode> change) {
        ObjectNode rep = realm(realm);
        change.accept(rep);
        HttpResult updated = http.putJson("/admin/realms/" + realm, rep, master.headers());
        assertEquals(204, updated.status(), updated::toString);
    }

    /** Stored user events of {@code realm}, newest first. */
    public HttpResult events(String realm, int max) {
        return get("/admin/realms/" + realm + "/events?max=" + max);
    }

    /** Stored admin events of {@code realm}, newest first. */
    public HttpResult adminEvents(String realm, int max) {
        return get("/admin/realms/" + realm + "/admin-events?max=" + max);
    }

    private static String lastSegment(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
