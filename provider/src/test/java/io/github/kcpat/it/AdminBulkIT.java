package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertForwardAuthRefused;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.AdminLogin;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.JsonText;
import io.github.kcpat.token.StoredCredential;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /admin/realms/demo/personal-api-tokens/tokens/bulk}: each action by keys and by filter, what the answer
 * counts, the keys that fail (unknown, another realm's, an owner the admin may not manage) leaving their tokens as they
 * were, one admin event per changed token, and what a bulk change means at the doors and to the owner.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBulkIT {

    private static final String OTHER_REALM = "bulk-other";

    private final DemoRealm realm;
    private final KeycloakAdmin keycloak;
    private final TokenAdminApi admin;
    private final List<String> users = new ArrayList<>();
    private JsonNode eventSettings;
    private String otherRealmKey;

    AdminBulkIT(DemoRealm realm) {
        this.realm = realm;
        this.keycloak = new KeycloakAdmin(realm.http());
        this.admin = keycloak.tokens(DemoRealm.NAME);
    }

    @BeforeAll
    void setUp() {
        JsonNode rep = keycloak.realm(DemoRealm.NAME);
        eventSettings = Http.JSON.createObjectNode()
                .put("adminEventsEnabled", rep.path("adminEventsEnabled").asBoolean())
                .put("adminEventsDetailsEnabled", rep.path("adminEventsDetailsEnabled").asBoolean());
        keycloak.updateRealm(DemoRealm.NAME, realmRep -> realmRep.put("adminEventsEnabled", true).put("adminEventsDetailsEnabled", true));
        keycloak.createRealm(OTHER_REALM);
        ApiToken other = ApiToken.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> user = Map.of("username", "holder", "enabled", true, "credentials", List.of(json(JsonText.write(
                StoredCredential.Imported.of(other, "elsewhere", StoredCredential.Data.of(List.of(), "ACTIVE",
                        now.plus(Duration.ofDays(30)), now), now)))));
        HttpResult created = keycloak.http().postJson("/admin/realms/" + OTHER_REALM + "/users", user, keycloak.login().headers());
        assertEquals(201, created.status(), created::toString);
        otherRealmKey = other.key();
    }

    @AfterAll
    void tearDown() {
        users.forEach(realm::deleteUser);
        keycloak.deleteRealm(OTHER_REALM);
        keycloak.updateRealm(DemoRealm.NAME, realmRep -> realmRep.setAll((ObjectNode) eventSettings));
    }

    @Test
    void disableByKeysCountsMatchedChangedAndFailed() {
        Owner owner = owner();
        CreatedToken active = owner.token("active");
        CreatedToken byAdmin = owner.token("by-admin");
        CreatedToken byOwner = owner.token("by-owner");
        assertEquals(200, admin.patch(byAdmin.key(), Map.of("state", "DISABLED")).status());
        assertEquals(200, owner.api.patch(byOwner.key(), Map.of("state", "DISABLED")).status());
        String unknown = UUID.randomUUID().toString();
        long since = System.currentTimeMillis();

        JsonNode answer = bulk(Map.of("action", "disable", "keys", List.of(active.key(), byAdmin.key(), byOwner.key(), unknown,
                "not-a-key", otherRealmKey)));

        assertEquals(3, answer.path("matched").asInt(), answer::toString);
        assertEquals(2, answer.path("changed").asInt(), answer::toString);
        assertEquals(Map.of(unknown, "not_found", "not-a-key", "not_found", otherRealmKey, "not_found"), failures(answer));
        for (CreatedToken token : List.of(active, byAdmin, byOwner)) {
            JsonNode read = admin.read(token.key()).json();
            assertEquals("DISABLED", read.path("state").asText(), read::toString);
            assertEquals("admin", read.path("disabledBy").asText(), read::toString);
        }
        assertEquals(Map.of(active.key(), List.of("UPDATE"), byOwner.key(), List.of("UPDATE")), adminEvents(since, active, byAdmin, byOwner));
        assertEquals("ACTIVE", keycloak.tokens(OTHER_REALM).read(otherRealmKey).json().path("state").asText());
    }

    @Test
    void aTokenDisabledInBulkStaysDisabledForItsOwner() {
        Owner owner = owner();
        CreatedToken token = owner.token("locked");
        bulk(Map.of("action", "disable", "keys", List.of(token.key())));

        assertError(owner.api.patch(token.key(), Map.of("state", "ACTIVE")), 403, "forbidden");
        assertRefused(realm.exchange(token.value()));
    }

    @Test
    void expireByKeysEndsTheTokenAndItsOverlapAtEveryDoor() {
        Owner owner = owner();
        CreatedToken token = owner.token("rotated");
        HttpResult rotated = admin.rotate(token.key(), Map.of("overlapMinutes", 60));
        assertEquals(200, rotated.status(), rotated::toString);
        String current = rotated.text("token");
        assertExchanged(realm.exchange(token.value()));
        assertExchanged(realm.exchange(current));

        JsonNode answer = bulk(Map.of("action", "expire", "keys", List.of(token.key())));

        assertEquals(1, answer.path("changed").asInt(), answer::toString);
        JsonNode read = admin.read(token.key()).json();
        assertTrue(read.path("expired").asBoolean(), read::toString);
        assertTrue(read.path("previousSecretExpiresAt").isNull(), read::toString);
        for (String value : List.of(current, token.value())) {
            assertRefused(realm.exchange(value));
            assertForwardAuthRefused(realm.doors().forwardAuth(value));
        }
        JsonNode again = bulk(Map.of("action", "expire", "keys", List.of(token.key())));
        assertEquals(1, again.path("matched").asInt(), again::toString);
        assertEquals(0, again.path("changed").asInt(), again::toString);
    }

    @Test
    void expireAtADateShortensButNeverLengthens() {
        Owner owner = owner();
        Instant inTenDays = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        CreatedToken longer = owner.token("ninety-days");
        CreatedToken shorter = owner.api.createToken(Map.of("name", uniqueName("bulk-three-days"),
                "expiresAt", Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS).toString()));

        JsonNode answer = bulk(Map.of("action", "expire", "keys", List.of(longer.key(), shorter.key()), "expiresAt", inTenDays.toString()));

        assertEquals(2, answer.path("matched").asInt(), answer::toString);
        assertEquals(1, answer.path("changed").asInt(), answer::toString);
        assertEquals(inTenDays.toString(), admin.read(longer.key()).json().path("expiresAt").asText());
        assertEquals(shorter.representation().path("expiresAt").asText(), admin.read(shorter.key()).json().path("expiresAt").asText());
    }

    @Test
    void anExpiryThePolicyDoesNotAllowIsRefusedPerToken() {
        JsonNode original = admin.policy().json();
        ObjectNode optional = original.deepCopy();
        optional.put("expiryRequired", false);
        assertEquals(200, admin.putPolicy(optional).status());
        try {
            Owner owner = owner();
            Map<String, Object> body = new HashMap<>(Map.of("name", uniqueName("bulk-forever")));
            body.put("expiresAt", null);
            CreatedToken forever = owner.api.createToken(body);
            String tooLate = Instant.now().plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS).toString();

            JsonNode answer = bulk(Map.of("action", "expire", "keys", List.of(forever.key()), "expiresAt", tooLate));

            assertEquals(Map.of(forever.key(), "invalid_request"), failures(answer));
            assertTrue(admin.read(forever.key()).json().path("expiresAt").isNull());
        } finally {
            assertEquals(200, admin.putPolicy(original).status());
        }
    }

    @Test
    void deleteByFilterReachesExactlyTheMatchedTokens() {
        Owner owner = owner();
        CreatedToken first = owner.token("gone-1");
        CreatedToken second = owner.token("gone-2");
        CreatedToken kept = owner.token("kept");
        assertEquals(200, owner.api.patch(kept.key(), Map.of("state", "DISABLED")).status());
        long since = System.currentTimeMillis();
        Map<String, Object> filter = Map.of("user", owner.username, "state", "active");
        assertEquals(2, admin.count("user=" + owner.username + "&state=active").json().path("count").asInt());

        JsonNode answer = bulk(Map.of("action", "delete", "filter", filter));

        assertEquals(2, answer.path("matched").asInt(), answer::toString);
        assertEquals(2, answer.path("changed").asInt(), answer::toString);
        assertEquals(0, answer.path("failed").size(), answer::toString);
        assertError(admin.read(first.key()), 404, "not_found");
        assertError(admin.read(second.key()), 404, "not_found");
        assertEquals(200, admin.read(kept.key()).status());
        assertEquals(Map.of(first.key(), List.of("DELETE"), second.key(), List.of("DELETE")), adminEvents(since, first, second, kept));
    }

    @Test
    void disableAndExpireByFilter() {
        Owner owner = owner();
        CreatedToken one = owner.token("f-1");
        CreatedToken two = owner.token("f-2");
        JsonNode disabled = bulk(Map.of("action", "disable", "filter", Map.of("user", owner.username, "neverUsed", true)));
        assertEquals(2, disabled.path("changed").asInt(), disabled::toString);
        JsonNode expired = bulk(Map.of("action", "expire", "filter", Map.of("user", owner.username, "disabledBy", "admin")));
        assertEquals(2, expired.path("changed").asInt(), expired::toString);
        for (CreatedToken token : List.of(one, two)) {
            JsonNode read = admin.read(token.key()).json();
            assertEquals("admin", read.path("disabledBy").asText(), read::toString);
            assertTrue(read.path("expired").asBoolean(), read::toString);
        }
    }

    @Test
    void aBadRequestChangesNothing() {
        Owner owner = owner();
        CreatedToken token = owner.token("untouched");
        for (String body : List.of(
                "{\"action\":\"delete\",\"filter\":{\"user\":\"" + owner.username + "\",\"stat\":\"active\"}}",
                "{\"action\":\"delete\",\"keys\":[\"" + token.key() + "\"],\"filter\":{\"user\":\"" + owner.username + "\"}}",
                "{\"action\":\"delete\"}",
                "{\"action\":\"destroy\",\"keys\":[\"" + token.key() + "\"]}",
                "{\"action\":\"delete\",\"keys\":[\"" + token.key() + "\"],\"dryRun\":false}",
                "{\"action\":\"delete\",\"keys\":[42]}")) {
            assertError(admin.bulkRaw(body), 400, "invalid_request");
        }
        assertEquals("ACTIVE", admin.read(token.key()).json().path("state").asText());
    }

    @Test
    void anAdminWhoMayViewButNotManageFailsEachTokenAsForbidden() {
        Owner owner = owner();
        CreatedToken token = owner.token("viewed");
        String viewerName = uniqueName("bulk-viewer");
        users.add(keycloak.createUser(DemoRealm.NAME, viewerName, viewerName, "view-users"));
        TokenAdminApi viewer = new TokenAdminApi(realm.http(), DemoRealm.NAME, AdminLogin.password(realm.http(), DemoRealm.NAME,
                viewerName, viewerName));

        HttpResult byKey = viewer.bulk(Map.of("action", "delete", "keys", List.of(token.key())));
        HttpResult byFilter = viewer.bulk(Map.of("action", "disable", "filter", Map.of("user", owner.username)));

        assertEquals(200, byKey.status(), byKey::toString);
        assertEquals(Map.of(token.key(), "forbidden"), failures(byKey.json()));
        assertEquals(1, byFilter.json().path("matched").asInt(), byFilter::toString);
        assertEquals(Map.of(token.key(), "forbidden"), failures(byFilter.json()));
        assertEquals("ACTIVE", admin.read(token.key()).json().path("state").asText());
    }

    @Test
    void aRealmUserOrAnonymousCallerReachesNothing() {
        Owner owner = owner();
        CreatedToken token = owner.token("not-theirs");
        Map<String, ?> deleteIt = Map.of("action", "delete", "keys", List.of(token.key()));

        HttpResult asUser = new TokenAdminApi(realm.http(), DemoRealm.NAME,
                AdminLogin.password(realm.http(), DemoRealm.NAME, owner.username, owner.username)).bulk(deleteIt);
        assertError(asUser, 403, "forbidden");
        HttpResult anonymous = new TokenAdminApi(realm.http(), DemoRealm.NAME, AdminLogin.anonymous()).bulk(deleteIt);
        assertEquals(401, anonymous.status(), anonymous::toString);
        HttpResult count = new TokenAdminApi(realm.http(), DemoRealm.NAME,
                AdminLogin.password(realm.http(), DemoRealm.NAME, owner.username, owner.username)).count("");
        assertError(count, 403, "forbidden");

        assertEquals(200, admin.read(token.key()).status(), "a refused bulk action deleted the token");
    }

    @Test
    void anotherRealmsAdminReachesNothing() {
        Owner owner = owner();
        CreatedToken token = owner.token("foreign");
        keycloak.createUser(OTHER_REALM, "other-admin", "other-admin", "realm-admin");
        TokenAdminApi foreign = new TokenAdminApi(realm.http(), DemoRealm.NAME, AdminLogin.password(realm.http(), OTHER_REALM,
                "other-admin", "other-admin"));

        HttpResult answer = foreign.bulk(Map.of("action", "delete", "keys", List.of(token.key())));

        assertTrue(answer.status() == 403 || answer.status() == 404, answer::toString);
        assertEquals(200, admin.read(token.key()).status());
    }

    @Test
    void aBulkDisableRacingTheOwnersRenameKeepsBoth() throws Exception {
        Owner owner = owner();
        for (int round = 0; round < 5; round++) {
            CreatedToken token = owner.token("race-" + round);
            String renamed = uniqueName("bulk-renamed");
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<JsonNode> disable = CompletableFuture.supplyAsync(() -> {
                await(start);
                return bulk(Map.of("action", "disable", "keys", List.of(token.key())));
            });
            CompletableFuture<HttpResult> rename = CompletableFuture.supplyAsync(() -> {
                await(start);
                return owner.api.patch(token.key(), Map.of("name", renamed));
            });
            assertEquals(1, disable.get().path("changed").asInt(), () -> disable.join().toString());
            assertEquals(200, rename.get().status(), () -> rename.join().toString());
            JsonNode read = admin.read(token.key()).json();
            assertEquals("DISABLED", read.path("state").asText(), read::toString);
            assertEquals("admin", read.path("disabledBy").asText(), read::toString);
            assertEquals(renamed, read.path("name").asText(), read::toString);
        }
    }

    /** A user made for one test, with its self-service API. */
    private record Owner(String username, TokenApi api) {

        CreatedToken token(String name) {
            return api.createToken(uniqueName("bulk-" + name));
        }
    }

    private Owner owner() {
        String username = uniqueName("bulk-owner");
        users.add(realm.createUser(username));
        return new Owner(username, realm.tokensOf(username));
    }

    private JsonNode bulk(Map<String, ?> body) {
        HttpResult answer = admin.bulk(body);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json();
    }

    private static Map<String, String> failures(JsonNode answer) {
        Map<String, String> failed = new HashMap<>();
        answer.path("failed").forEach(failure -> {
            assertFalse(failure.path("error_description").asText().isBlank(), failure::toString);
            failed.put(failure.path("key").asText(), failure.path("error").asText());
        });
        return failed;
    }

    /** The admin events since {@code since} about each token, by key: their operation types, oldest first. */
    private Map<String, List<String>> adminEvents(long since, CreatedToken... tokens) {
        HttpResult events = keycloak.get("/admin/realms/" + DemoRealm.NAME + "/admin-events?max=1000&dateFrom="
                + Instant.ofEpochMilli(since).toString().substring(0, 10));
        assertEquals(200, events.status(), events::toString);
        Map<String, List<String>> found = new HashMap<>();
        List<JsonNode> list = new ArrayList<>();
        events.json().forEach(list::add);
        java.util.Collections.reverse(list);
        for (JsonNode event : list) {
            if (event.path("time").asLong() < since) {
                continue;
            }
            for (CreatedToken token : tokens) {
                if (event.path("resourcePath").asText().endsWith("/tokens/" + token.key())) {
                    found.computeIfAbsent(token.key(), key -> new ArrayList<>()).add(event.path("operationType").asText());
                }
            }
        }
        return found;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
