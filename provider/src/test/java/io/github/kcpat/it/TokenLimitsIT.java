package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.BoundClient;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoClient;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Door;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Least privilege per token, at every door: the roles chosen for a token are all its JWTs carry (intersected with the
 * owner's roles at each use, further narrowed at RFC 8693 and the Direct Grant by what the caller's client may carry,
 * never a role the policy forbids), and a token with an IP allowlist works only from there, as Keycloak sees the
 * caller's address: the forwarded one from the trusted proxy (127.0.0.1), the socket's from anyone else.
 */
@EveryKeycloakVersion
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenLimitsIT {

    private static final String READER = "limits-reader";
    private static final String WRITER = "limits-writer";
    private static final String EDITOR = "limits-editor";
    private static final String UNHELD = "limits-unheld";
    private static final String ORDERS = "limits-orders";

    private final DemoRealm realm;
    private final KeycloakServer server;
    private final KeycloakAdmin keycloak;
    private final Doors doors;
    private String username;
    private String userId;
    private String ordersId;
    private TokenApi owner;
    private TokenAdminApi admin;
    private JsonNode policyBefore;

    TokenLimitsIT(DemoRealm realm, KeycloakServer server) {
        this.realm = realm;
        this.server = server;
        this.keycloak = new KeycloakAdmin(realm.http());
        this.doors = realm.doors();
    }

    @BeforeAll
    void anOwnerWithRolesOfTheRealmAndOfAClient() {
        for (String role : List.of(READER, WRITER, UNHELD)) {
            created(realm.asAdmin("POST", "/roles", Map.of("name", role)));
        }
        created(realm.asAdmin("POST", "/roles", Map.of("name", EDITOR, "composite", true)));
        created(realm.asAdmin("POST", "/roles/" + EDITOR + "/composites", List.of(role(WRITER))));
        ordersId = keycloak.createClient(DemoRealm.NAME, Map.of("clientId", ORDERS, "bearerOnly", true));
        for (String role : List.of("read", "write")) {
            created(realm.asAdmin("POST", "/clients/" + ordersId + "/roles", Map.of("name", role)));
        }
        username = uniqueName("limited");
        userId = realm.createUser(username);
        created(realm.asAdmin("POST", "/users/" + userId + "/role-mappings/realm", List.of(role(READER), role(WRITER))));
        keycloak.grantClientRoles(DemoRealm.NAME, userId, ORDERS, "read", "write");
        owner = realm.tokensOf(username);
        admin = keycloak.tokens(DemoRealm.NAME);
        policyBefore = admin.policy().json();
    }

    @AfterAll
    void removeTheFixture() {
        admin.putPolicy(Map.of("roleSelection", true, "forbiddenRoles", policyBefore.path("forbiddenRoles"),
                "allowedIpsRequired", false, "allowedIpsMinPrefixIpv4", 0, "allowedIpsMinPrefixIpv6", 0));
        realm.deleteUser(userId);
        keycloak.deleteClient(DemoRealm.NAME, ordersId);
        for (String role : List.of(EDITOR, READER, WRITER, UNHELD)) {
            realm.asAdmin("DELETE", "/roles/" + role, null);
        }
    }

    @Test
    void theChosenRolesAreAllAJwtOfTheRealmsDoorsCarries() {
        CreatedToken token = owner.createToken(Map.of("name", uniqueName("chosen"),
                "roles", Map.of("realm", List.of(READER), "clients", Map.of(ORDERS, List.of("read")))));
        assertEquals("{\"realm\":[\"" + READER + "\"],\"clients\":{\"" + ORDERS + "\":[\"read\"]}}",
                token.representation().path("roles").toString());

        assertRoles(jwtFrom(doors.exchange(token.value())), Set.of(READER), Set.of("read"));
        assertRoles(jwtFromForwardAuth(doors.forwardAuth(token.value())), Set.of(READER), Set.of("read"));
        JsonNode verified = doors.verify(DemoClient.OTHER_SERVICE, token.value()).json();
        assertRoles(verified, Set.of(READER), Set.of("read"));
    }

    @Test
    void theDirectGrantCarriesTheChosenRolesThoughItsClientMayCarryAll() {
        CreatedToken chosen = owner.createToken(Map.of("name", uniqueName("grant-chosen"),
                "roles", Map.of("clients", Map.of(ORDERS, List.of("write")))));
        assertRoles(jwtFrom(doors.directGrant(username, chosen.value())), Set.of(), Set.of("write"));

        CreatedToken unchosen = owner.createToken(uniqueName("grant-unchosen"));
        JsonNode claims = jwtFrom(doors.directGrant(username, unchosen.value()));
        assertTrue(roles(claims.path("realm_access")).containsAll(Set.of(READER, WRITER)), claims::toString);
    }

    @Test
    void keycloaksOwnIntrospectionCannotWorkADirectGrantJwtsRolesOutAgain() {
        CreatedToken chosen = owner.createToken(Map.of("name", uniqueName("grant-introspected"),
                "roles", Map.of("realm", List.of(READER))));
        HttpResult grant = doors.directGrant(username, chosen.value());
        assertRoles(jwtFrom(grant), Set.of(READER), Set.of());
        // the session is transient, as at every other door: nothing for introspection to rebuild the roles from
        HttpResult introspected = realm.http().postForm("/realms/" + DemoRealm.NAME + "/protocol/openid-connect/token/introspect",
                Map.of("token", grant.text("access_token")), DemoClient.OTHER_SERVICE.basicAuth());
        assertEquals(200, introspected.status(), introspected::toString);
        assertFalse(introspected.json().path("active").asBoolean(), introspected::toString);
        assertFalse(introspected.body().contains(WRITER), introspected::toString);
    }

    @Test
    void tokenExchangeNarrowsTheChosenRolesToWhatTheRequestingClientMayCarry() {
        String gateway = keycloak.clientUuid(DemoRealm.NAME, DemoClient.API_GATEWAY.clientId());
        String mappings = "/clients/" + gateway + "/scope-mappings/realm";
        created(realm.asAdmin("POST", mappings, List.of(role(READER))));
        try {
            CreatedToken token = owner.createToken(Map.of("name", uniqueName("narrowed"),
                    "roles", Map.of("realm", List.of(READER, WRITER), "clients", Map.of(ORDERS, List.of("read")))));
            assertRoles(jwtFrom(doors.tokenExchange(DemoClient.API_GATEWAY, token.value())), Set.of(READER), Set.of());
        } finally {
            realm.asAdmin("DELETE", mappings, List.of(role(READER)));
        }
    }

    @Test
    void aRoleTheOwnerLosesLeavesEveryTokenAtOnce() {
        CreatedToken token = owner.createToken(Map.of("name", uniqueName("losing"), "roles", Map.of("realm", List.of(READER, WRITER))));
        assertRoles(jwtFromForwardAuth(doors.forwardAuth(token.value())), Set.of(READER, WRITER), Set.of());
        String mapping = "/users/" + userId + "/role-mappings/realm";
        realm.asAdmin("DELETE", mapping, List.of(role(WRITER)));
        try {
            // forward-auth reuses a minted JWT for a while: not one with a role its owner no longer holds
            assertRoles(jwtFromForwardAuth(doors.forwardAuth(token.value())), Set.of(READER), Set.of());
            assertRoles(jwtFrom(doors.exchange(token.value())), Set.of(READER), Set.of());
            assertRoles(doors.verify(DemoClient.OTHER_SERVICE, token.value()).json(), Set.of(READER), Set.of());
        } finally {
            created(realm.asAdmin("POST", mapping, List.of(role(WRITER))));
        }
    }

    @Test
    void aForbiddenRoleCannotBeChosenAndLeavesTokensThatHaveIt() {
        created(realm.asAdmin("POST", "/users/" + userId + "/role-mappings/realm", List.of(role(EDITOR))));
        CreatedToken before = owner.createToken(Map.of("name", uniqueName("before-ban"),
                "roles", Map.of("realm", List.of(READER, EDITOR))));
        assertRoles(jwtFrom(doors.exchange(before.value())), Set.of(READER, EDITOR, WRITER), Set.of());

        assertEquals(200, admin.putPolicy(Map.of("forbiddenRoles", Map.of("realm", List.of(WRITER)))).status());
        try {
            // the composite that holds the forbidden role goes with it
            assertRoles(jwtFrom(doors.exchange(before.value())), Set.of(READER), Set.of());
            assertRoles(jwtFrom(doors.directGrant(username, before.value())), Set.of(READER), Set.of());
            int held = owner.count();
            for (String banned : List.of(WRITER, EDITOR)) {
                HttpResult refused = owner.create(Map.of("name", uniqueName("banned"), "roles", Map.of("realm", List.of(banned))));
                assertError(refused, 400, "invalid_request");
                assertTrue(refused.text("error_description").contains("cannot be carried by a token"), refused::toString);
            }
            assertEquals(held, owner.count());
            JsonNode offered = owner.roles().json();
            assertTrue(Http.list(offered.path("realm")).contains(READER), offered::toString);
            assertFalse(Http.list(offered.path("realm")).contains(WRITER), offered::toString);
            assertFalse(Http.list(offered.path("realm")).contains(EDITOR), offered::toString);
        } finally {
            admin.putPolicy(Map.of("forbiddenRoles", policyBefore.path("forbiddenRoles")));
            realm.asAdmin("DELETE", "/users/" + userId + "/role-mappings/realm", List.of(role(EDITOR)));
        }
    }

    @Test
    void theRealmManagementRolesAreForbiddenByDefault() {
        keycloak.grantClientRoles(DemoRealm.NAME, userId, KeycloakAdmin.REALM_MANAGEMENT, "manage-users", "view-users");
        try {
            JsonNode offered = owner.roles().json();
            List<String> management = Http.list(offered.path("clients").path(KeycloakAdmin.REALM_MANAGEMENT));
            assertTrue(management.contains("view-users"), offered::toString);
            assertFalse(management.contains("manage-users"), offered::toString);
            HttpResult refused = owner.create(Map.of("name", uniqueName("manager"),
                    "roles", Map.of("clients", Map.of(KeycloakAdmin.REALM_MANAGEMENT, List.of("manage-users")))));
            assertError(refused, 400, "invalid_request");
        } finally {
            realm.asAdmin("DELETE", "/users/" + userId + "/role-mappings/clients/"
                    + keycloak.clientUuid(DemoRealm.NAME, KeycloakAdmin.REALM_MANAGEMENT), List.of(
                    clientRole(KeycloakAdmin.REALM_MANAGEMENT, "manage-users"), clientRole(KeycloakAdmin.REALM_MANAGEMENT, "view-users")));
        }
    }

    @Test
    void onlyRolesTheOwnerHoldsCanBeChosenAndOnlyWhereThePolicyOffersIt() {
        int held = owner.count();
        for (Map<String, ?> roles : List.of(Map.of("realm", List.of(UNHELD)), Map.of("realm", List.of("no-such-role")),
                Map.of("clients", Map.of("no-such-client", List.of("read"))), Map.of("clients", Map.of(ORDERS, List.of("delete"))))) {
            HttpResult refused = owner.create(Map.of("name", uniqueName("unheld"), "roles", roles));
            assertError(refused, 400, "invalid_request");
            assertTrue(refused.text("error_description").contains("is not a role the token's owner holds"), refused::toString);
        }
        assertEquals(200, admin.putPolicy(Map.of("roleSelection", false)).status());
        try {
            HttpResult refused = owner.create(Map.of("name", uniqueName("unoffered"), "roles", Map.of("realm", List.of(READER))));
            assertError(refused, 400, "invalid_request");
            assertEquals("{\"realm\":[],\"clients\":{}}", owner.roles().json().toString());
        } finally {
            admin.putPolicy(Map.of("roleSelection", true));
        }
        assertEquals(held, owner.count());
    }

    @Test
    void rolesAreChangedAndClearedWithPatchByOwnerAndAdmin() {
        CreatedToken token = owner.createToken(uniqueName("patched"));
        assertTrue(token.representation().path("roles").isNull(), token::toString);
        HttpResult set = owner.patch(token.key(), Map.of("roles", Map.of("realm", List.of(READER))));
        assertEquals(200, set.status(), set::toString);
        assertRoles(jwtFrom(doors.exchange(token.value())), Set.of(READER), Set.of());

        Map<String, Object> clear = new HashMap<>();
        clear.put("roles", null);
        HttpResult cleared = admin.patch(token.key(), clear);
        assertEquals(200, cleared.status(), cleared::toString);
        assertTrue(cleared.json().path("roles").isNull(), cleared::toString);
        HttpResult unheld = admin.patch(token.key(), Map.of("roles", Map.of("realm", List.of(UNHELD))));
        assertError(unheld, 400, "invalid_request");
    }

    @Test
    void anAllowlistedTokenWorksOnlyFromWhereKeycloakSeesTheCallerAsAllowed() {
        CreatedToken token = owner.createToken(Map.of("name", uniqueName("fenced"), "allowedIps", List.of("127.0.0.2/32")));
        assertEquals("[\"127.0.0.2\"]", token.representation().path("allowedIps").toString());
        String exchange = DemoRealm.API + "/exchange";
        String[] apiToken = {"Authorization", "APIToken " + token.value()};

        for (Door door : Door.values()) {
            door.assertRefused(door.call(doors, username, token.value()));
        }
        assertExchanged(BoundClient.from("127.0.0.2", server.baseUrl()).post(exchange, "text/plain", "", apiToken));
        HttpResult elsewhere = BoundClient.from("127.0.0.3", server.baseUrl()).post(exchange, "text/plain", "", apiToken);
        assertEquals(401, elsewhere.status(), elsewhere::toString);

        // a header names the allowed address: believed from the trusted proxy only
        String[] forwarded = {"Authorization", "APIToken " + token.value(), "X-Forwarded-For", "127.0.0.2"};
        HttpResult spoofed = BoundClient.from("127.0.0.3", server.baseUrl()).post(exchange, "text/plain", "", forwarded);
        assertEquals(401, spoofed.status(), spoofed::toString);
        assertExchanged(BoundClient.from(KeycloakServer.TRUSTED_PROXY, server.baseUrl()).post(exchange, "text/plain", "", forwarded));
    }

    @Test
    void allowlistsAreValidatedNormalisedAndHeldToThePolicy() {
        int held = owner.count();
        for (Object bad : List.of(List.of("example.com"), List.of("10.0.0.0/33"), List.of("300.1.1.1"), "10.0.0.0/8",
                List.of("10.0.0.1", 7), java.util.stream.IntStream.range(0, 33).mapToObj(i -> "10.0.0." + i).toList())) {
            HttpResult refused = owner.create(Map.of("name", uniqueName("bad-ip"), "allowedIps", bad));
            assertError(refused, 400, "invalid_request");
            assertTrue(refused.text("error_description").startsWith("allowedIps must be an array"), refused::toString);
        }
        CreatedToken normalised = owner.createToken(Map.of("name", uniqueName("normalised"),
                "allowedIps", List.of("10.1.2.3/8", "2001:DB8:0:0::1/32", "10.0.0.0/8")));
        assertEquals("[\"10.0.0.0/8\",\"2001:db8::/32\"]", normalised.representation().path("allowedIps").toString());

        assertEquals(200, admin.putPolicy(Map.of("allowedIpsRequired", true, "allowedIpsMinPrefixIpv4", 16)).status());
        try {
            HttpResult none = owner.create(Map.of("name", uniqueName("anywhere")));
            assertError(none, 400, "invalid_request");
            assertTrue(none.text("error_description").contains("requires an IP allowlist"), none::toString);
            HttpResult wide = owner.create(Map.of("name", uniqueName("wide"), "allowedIps", List.of("10.0.0.0/8")));
            assertError(wide, 400, "invalid_request");
            assertTrue(wide.text("error_description").contains("10.0.0.0/8 is wider than this realm allows"), wide::toString);
            HttpResult clearing = owner.patch(normalised.key(), Map.of("allowedIps", List.of()));
            assertError(clearing, 400, "invalid_request");
            CreatedToken narrow = owner.createToken(Map.of("name", uniqueName("narrow"), "allowedIps", List.of("10.1.0.0/16")));
            assertEquals("[\"10.1.0.0/16\"]", narrow.representation().path("allowedIps").toString());
        } finally {
            admin.putPolicy(Map.of("allowedIpsRequired", false, "allowedIpsMinPrefixIpv4", 0));
        }
        assertEquals(held + 2, owner.count());

        JsonNode adminMade = admin.createToken(Map.of("user", userId, "name", uniqueName("admin-fenced"),
                "allowedIps", List.of("127.0.0.2")));
        assertEquals("[\"127.0.0.2\"]", adminMade.path("allowedIps").toString());
        HttpResult fencedIn = admin.patch(normalised.key(), Map.of("allowedIps", List.of("192.0.2.0/24")));
        assertEquals(200, fencedIn.status(), fencedIn::toString);
        Door.EXCHANGE.assertRefused(doors.exchange(normalised.value()));
        assertEquals(200, owner.patch(normalised.key(), Map.of("allowedIps", List.of())).status());
        assertExchanged(doors.exchange(normalised.value()));
    }

    private static void assertRoles(JsonNode claims, Set<String> realmRoles, Set<String> orderRoles) {
        assertEquals(new TreeSet<>(realmRoles), roles(claims.path("realm_access")), claims::toString);
        assertEquals(new TreeSet<>(orderRoles), roles(claims.path("resource_access").path(ORDERS)), claims::toString);
        claims.path("resource_access").fieldNames().forEachRemaining(client -> assertEquals(ORDERS, client, claims::toString));
    }

    private static Set<String> roles(JsonNode access) {
        return new TreeSet<>(Http.list(access.path("roles")));
    }

    private JsonNode jwtFrom(HttpResult door) {
        assertExchanged(door);
        return realm.verifyJwt(door.text("access_token")).claims();
    }

    private JsonNode jwtFromForwardAuth(HttpResult auth) {
        assertEquals(200, auth.status(), auth::toString);
        return realm.verifyJwt(auth.header("Authorization").orElseThrow().substring("Bearer ".length())).claims();
    }

    private JsonNode role(String name) {
        HttpResult found = realm.asAdmin("GET", "/roles/" + name, null);
        assertEquals(200, found.status(), found::toString);
        return found.json();
    }

    private JsonNode clientRole(String clientId, String name) {
        HttpResult found = realm.asAdmin("GET", "/clients/" + keycloak.clientUuid(DemoRealm.NAME, clientId) + "/roles/" + name, null);
        assertEquals(200, found.status(), found::toString);
        return found.json();
    }

    private static void created(HttpResult result) {
        assertTrue(result.status() == 201 || result.status() == 204, result::toString);
    }
}
