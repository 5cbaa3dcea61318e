package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.BoundClient;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoClient;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Poll;
import io.github.kcpat.it.support.TestClock;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rotation with an overlap: the new value works at once, the previous one until the overlap ends (as the shifted
 * server clock shows, never by waiting), at most two values work, disabling ends every one of them, and the owner sees
 * which jobs still send the previous value, and from where.
 */
@EveryKeycloakVersion
class TokenRotationIT {

    private static final Duration RECORDED = Duration.ofSeconds(20);

    private final DemoRealm realm;
    private final KeycloakServer server;
    private final Doors doors;
    private final TokenAdminApi admin;
    private TokenApi alice;

    TokenRotationIT(DemoRealm realm, KeycloakServer server) {
        this.realm = realm;
        this.server = server;
        this.doors = realm.doors();
        this.admin = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
    }

    @BeforeEach
    void signInAlice() {
        alice = realm.tokensOf("alice");
    }

    @AfterEach
    void restoreThePolicy() {
        admin.putPolicy(Map.of("maxRotationOverlapMinutes", 10080));
    }

    @Test
    void theOldValueKeepsWorkingBesideTheNewOneUntilTheOverlapEnds() {
        CreatedToken token = alice.createToken(uniqueName("fleet"));
        Instant before = TestClock.serverNow();

        HttpResult rotated = alice.rotate(token.key(), Map.of("overlapMinutes", 60));

        assertEquals(200, rotated.status(), rotated::toString);
        String newValue = rotated.text("token");
        assertNotEquals(token.value(), newValue);
        Instant until = Instant.parse(rotated.text("previousSecretExpiresAt"));
        assertTrue(Math.abs(Duration.between(before.plus(Duration.ofMinutes(60)), until).toSeconds()) < 60, rotated::toString);
        assertEquals(rotated.text("previousSecretExpiresAt"), alice.get(token.key()).text("previousSecretExpiresAt"));
        for (String value : List.of(token.value(), newValue)) {
            assertExchanged(doors.exchange(value));
            assertEquals(200, doors.forwardAuth(value).status());
            assertEquals(true, doors.verify(DemoClient.OTHER_SERVICE, value).json().path("active").asBoolean());
        }

        TestClock clock = TestClock.of(realm.http());
        try {
            clock.shiftBy(Duration.between(TestClock.serverNow(), until).plusSeconds(1));
            assertRefused(doors.exchange(token.value()));
            assertEquals(401, doors.forwardAuth(token.value()).status());
            assertEquals(false, doors.verify(DemoClient.OTHER_SERVICE, token.value()).json().path("active").asBoolean(true));
            assertExchanged(doors.exchange(newValue));
            HttpResult after = realm.tokensOf("alice").get(token.key());
            assertEquals(200, after.status(), after::toString);
            assertTrue(after.json().path("previousSecretExpiresAt").isNull(), "the overlap is over: " + after);
        } finally {
            clock.reset();
        }
    }

    @Test
    void withoutAnOverlapTheOldValueStopsAtOnce() {
        for (String body : List.of("", "{}", "{\"overlapMinutes\":0}")) {
            CreatedToken token = alice.createToken(uniqueName("no-overlap"));
            HttpResult rotated = alice.rotateRaw(token.key(), body);
            assertEquals(200, rotated.status(), rotated::toString);
            assertTrue(rotated.json().path("previousSecretExpiresAt").isNull(), rotated::toString);
            assertRefused(doors.exchange(token.value()));
            assertExchanged(doors.exchange(rotated.text("token")));
        }
    }

