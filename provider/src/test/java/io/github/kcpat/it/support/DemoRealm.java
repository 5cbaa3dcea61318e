package io.github.kcpat.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The demo realm as its users and its admin reach it over HTTP. */
public final class DemoRealm {

    public static final String NAME = "demo";
    public static final String ROLE = "personal-api-tokens";
    public static final String API = "/realms/" + NAME + "/personal-api-tokens";
    /** The theme of this extension: account console (demo realm) and admin console (master realm). */
    public static final String THEME = "personal-api-tokens";

    private static final String ADMIN_USERS = "/admin/realms/" + NAME + "/users";
    private static final String BRUTE_FORCE_USERS = "/admin/realms/" + NAME + "/attack-detection/brute-force/users/";

    private final Http http;
    private String adminToken;
    private Instant adminTokenExpiry = Instant.MIN;

    private DemoRealm(KeycloakServer server) {
        this.http = new Http(server.baseUrl());
    }

    /**
     * The realm as {@code demo/run.sh} leaves it: the imported {@code demo-realm.json} plus the client scope
     * {@code demo-api-scope.json} next to it, added over the admin API because a realm file that lists any
     * client scope gets none of Keycloak's built-in ones, and given to {@code api-gateway} as an optional client
     * scope (imported before the scope existed, it would otherwise lack it, and RFC 8693 grants a client only its
     * own scopes); and the master realm's admin theme set to ours, which gives the admin console (signed in to
     * master, managing every realm) the page "User API tokens".
     */
    static DemoRealm setUp(KeycloakServer server, Path realmFile) {
        DemoRealm realm = new DemoRealm(server);
        String scopeId = realm.addOptionalClientScope(realmFile.resolveSibling("demo-api-scope.json"));
        realm.giveOptionalClientScope(DemoClient.API_GATEWAY.clientId(), scopeId);
        // door 4 grants a token's scopes only when its client offers them
        realm.giveOptionalClientScope(DemoClient.API_TOKEN_CLI.clientId(), scopeId);
        realm.setMasterAdminTheme(THEME);
        return realm;
    }

    /** The demo realm of a server a test runs itself ({@link KeycloakServer#independent}), set up as on the shared one. */
    public static DemoRealm on(KeycloakServer server) {
        return setUp(server, Path.of(System.getProperty("demo.realm")));
    }

    /**
     * The demo realm as reached through {@code server}, set up by someone else: e.g. a second node of a cluster whose
     * first node {@link #on set it up} (set-up calls on it would only repeat, and answer 409, what the first made).
     */
    public static DemoRealm through(KeycloakServer server) {
        return new DemoRealm(server);
    }

    public Http http() {
        return http;
    }

    /** A fresh access token of a demo user (whose password is the username) from client {@code demo-cli}. */
    public String userToken(String username) {
        return accessToken(NAME, "demo-cli", username, username).text("access_token");
    }

    public TokenApi tokensOf(String username) {
        return new TokenApi(http, userToken(username));
    }

    /** The self-service API called with any bearer token, e.g. one a door minted from an API token. */
    public TokenApi tokensWith(String accessToken) {
        return new TokenApi(http, accessToken);
    }

    public HttpResult exchange(String apiToken) {
        return doors().exchange(apiToken);
    }

    public Doors doors() {
        return new Doors(http);
    }

    public Jwt.Verified verifyJwt(String jwt) {
        return Jwt.verify(jwt, http.get("/realms/" + NAME + "/protocol/openid-connect/certs").json());
    }

    public String userId(String username) {
        HttpResult found = http.get(ADMIN_USERS + "?exact=true&username=" + username, admin());
        assertEquals(200, found.status(), found::toString);
        assertEquals(1, found.json().size(), found::toString);
        return found.json().get(0).get("id").asText();
    }

    public void setUserEnabled(String userId, boolean enabled) {
        updateUser(userId, rep -> rep.put("enabled", enabled));
    }

