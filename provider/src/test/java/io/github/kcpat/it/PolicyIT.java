package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The realm policy over the admin API: every rule refused with a 400 that leaves the policy as it was, and a
 * change enforced at once on self-service and admin create, PATCH and rotate. Each test puts the policy it found
 * back. The rules a body breaks without the realm (ranges, types, nulls, unknown fields, not an object; 26 cases) are
 * unit tests in {@code rest/PolicyUpdateTest}; here stay those that need the realm and one of each kind as wiring.
 */
@ExtendWith(KeycloakExtension.class)
class PolicyIT {

    private static final String DAYS_30 = "30 days";

    private final DemoRealm realm;
    private final KeycloakAdmin keycloak;
    private final TokenAdminApi admin;
    private JsonNode original;
    private TokenApi alice;
    private Set<String> aliceKeysBefore;

    PolicyIT(DemoRealm realm) {
        this.realm = realm;
        this.keycloak = new KeycloakAdmin(realm.http());
        this.admin = keycloak.tokens(DemoRealm.NAME);
    }

    @BeforeEach
    void rememberPolicy() {
        HttpResult policy = admin.policy();
        assertEquals(200, policy.status(), policy::toString);
        original = policy.json();
        alice = realm.tokensOf("alice");
        aliceKeysBefore = aliceKeys();
    }

    @AfterEach
    void restorePolicy() {
        HttpResult restored = admin.putPolicy(original);
        assertEquals(200, restored.status(), restored::toString);
        assertEquals(original, admin.policy().json());
        // alice is shared by every IT and the policy caps her tokens: take back the ones made here
        for (String key : aliceKeys()) {
            if (!aliceKeysBefore.contains(key)) {
                assertEquals(204, admin.delete(key).status());
            }
        }
    }

    private Set<String> aliceKeys() {
        HttpResult list = admin.list("user=alice&max=1000");
        assertEquals(200, list.status(), list::toString);
        Set<String> keys = new HashSet<>();
        list.json().forEach(token -> keys.add(token.path("key").asText()));
        return keys;
    }

    @Test
    void defaultPolicyIsServedToAdminsAndUsersAlike() {
        JsonNode policy = admin.policy().json();
        assertEquals(365, policy.path("maxLifetimeDays").asInt(), policy::toString);
        assertTrue(policy.path("expiryRequired").asBoolean(), policy::toString);
        assertEquals(90, policy.path("defaultLifetimeDays").asInt(), policy::toString);
        assertEquals(100, policy.path("maxTokensPerUser").asInt(), policy::toString);
        assertEquals(List.of("demo-api"), Http.list(policy.path("availableScopes")), policy::toString);
        assertEquals("personal-api-tokens", policy.path("exchangeClientId").asText(), policy::toString);
        assertEquals(List.of("7", "1"), Http.list(policy.path("reminderDays")), policy::toString);
        assertEquals(policy, alice.policy().json());
    }

    @Test
    void updateMergesTheNamedFieldsAndIsKeptAsRealmAttributes() {
        HttpResult updated = admin.putPolicy(Map.of("maxTokensPerUser", 7, "reminderDays", List.of(14, 3)));

        assertEquals(200, updated.status(), updated::toString);
        JsonNode expected = ((ObjectNode) original.deepCopy())
                .put("maxTokensPerUser", 7)
                .set("reminderDays", Http.JSON.valueToTree(List.of(14, 3)));
        assertEquals(expected, updated.json());
        assertEquals(expected, admin.policy().json());
        assertEquals(expected, alice.policy().json());
        JsonNode attributes = keycloak.realm(DemoRealm.NAME).path("attributes");
        assertEquals("7", attributes.path("personalApiTokens.maxTokensPerUser").asText(), attributes::toString);
        assertEquals("14,3", attributes.path("personalApiTokens.reminderDays").asText(), attributes::toString);
    }