    @Test
    void anOverlapThePolicyDoesNotAllowOrABadBodyIsRefusedAndRotatesNothing() {
        assertEquals(200, admin.putPolicy(Map.of("maxRotationOverlapMinutes", 30)).status());
        CreatedToken token = alice.createToken(uniqueName("refused-overlap"));
        String updatedAt = alice.get(token.key()).text("updatedAt");

        HttpResult tooLong = alice.rotate(token.key(), Map.of("overlapMinutes", 31));
        assertError(tooLong, 400, "invalid_request");
        assertEquals("overlapMinutes may be at most 30 in this realm", tooLong.text("error_description"));
        for (String body : List.of("{\"overlapMinutes\":\"60\"}", "{\"overlapMinutes\":-1}", "{\"overlapMinutes\":1.5}",
                "{\"overlap\":5}", "[60]", "{\"overlapMinutes\":")) {
            assertError(alice.rotateRaw(token.key(), body), 400, "invalid_request");
        }

        assertExchanged(doors.exchange(token.value()));
        assertEquals(updatedAt, alice.get(token.key()).text("updatedAt"), "a refused rotation changed the token");
        assertEquals(200, alice.rotate(token.key(), Map.of("overlapMinutes", 30)).status(), "the maximum itself is allowed");

        assertEquals(200, admin.putPolicy(Map.of("maxRotationOverlapMinutes", 0)).status());
        HttpResult none = alice.rotate(token.key(), Map.of("overlapMinutes", 1));
        assertError(none, 400, "invalid_request");
        assertTrue(none.text("error_description").contains("overlapMinutes must be 0"), none::toString);
        assertError(admin.putPolicy(Map.of("maxRotationOverlapMinutes", 43201)), 400, "invalid_request");
    }

    @Test
    void rotatingAgainDuringAnOverlapEndsTheOlderOneAtOnce() {
        CreatedToken token = alice.createToken(uniqueName("twice"));
        String second = alice.rotate(token.key(), Map.of("overlapMinutes", 60)).text("token");
        String third = alice.rotate(token.key(), Map.of("overlapMinutes", 60)).text("token");

        assertRefused(doors.exchange(token.value()));
        assertExchanged(doors.exchange(second));
        assertExchanged(doors.exchange(third));
    }