    /** Reads the user representation, lets {@code change} edit it and puts it back. */
    public void updateUser(String userId, Consumer<ObjectNode> change) {
        HttpResult user = http.get(ADMIN_USERS + "/" + userId, admin());
        assertEquals(200, user.status(), user::toString);
        ObjectNode rep = (ObjectNode) user.json();
        change.accept(rep);
        HttpResult updated = http.putJson(ADMIN_USERS + "/" + userId, rep, admin());
        assertEquals(204, updated.status(), updated::toString);
    }

    public void removeRealmRole(String userId, String role) {
        HttpResult removed = http.deleteJson(roleMappings(userId), List.of(realmRole(role)), admin());
        assertEquals(204, removed.status(), removed::toString);
    }

    public void addRealmRole(String userId, String role) {
        HttpResult added = http.postJson(roleMappings(userId), List.of(realmRole(role)), admin());
        assertEquals(204, added.status(), added::toString);
    }

    /**
     * Creates an enabled user {@code username} (password = username, e-mail {@code username@example.com}, profile
     * complete so the password grant works) holding the role {@code personal-api-tokens}; returns the user's id.
     */
    public String createUser(String username) {
        return createUser(userRepresentation(username, true, List.of()));
    }

    /**
     * The representation {@link #createUser(String)} uses, with {@code emailVerified} as given and {@code more}
     * credentials (e.g. an imported token credential) besides the password.
     */
    public static Map<String, Object> userRepresentation(String username, boolean emailVerified, List<?> more) {
        List<Object> credentials = new java.util.ArrayList<>();
        credentials.add(Map.of("type", "password", "value", username, "temporary", false));
        credentials.addAll(more);
        return Map.of(
                "username", username,
                "enabled", true,
                "email", username + "@example.com",
                "emailVerified", emailVerified,
                "firstName", "Test",
                "lastName", username,
                "credentials", credentials);
    }

