package io.github.kcpat.it.security;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertForwardAuthChallengesBasic;
import static io.github.kcpat.it.support.ApiAssertions.assertForwardAuthRefused;
import static io.github.kcpat.it.support.ApiAssertions.assertInactive;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.cli.CredentialJson;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoClient;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TestClock;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import io.github.kcpat.token.ApiToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, "every door, every time": each test is an attack that worked against the doors before, and each
 * restores what it changed in the shared demo realm.
 */
@ExtendWith(KeycloakExtension.class)
class DoorHardeningIT {

    private static final String DEMO_API = "demo-api";

    private final DemoRealm realm;
    private final Doors doors;
    private final KeycloakAdmin keycloak;
    private final TokenAdminApi admin;
    private final List<String> users = new ArrayList<>();

    DoorHardeningIT(DemoRealm realm) {
        this.realm = realm;
        this.doors = realm.doors();
        this.keycloak = new KeycloakAdmin(realm.http());
        this.admin = keycloak.tokens(DemoRealm.NAME);
    }

    private String username;
    private String ownerId;
    private TokenApi owner;

    @BeforeEach
    void aUserOfItsOwn() {
        username = uniqueName("door");
        ownerId = realm.createUser(username);
        users.add(ownerId);
        owner = realm.tokensOf(username);
    }

    @AfterEach
    void deleteUsers() {
        users.forEach(realm::deleteUser);
    }

    /** Attack: an admin switches a realm off, yet its tokens still open doors 1 to 5 and the self-service API. */
    @Test
    void aDisabledRealmOpensNoDoor() {
        CreatedToken token = owner.createToken(Map.of("name", uniqueName("off"), "scopes", List.of(DEMO_API)));
        String bearer = realm.userToken(username);
        withRealm(rep -> rep.put("enabled", false), () -> {
            assertRefused(doors.exchange(token.value()));
            assertForwardAuthRefused(doors.forwardAuth(token.value()));
            // a gateway that asked for the Basic challenge gets it, as for a bad token
            assertForwardAuthChallengesBasic(doors.forwardAuthRaw("?challenge=basic", Doors.basic(username, token.value())));
            assertInactive(doors.verify(DemoClient.API_GATEWAY, token.value()));
            assertError(doors.tokenExchange(DemoClient.API_GATEWAY, token.value()), 403, "access_denied");
            HttpResult grant = doors.directGrant(username, token.value());
            assertTrue(grant.status() >= 400, grant::toString);
            HttpResult listed = realm.http().get(DemoRealm.API + "/tokens", "Authorization", "Bearer " + bearer);
            assertError(listed, 401, "invalid_token");
            HttpResult created = realm.http().postJson(DemoRealm.API + "/tokens", Map.of("name", uniqueName("while-off")),
                    "Authorization", "Bearer " + bearer);
            assertError(created, 401, "invalid_token");
        });
        assertEquals(200, doors.exchange(token.value()).status(), "the realm is back on");
    }

    /** Attack: plain HTTP to a realm that requires HTTPS for all requests, which Keycloak's token endpoint refuses. */
    @Test
    void aRealmRequiringHttpsRefusesPlainHttpAtEveryDoor() {
        CreatedToken token = owner.createToken(uniqueName("https"));
        String bearer = realm.userToken(username);
        withRealm(rep -> rep.put("sslRequired", "all"), () -> {
            assertHttpsRequired(doors.exchange(token.value()));
            assertHttpsRequired(doors.forwardAuth(token.value()));
            assertHttpsRequired(doors.forwardAuth("OPTIONS", "/any/path", token.value()));
            assertHttpsRequired(doors.verify(DemoClient.API_GATEWAY, token.value()));
            assertHttpsRequired(realm.http().get(DemoRealm.API + "/tokens", "Authorization", "Bearer " + bearer));
            // doors 2 and 4 run inside Keycloak's token endpoint, which refuses on its own
            assertHttpsRequired(doors.tokenExchange(DemoClient.API_GATEWAY, token.value()));
            assertHttpsRequired(doors.directGrant(username, token.value()));
        });
    }