    /** Two rotations racing: each under the token's row lock, so the first value ends and two values work. */
    @Test
    void concurrentRotationsLeaveAtMostTwoValuesWorking() throws Exception {
        CreatedToken token = alice.createToken(uniqueName("race"));
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<HttpResult>> rotations = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return alice.rotate(token.key(), Map.of("overlapMinutes", 60));
        })).toList();

        List<String> values = rotations.stream().map(CompletableFuture::join).map(result -> {
            assertEquals(200, result.status(), result::toString);
            return result.text("token");
        }).toList();

        assertRefused(doors.exchange(token.value()));
        values.forEach(value -> assertExchanged(doors.exchange(value)));
    }

    @Test
    void disablingEndsEveryValueAndActivatingAgainBringsBackTheCurrentOneOnly() {
        CreatedToken token = alice.createToken(uniqueName("disable-overlap"));
        String newValue = alice.rotate(token.key(), Map.of("overlapMinutes", 60)).text("token");

        assertEquals(200, alice.patch(token.key(), Map.of("state", "DISABLED")).status());
        assertRefused(doors.exchange(token.value()));
        assertRefused(doors.exchange(newValue));

        HttpResult activated = alice.patch(token.key(), Map.of("state", "ACTIVE"));
        assertEquals(200, activated.status(), activated::toString);
        assertTrue(activated.json().path("previousSecretExpiresAt").isNull(), activated::toString);
        assertRefused(doors.exchange(token.value()));
        assertExchanged(doors.exchange(newValue));

        // an admin's disabling ends an overlap too
        String third = alice.rotate(token.key(), Map.of("overlapMinutes", 60)).text("token");
        assertEquals(200, admin.patch(token.key(), Map.of("state", "DISABLED")).status());
        assertEquals(200, admin.patch(token.key(), Map.of("state", "ACTIVE")).status());
        assertRefused(doors.exchange(newValue));
        assertExchanged(doors.exchange(third));
    }

    /** A rotation of a disabled token keeps no previous value: it would come back to life on activation. */
    @Test
    void aDisabledTokenRotatedWithAnOverlapKeepsNoPreviousValue() {
        CreatedToken token = alice.createToken(uniqueName("disabled-rotate"));
        assertEquals(200, alice.patch(token.key(), Map.of("state", "DISABLED")).status());
        HttpResult rotated = alice.rotate(token.key(), Map.of("overlapMinutes", 60));
        assertEquals(200, rotated.status(), rotated::toString);
        assertTrue(rotated.json().path("previousSecretExpiresAt").isNull(), rotated::toString);
        assertEquals(200, alice.patch(token.key(), Map.of("state", "ACTIVE")).status());
        assertRefused(doors.exchange(token.value()));
        assertExchanged(doors.exchange(rotated.text("token")));
    }

    @Test
    void theOwnerSeesWhereThePreviousValueIsStillUsed() {
        CreatedToken token = alice.createToken(uniqueName("who-has-not-switched"));
        String newValue = alice.rotate(token.key(), Map.of("overlapMinutes", 60)).text("token");
        String exchange = DemoRealm.API + "/exchange";

        assertExchanged(BoundClient.from("127.0.0.2", server.baseUrl())
                .post(exchange, "text/plain", "", "Authorization", "APIToken " + token.value()));

        JsonNode shown = Poll.until(RECORDED, () -> alice.get(token.key()).json(),
                body -> body.path("previousSecretLastUsedAt").isTextual());
        assertEquals("127.0.0.2", shown.path("previousSecretLastUsedFrom").asText(), shown::toString);
        assertEquals("127.0.0.2", shown.path("lastUsedFrom").asText(), "a use of the previous value is a use of the token");
        assertEquals("exchange", shown.path("lastUsedDoor").asText(), shown::toString);
        JsonNode asAdmin = admin.read(token.key()).json();
        assertEquals("127.0.0.2", asAdmin.path("previousSecretLastUsedFrom").asText(), asAdmin::toString);

        // the new value used elsewhere, a recording period later: the token's last use moves, the previous value's stays
        TestClock clock = TestClock.of(realm.http());
        try {
            clock.shiftBy(Duration.ofMinutes(11));
            assertEquals(true, doors.verify(DemoClient.OTHER_SERVICE, newValue).json().path("active").asBoolean());
            TokenApi signedInLater = realm.tokensOf("alice");
            JsonNode later = Poll.until(RECORDED, () -> signedInLater.get(token.key()).json(),
                    body -> "verify".equals(body.path("lastUsedDoor").asText()));
            assertEquals("127.0.0.1", later.path("lastUsedFrom").asText(), later::toString);
            assertEquals("127.0.0.2", later.path("previousSecretLastUsedFrom").asText(), later::toString);
            assertEquals(shown.path("previousSecretLastUsedAt"), later.path("previousSecretLastUsedAt"), later::toString);
        } finally {
            clock.reset();
        }
    }

    @Test
    void everyDoorIsRecordedByName() {
        CreatedToken token = alice.createToken(Map.of("name", uniqueName("doors"), "scopes", List.of("demo-api")));
        TestClock clock = TestClock.of(realm.http());
        try {
            assertUsedThrough(token, "exchange", () -> doors.exchange(token.value()));
            clock.shiftBy(Duration.ofMinutes(11));
            assertUsedThrough(token, "forward-auth", () -> doors.forwardAuth(token.value()));
            clock.shiftBy(Duration.ofMinutes(22));
            assertUsedThrough(token, "token-exchange", () -> doors.tokenExchange(DemoClient.API_GATEWAY, token.value()));
            clock.shiftBy(Duration.ofMinutes(33));
            assertUsedThrough(token, "direct-grant", () -> doors.directGrant("alice", token.value()));
            clock.shiftBy(Duration.ofMinutes(44));
            assertUsedThrough(token, "verify", () -> doors.verify(DemoClient.OTHER_SERVICE, token.value()));
        } finally {
            clock.reset();
        }
    }

    private void assertUsedThrough(CreatedToken token, String door, java.util.function.Supplier<HttpResult> use) {
        HttpResult used = use.get();
        assertEquals(200, used.status(), used::toString);
        TokenApi owner = realm.tokensOf("alice"); // signed in at the shifted time
        JsonNode shown = Poll.until(RECORDED, () -> owner.get(token.key()).json(), body -> door.equals(body.path("lastUsedDoor").asText()));
        assertEquals(door, shown.path("lastUsedDoor").asText(), shown::toString);
        assertEquals("127.0.0.1", shown.path("lastUsedFrom").asText(), shown::toString);
    }
}