    /** Creates a user from {@code user} and grants the role {@code personal-api-tokens}; returns the user's id. */
    public String createUser(Map<String, Object> user) {
        HttpResult created = http.postJson(ADMIN_USERS, user, admin());
        assertEquals(201, created.status(), created::toString);
        String location = created.header("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        addRealmRole(id, ROLE);
        return id;
    }

    public void deleteUser(String userId) {
        HttpResult deleted = http.delete(ADMIN_USERS + "/" + userId, admin());
        assertEquals(204, deleted.status(), deleted::toString);
    }

    /** Reads the realm representation, lets {@code change} edit it and puts it back. */
    public void updateRealm(Consumer<ObjectNode> change) {
        ObjectNode rep = representation();
        change.accept(rep);
        HttpResult updated = http.putJson("/admin/realms/" + NAME, rep, admin());
        assertEquals(204, updated.status(), updated::toString);
    }

    /** {@code PUT /admin/realms/master {"adminTheme": theme}}: the look of the admin console at /admin. */
    public void setMasterAdminTheme(String theme) {
        HttpResult updated = http.putJson("/admin/realms/master", Map.of("adminTheme", theme), admin());
        assertEquals(204, updated.status(), updated::toString);
    }

    /** The master realm's {@code adminTheme} (empty when none is set). */
    public String masterAdminTheme() {
        HttpResult read = http.get("/admin/realms/master", admin());
        assertEquals(200, read.status(), read::toString);
        return read.json().path("adminTheme").asText("");
    }

    /** The realm as the admin API represents it. */
    public ObjectNode representation() {
        HttpResult read = http.get("/admin/realms/" + NAME, admin());
        assertEquals(200, read.status(), read::toString);
        return (ObjectNode) read.json();
    }

    /** Keycloak's brute-force record of a user ({@code numFailures}, {@code disabled}, …). */
    public JsonNode bruteForceStatus(String userId) {
        HttpResult status = http.get(BRUTE_FORCE_USERS + userId, admin());
        assertEquals(200, status.status(), status::toString);
        return status.json();
    }

    public void clearBruteForce(String userId) {
        HttpResult cleared = http.delete(BRUTE_FORCE_USERS + userId, admin());
        assertEquals(204, cleared.status(), cleared::toString);
    }

    public HttpResult credentials(String userId) {
        return http.get(ADMIN_USERS + "/" + userId + "/credentials", admin());
    }

    /** Adds the client scope as a realm default optional scope; answers its id (also when it was there already). */
    private String addOptionalClientScope(Path representation) {
        String json;
        String name;
        try {
            json = Files.readString(representation);
            name = Http.JSON.readTree(json).path("name").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResult created = http.postJson("/admin/realms/" + NAME + "/client-scopes", json, admin());
        if (created.status() == 409) {
            return clientScopeId(name);
        }
        assertEquals(201, created.status(), created::toString);
        String location = created.header("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        HttpResult optional = http.put("/admin/realms/" + NAME + "/default-optional-client-scopes/" + id, admin());
        assertEquals(204, optional.status(), optional::toString);
        return id;
    }

    /** The id of the realm's client scope {@code name}. */
    public String clientScopeId(String name) {
        HttpResult scopes = http.get("/admin/realms/" + NAME + "/client-scopes", admin());
        assertEquals(200, scopes.status(), scopes::toString);
        for (JsonNode scope : scopes.json()) {
            if (name.equals(scope.path("name").asText())) {
                return scope.path("id").asText();
            }
        }
        throw new AssertionError("no client scope " + name + " in " + scopes);
    }

    /** Makes the client scope an optional client scope of the client {@code clientId}. */
    public void giveOptionalClientScope(String clientId, String scopeId) {
        HttpResult given = http.put(clientPath(clientId) + "/optional-client-scopes/" + scopeId, admin());
        assertTrue(given.status() == 204 || given.status() == 409, given::toString);
    }

    /** Takes the client scope from the client {@code clientId}, as a default and as an optional scope. */
    public void takeClientScope(String clientId, String scopeId) {
        String client = clientPath(clientId);
        for (String kind : List.of("/optional-client-scopes/", "/default-client-scopes/")) {
            HttpResult taken = http.delete(client + kind + scopeId, admin());
            assertTrue(taken.status() == 204 || taken.status() == 404, taken::toString);
        }
    }

    /** Any call of Keycloak's admin API on this realm, as the master admin: {@code path} below {@code /admin/realms/demo}. */
    public HttpResult asAdmin(String method, String path, Object body) {
        String full = "/admin/realms/" + NAME + path;
        return switch (method) {
            case "GET" -> http.get(full, admin());
            case "POST" -> http.postJson(full, body, admin());
            case "PUT" -> http.putJson(full, body, admin());
            case "DELETE" -> body == null ? http.delete(full, admin()) : http.deleteJson(full, body, admin());
            default -> throw new IllegalArgumentException(method);
        };
    }

    private String clientPath(String clientId) {
        HttpResult found = http.get("/admin/realms/" + NAME + "/clients?clientId=" + clientId, admin());
        assertEquals(200, found.status(), found::toString);
        assertEquals(1, found.json().size(), found::toString);
        return "/admin/realms/" + NAME + "/clients/" + found.json().get(0).path("id").asText();
    }

    private JsonNode realmRole(String role) {
        HttpResult found = http.get("/admin/realms/" + NAME + "/roles/" + role, admin());
        assertEquals(200, found.status(), found::toString);
        return found.json();
    }

    private static String roleMappings(String userId) {
        return ADMIN_USERS + "/" + userId + "/role-mappings/realm";
    }

    private synchronized String[] admin() {
        if (TestClock.serverNow(http).isAfter(adminTokenExpiry)) {
            HttpResult token = accessToken("master", "admin-cli", "admin", "admin");
            adminToken = token.text("access_token");
            adminTokenExpiry = TestClock.serverNow(http).plusSeconds(token.json().get("expires_in").asLong() - 15);
        }
        return new String[] {"Authorization", "Bearer " + adminToken};
    }

    private HttpResult accessToken(String realm, String clientId, String username, String password) {
        HttpResult token = http.postForm("/realms/" + realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", username,
                "password", password));
        assertEquals(200, token.status(), () -> "Cannot get an access token: " + token);
        return token;
    }
}