    /** Attack: a gateway forwards the client's method to forward-auth, and JAX-RS answered OPTIONS by itself with 200. */
    @Test
    void forwardAuthAsksForATokenWhateverTheMethod() {
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            for (String path : List.of("", "/api/items/1")) {
                HttpResult refused = realm.http().send(method, DemoRealm.API + "/auth" + path);
                assertForwardAuthRefused(refused);
                assertForwardAuthRefused(doors.forwardAuth(method, path, "kcpat_garbage"));
            }
        }
        CreatedToken token = owner.createToken(uniqueName("methods"));
        HttpResult options = doors.forwardAuth("OPTIONS", "/api/items/1", token.value());
        assertEquals(200, options.status(), options::toString);
        assertTrue(options.header("Authorization").orElse("").startsWith("Bearer "), options::toString);
        HttpResult head = doors.forwardAuth("HEAD", "", token.value());
        assertEquals(200, head.status(), head::toString);
        assertTrue(head.header("Authorization").orElse("").startsWith("Bearer "), head::toString);
    }

    /** Attack: a method JAX-RS cannot route must not be waved through either, with or without a token. */
    @Test
    void forwardAuthNeverAnswersAnOddMethodWithSuccess() {
        CreatedToken token = owner.createToken(uniqueName("odd"));
        for (String method : List.of("TRACE", "PROPFIND", "MKCOL", "FOO")) {
            HttpResult anonymous = realm.http().send(method, DemoRealm.API + "/auth/some/path");
            assertFalse(anonymous.status() >= 200 && anonymous.status() < 300, anonymous::toString);
            assertTrue(anonymous.header("Authorization").isEmpty(), anonymous::toString);
            HttpResult withToken = doors.forwardAuth(method, "/some/path", token.value());
            assertFalse(withToken.status() >= 200 && withToken.status() < 300, withToken::toString);
        }
    }

    /** Attack: a scope the admin withdrew from the policy kept being minted into the JWTs of tokens carrying it. */
    @Test
    void aScopeWithdrawnFromThePolicyIsNoLongerGranted() {
        CreatedToken token = owner.createToken(Map.of("name", uniqueName("withdrawn"), "scopes", List.of(DEMO_API)));
        assertTrue(scopes(claims(doors.exchange(token.value()).text("access_token"))).contains(DEMO_API), "precondition");
        assertTrue(scopes(claims(bearer(doors.forwardAuth(token.value())))).contains(DEMO_API), "precondition");

        withPolicy(Map.of("availableScopes", List.of()), () -> {
            JsonNode exchanged = claims(doors.exchange(token.value()).text("access_token"));
            assertFalse(scopes(exchanged).contains(DEMO_API), exchanged::toString);
            assertFalse(audience(exchanged).contains(DEMO_API), exchanged::toString);
            JsonNode forwarded = claims(bearer(doors.forwardAuth(token.value())));
            assertFalse(scopes(forwarded).contains(DEMO_API), forwarded::toString);
            HttpResult rfc8693 = doors.tokenExchange(DemoClient.API_GATEWAY, token.value(), Map.of("scope", DEMO_API));
            assertEquals(200, rfc8693.status(), rfc8693::toString);
            assertFalse(scopes(claims(rfc8693.text("access_token"))).contains(DEMO_API), rfc8693::toString);
            HttpResult verified = doors.verify(DemoClient.API_GATEWAY, token.value());
            assertEquals("", verified.json().path("scope").asText(), verified::toString);
        });
    }

    /**
     * Attack: a token created long ago with a long expiry outlives a lifetime limit the admin set later. Its credential
     * is imported (as realm import files and the CLI do) with a creation date 40 days back and a year to run; a limit of
     * 30 days ends it 10 days ago.
     */
    @Test
    void aLifetimeLimitEndsOlderTokensAtCreationPlusTheLimit() {
        ApiToken old = ApiToken.generate();
        Instant created = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        String credential = CredentialJson.write(old, uniqueName("old"), created.plus(Duration.ofDays(400)), List.of(), false,
                created);
        String veteran = uniqueName("veteran");
        users.add(realm.createUser(DemoRealm.userRepresentation(veteran, true, List.of(json(credential)))));
        assertEquals(200, doors.exchange(old.value()).status(), "precondition: usable under the default 365 days");

        CreatedToken recent = owner.createToken(Map.of("name", uniqueName("recent"),
                "expiresAt", Instant.now().plus(Duration.ofDays(300)).truncatedTo(ChronoUnit.SECONDS).toString()));
        withPolicy(Map.of("maxLifetimeDays", 30), () -> {
            assertRefused(doors.exchange(old.value()));
            assertForwardAuthRefused(doors.forwardAuth(old.value()));
            assertInactive(doors.verify(DemoClient.API_GATEWAY, old.value()));
            HttpResult listed = admin.read(old.key());
            assertEquals(200, listed.status(), listed::toString);
            assertTrue(listed.json().path("expired").asBoolean(), listed::toString);
            assertEquals(created.plus(Duration.ofDays(30)).toString(), listed.json().path("effectiveExpiresAt").asText(),
                    listed::toString);

            // a recent token stays usable, until creation + 30 days rather than its stored 300 days
            HttpResult verified = doors.verify(DemoClient.API_GATEWAY, recent.value());
            assertTrue(verified.json().path("active").asBoolean(), verified::toString);
            Instant createdAt = Instant.parse(recent.representation().path("createdAt").asText());
            assertEquals(createdAt.plus(Duration.ofDays(30)).getEpochSecond(), verified.json().path("exp").asLong(),
                    verified::toString);
            JsonNode shown = owner.get(recent.key()).json();
            assertFalse(shown.path("expired").asBoolean(true), shown::toString);
            assertEquals(createdAt.plus(Duration.ofDays(30)).toString(), shown.path("effectiveExpiresAt").asText(),
                    shown::toString);
        });
    }

    /** Attack: a client that was never given a scope receives it by exchanging a token that carries it. */
    @Test
    void rfc8693GrantsOnlyScopesTheClientWasGiven() {
        String clientId = uniqueName("no-demo-api");
        String clientUuid = keycloak.createClient(DemoRealm.NAME, Map.of("clientId", clientId, "publicClient", false,
                "secret", "secret", "standardFlowEnabled", false, "attributes", Map.of("personalApiTokens.exchange", "true")));
        try {
            realm.takeClientScope(clientId, realm.clientScopeId(DEMO_API));
            DemoClient client = new DemoClient(clientId, "secret");
            CreatedToken token = owner.createToken(Map.of("name", uniqueName("escalate"), "scopes", List.of(DEMO_API)));
            for (Map<String, String> form : List.of(Map.<String, String>of(), Map.of("scope", DEMO_API))) {
                HttpResult exchanged = doors.tokenExchange(client, token.value(), form);
                assertEquals(200, exchanged.status(), exchanged::toString);
                JsonNode claims = claims(exchanged.text("access_token"));
                assertFalse(scopes(claims).contains(DEMO_API), claims::toString);
                assertFalse(audience(claims).contains(DEMO_API), claims::toString);
            }
            HttpResult gateway = doors.tokenExchange(DemoClient.API_GATEWAY, token.value());
            assertTrue(scopes(claims(gateway.text("access_token"))).contains(DEMO_API), "a client given the scope keeps it");
        } finally {
            keycloak.deleteClient(DemoRealm.NAME, clientUuid);
        }
    }

    /**
     * Attack: an RFC 8693 client with "Full scope allowed" (api-gateway, the default for new clients) received every
     * role of the token's owner, whatever the token's scopes. Now it receives the roles the scopes allow, as if full
     * scope were off.
     */
    @Test
    void rfc8693ToAFullScopeClientCarriesNotEveryRoleOfTheOwner() {
        JsonNode gateway = keycloak.get("/admin/realms/" + DemoRealm.NAME + "/clients/"
                + keycloak.clientUuid(DemoRealm.NAME, DemoClient.API_GATEWAY.clientId())).json();
        assertTrue(gateway.path("fullScopeAllowed").asBoolean(), "precondition: " + gateway);
        CreatedToken token = owner.createToken(uniqueName("roles"));

        HttpResult exchanged = doors.tokenExchange(DemoClient.API_GATEWAY, token.value());
        assertEquals(200, exchanged.status(), exchanged::toString);
        JsonNode claims = claims(exchanged.text("access_token"));
        List<String> roles = Http.list(claims.path("realm_access").path("roles"));
        assertFalse(roles.contains(DemoRealm.ROLE), claims::toString);
        assertFalse(roles.contains("default-roles-demo"), claims::toString);
        assertEquals(ownerId, claims.path("sub").asText(), claims::toString);
    }

    /** Attack: a user sets an e-mail address they do not own, and an upstream trusting X-Auth-Request-Email believes it. */
    @Test
    void forwardAuthPassesOnlyAVerifiedEmail() {
        String unverified = uniqueName("unverified");
        users.add(realm.createUser(DemoRealm.userRepresentation(unverified, false, List.of())));
        CreatedToken token = realm.tokensOf(unverified).createToken(uniqueName("mail"));
        HttpResult auth = doors.forwardAuth(token.value());
        assertEquals(200, auth.status(), auth::toString);
        assertTrue(auth.header("X-Auth-Request-Email").isEmpty(), () -> auth.headers().map().toString());
        assertEquals("false", auth.header("X-Auth-Request-Email-Verified").orElse(null), () -> auth.headers().map().toString());

        CreatedToken verified = owner.createToken(uniqueName("mail"));
        HttpResult ok = doors.forwardAuth(verified.value());
        assertEquals(username + "@example.com", ok.header("X-Auth-Request-Email").orElse(null), () -> ok.headers().map().toString());
        assertEquals("true", ok.header("X-Auth-Request-Email-Verified").orElse(null), () -> ok.headers().map().toString());
    }

    /**
     * Attack: requests without a token, with garbage or with a forged checksum cost nothing to send, and each one wrote
     * an event; so did every repetition of an unknown key. Now none of the former, and one per unknown key and minute.
     */
    @Test
    void cheapRefusalsWriteNoEvents() {
        CreatedToken token = owner.createToken(uniqueName("events"));
        String flipped = token.value().substring(0, token.value().length() - 1) + (token.value().endsWith("A") ? "B" : "A");
        String unknown = ApiToken.generate().value();
        String unknownKey = ApiToken.parse(unknown).orElseThrow().key();
        long start = Instant.now().minusSeconds(1).toEpochMilli();
        JsonNode before = keycloak.realm(DemoRealm.NAME);
        boolean eventsEnabled = before.path("eventsEnabled").asBoolean();
        keycloak.updateRealm(DemoRealm.NAME, rep -> rep.put("eventsEnabled", true));
        JsonNode events;
        try {
            for (int i = 0; i < 3; i++) {
                assertForwardAuthRefused(realm.http().get(DemoRealm.API + "/auth"));
                assertRefused(realm.http().post(DemoRealm.API + "/exchange"));
                assertRefused(doors.exchange("garbage"));
                assertForwardAuthRefused(doors.forwardAuth(flipped));
                assertInactive(doors.verify(DemoClient.API_GATEWAY, flipped));
                assertRefused(doors.exchange(unknown));
                assertForwardAuthRefused(doors.forwardAuth(unknown));
            }
            assertEquals(200, doors.exchange(token.value()).status());
            HttpResult stored = keycloak.events(DemoRealm.NAME, 1000);
            assertEquals(200, stored.status(), stored::toString);
            events = stored.json();
        } finally {
            keycloak.updateRealm(DemoRealm.NAME, rep -> rep.put("eventsEnabled", eventsEnabled));
        }
        List<JsonNode> ours = new ArrayList<>();
        events.forEach(event -> {
            if (event.path("time").asLong() >= start) {
                ours.add(event);
            }
        });
        for (JsonNode event : ours) {
            String reason = event.path("details").path("reason").asText();
            assertFalse(reason.equals("malformed_token") || reason.equals("bad_checksum"), () -> "an event for a cheap refusal: " + event);
        }
        long unknownEvents = ours.stream()
                .filter(event -> unknownKey.equals(event.path("details").path("credential_id").asText()))
                .count();
        assertEquals(1, unknownEvents, () -> "events for the unknown key: " + ours);
        assertTrue(ours.stream().anyMatch(event -> "TOKEN_EXCHANGE".equals(event.path("type").asText())
                && token.key().equals(event.path("details").path("credential_id").asText())), () -> "the use is logged: " + ours);
    }

    /**
     * Attack: the owner's account changes (here the name; roles, groups, a not-before alike) and the gateway keeps
     * handing the upstream a JWT minted before, for half its lifetime (150 s of the default 300). Now for 30 s at most.
     */
    @Test
    void aChangeOfTheOwnerReachesTheForwardAuthJwtWithin30Seconds() {
        CreatedToken token = owner.createToken(uniqueName("reuse"));
        JsonNode before = claims(bearer(doors.forwardAuth(token.value())));
        assertEquals(username, before.path("family_name").asText(), before::toString);

        realm.updateUser(ownerId, rep -> rep.put("lastName", "Renamed"));
        TestClock clock = TestClock.of(realm.http());
        try {
            clock.shiftBy(Duration.ofSeconds(31));

            JsonNode after = claims(bearer(doors.forwardAuth(token.value())));
            assertEquals("Renamed", after.path("family_name").asText(), after::toString);
        } finally {
            clock.reset();
        }
    }

    /** A key this node just found unknown is usable the moment a token with it is created here. */
    @Test
    void aKeyCreatedAfterItWasFoundUnknownWorksAtOnce() {
        ApiToken supplied = ApiToken.generate();
        assertRefused(doors.exchange(supplied.value()));
        HttpResult created = admin.create(Map.of("user", username, "name", uniqueName("supplied"), "token", supplied.value()));
        assertEquals(201, created.status(), created::toString);
        assertEquals(200, doors.exchange(supplied.value()).status());
    }

    private void withRealm(Consumer<ObjectNode> change, Runnable body) {
        ObjectNode before = keycloak.realm(DemoRealm.NAME);
        boolean enabled = before.path("enabled").asBoolean();
        String sslRequired = before.path("sslRequired").asText();
        keycloak.updateRealm(DemoRealm.NAME, change);
        try {
            body.run();
        } finally {
            keycloak.updateRealm(DemoRealm.NAME, rep -> rep.put("enabled", enabled).put("sslRequired", sslRequired));
        }
    }

    private void withPolicy(Map<String, ?> change, Runnable body) {
        JsonNode original = admin.policy().json();
        HttpResult set = admin.putPolicy(change);
        assertEquals(200, set.status(), set::toString);
        try {
            body.run();
        } finally {
            HttpResult restored = admin.putPolicy(original);
            assertEquals(200, restored.status(), restored::toString);
        }
    }

    private static void assertHttpsRequired(HttpResult result) {
        assertError(result, 403, "invalid_request");
        assertEquals("HTTPS required", result.json().path("error_description").asText(), result::toString);
    }

    private JsonNode claims(String jwt) {
        return realm.verifyJwt(jwt).claims();
    }

    private static String bearer(HttpResult auth) {
        assertEquals(200, auth.status(), auth::toString);
        String authorization = auth.header("Authorization").orElse("");
        assertTrue(authorization.startsWith("Bearer "), auth::toString);
        return authorization.substring("Bearer ".length());
    }

    private static List<String> scopes(JsonNode claims) {
        return List.of(claims.path("scope").asText().split(" "));
    }

    private static List<String> audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? Http.list(aud) : List.of(aud.asText());
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