    /** The rules that need the realm, and one range and one type case as wiring; the rest are in PolicyUpdateTest. */
    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("{\"maxLifetimeDays\": -1}", "maxLifetimeDays"),
                Arguments.of("{\"availableScopes\": [\"no-such-scope\"]}", "no-such-scope"),
                Arguments.of("{\"availableScopes\": [\"demo-api\", \"nope-scope\"]}", "nope-scope"),
                Arguments.of("{\"exchangeClientId\": \"no-such-client\"}", "no-such-client"),
                Arguments.of("{\"exchangeClientId\": \"\"}", "exchangeClientId"),
                Arguments.of("{\"maxLifetimeDays\": \"thirty\"}", "type"));
    }

    @ParameterizedTest(name = "[{index}] body: {0}")
    @MethodSource("brokenRules")
    void brokenRuleIsRefusedAndNothingChanges(String body, String named) {
        HttpResult refused = admin.putPolicyRaw(body);

        assertError(refused, 400, "invalid_request");
        assertTrue(refused.json().path("error_description").asText().contains(named),
                () -> "the description does not name '" + named + "': " + refused);
        assertEquals(original, admin.policy().json(), "a refused policy changed the policy");
        assertEquals(original, alice.policy().json(), "a refused policy changed the policy users see");
    }

    @Nested
    class Enforced {

        @Test
        void loweringTheMaximumAloneBringsTheDefaultLifetimeDownWithIt() {
            HttpResult set = admin.putPolicy(Map.of("maxLifetimeDays", 30));

            assertEquals(200, set.status(), set::toString);
            assertEquals(30, set.json().path("maxLifetimeDays").asInt(), set::toString);
            assertEquals(30, set.json().path("defaultLifetimeDays").asInt(), set::toString);
        }

        @Test
        void maxLifetimeOf30DaysRefusesA90DayToken() {
            CreatedToken before = alice.createToken(Map.of("name", uniqueName("before-30"), "expiresAt", in(90)));

            HttpResult set = admin.putPolicy(Map.of("maxLifetimeDays", 30, "defaultLifetimeDays", 30));
            assertEquals(200, set.status(), set::toString);
            assertEquals(30, alice.policy().json().path("maxLifetimeDays").asInt(), "the user does not see the new policy");

            HttpResult refused = alice.create(Map.of("name", uniqueName("ninety"), "expiresAt", in(90)));
            assertError(refused, 400, "invalid_request");
            assertTrue(refused.json().path("error_description").asText().contains(DAYS_30), refused::toString);

            CreatedToken defaulted = alice.createToken(uniqueName("defaulted"));
            Duration lifetime = Duration.between(Instant.now(), Instant.parse(defaulted.representation().path("expiresAt").asText()));
            assertTrue(Math.abs(lifetime.minusDays(30).toMinutes()) <= 2, () -> "default lifetime is " + lifetime);
            assertEquals(201, alice.create(Map.of("name", uniqueName("twenty-nine"), "expiresAt", in(29))).status());

            HttpResult patched = alice.patch(defaulted.key(), Map.of("expiresAt", in(90)));
            assertError(patched, 400, "invalid_request");
            assertTrue(patched.json().path("error_description").asText().contains(DAYS_30), patched::toString);

            HttpResult rotated = alice.rotate(before.key());
            assertError(rotated, 400, "invalid_request");
            assertTrue(rotated.json().path("error_description").asText().contains(DAYS_30), rotated::toString);
            assertExchanged(realm.exchange(before.value()));

            HttpResult provisioned = admin.create(Map.of("user", "alice", "name", uniqueName("admin-ninety"), "expiresAt", in(90)));
            assertError(provisioned, 400, "invalid_request");
            assertTrue(provisioned.json().path("error_description").asText().contains(DAYS_30), provisioned::toString);
            HttpResult adminPatch = admin.patch(defaulted.key(), Map.of("expiresAt", in(90)));
            assertError(adminPatch, 400, "invalid_request");
            assertTrue(adminPatch.json().path("error_description").asText().contains(DAYS_30), adminPatch::toString);

            assertEquals(defaulted.representation().path("expiresAt"), alice.get(defaulted.key()).json().path("expiresAt"),
                    "a refused change moved the expiry");
        }

        @Test
        void expiryNotRequiredAllowsTokensThatNeverExpire() {
            CreatedToken existing = alice.createToken(uniqueName("will-never-expire"));
            HttpResult set = admin.putPolicy(Map.of("expiryRequired", false));
            assertEquals(200, set.status(), set::toString);
            assertEquals(false, alice.policy().json().path("expiryRequired").asBoolean(true));

            Map<String, Object> noExpiry = new HashMap<>();
            noExpiry.put("name", uniqueName("forever"));
            noExpiry.put("expiresAt", null);
            CreatedToken forever = alice.createToken(noExpiry);
            assertTrue(forever.representation().path("expiresAt").isNull(), forever.representation()::toString);
            assertExchanged(realm.exchange(forever.value()));
            Map<String, Object> clear = new HashMap<>();
            clear.put("expiresAt", null);
            HttpResult cleared = alice.patch(existing.key(), clear);
            assertEquals(200, cleared.status(), cleared::toString);
            assertTrue(cleared.json().path("expiresAt").isNull(), cleared::toString);

            assertEquals(200, admin.putPolicy(Map.of("expiryRequired", true)).status());
            noExpiry.put("name", uniqueName("forever-again"));
            HttpResult refused = alice.create(noExpiry);
            assertError(refused, 400, "invalid_request");
            assertTrue(refused.json().path("error_description").asText().contains("expir"), refused::toString);
            HttpResult rotate = alice.rotate(forever.key());
            assertError(rotate, 400, "invalid_request");
            assertTrue(rotate.json().path("error_description").asText().contains("expir"), rotate::toString);
            assertError(alice.patch(forever.key(), Map.of("name", uniqueName("renamed"), "expiresAt", Http.JSON.nullNode())),
                    400, "invalid_request");
        }

        @Test
        void maxTokensPerUserCountsEveryTokenOfTheUser() {
            String username = uniqueName("counted");
            String userId = realm.createUser(username);
            try {
                TokenApi user = realm.tokensOf(username);
                assertEquals(200, admin.putPolicy(Map.of("maxTokensPerUser", 2)).status());
                assertEquals(2, user.policy().json().path("maxTokensPerUser").asInt());
                CreatedToken first = user.createToken(uniqueName("one"));
                admin.createToken(Map.of("user", userId, "name", uniqueName("two")));

                HttpResult third = user.create(Map.of("name", uniqueName("three")));
                assertError(third, 400, "invalid_request");
                assertTrue(third.json().path("error_description").asText().contains("at most 2 tokens"), third::toString);
                HttpResult provisioned = admin.create(Map.of("user", userId, "name", uniqueName("three")));
                assertError(provisioned, 400, "invalid_request");
                assertEquals(2, user.count());

                assertEquals(204, user.delete(first.key()).status());
                user.createToken(uniqueName("three"));
            } finally {
                realm.deleteUser(userId);
            }
        }

        @Test
        void availableScopesNarrowWhatTokensMayCarry() {
            CreatedToken unscoped = alice.createToken(uniqueName("unscoped"));
            CreatedToken scoped = alice.createToken(Map.of("name", uniqueName("scoped"), "scopes", List.of("demo-api")));
            assertEquals(200, admin.putPolicy(Map.of("availableScopes", List.of())).status());
            assertEquals(List.of(), Http.list(alice.policy().json().path("availableScopes")));
            assertEquals(0, alice.scopes().json().size(), () -> alice.scopes().toString());

            HttpResult created = alice.create(Map.of("name", uniqueName("wants-demo-api"), "scopes", List.of("demo-api")));
            assertError(created, 400, "invalid_request");
            assertTrue(created.json().path("error_description").asText().contains("demo-api"), created::toString);
            HttpResult patched = alice.patch(unscoped.key(), Map.of("scopes", List.of("demo-api")));
            assertError(patched, 400, "invalid_request");
            assertTrue(patched.json().path("error_description").asText().contains("demo-api"), patched::toString);
            HttpResult provisioned = admin.create(Map.of("user", "alice", "name", uniqueName("admin-scoped"),
                    "scopes", List.of("demo-api")));
            assertError(provisioned, 400, "invalid_request");

            assertEquals(200, admin.putPolicy(Map.of("availableScopes", List.of("demo-api", "profile"))).status());
            assertEquals(List.of("demo-api", "profile"), Http.list(alice.policy().json().path("availableScopes")));
            HttpResult profile = alice.create(Map.of("name", uniqueName("profile"), "scopes", List.of("profile")));
            assertEquals(201, profile.status(), profile::toString);
            assertExchanged(realm.exchange(scoped.value()));
        }
    }

    private static String in(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
