package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.TOKEN_PATTERN;
import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.assertUuid;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.Jwt;
import io.github.kcpat.it.support.TestClock;
import io.github.kcpat.it.support.TokenApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@EveryKeycloakVersion
class TokenLifecycleIT {

    private final DemoRealm realm;
    private TokenApi alice;

    TokenLifecycleIT(DemoRealm realm) {
        this.realm = realm;
    }

    @BeforeEach
    void signInAlice() {
        alice = realm.tokensOf("alice");
    }

    @Nested
    class Create {

        @Test
        void returnsTheValueOnceWithTheDefaultExpiry() {
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            HttpResult created = alice.create(Map.of("name", uniqueName("ci-job")));

            assertEquals(201, created.status(), created::toString);
            JsonNode body = created.json();
            assertTrue(body.path("token").asText().matches(TOKEN_PATTERN), created::toString);
            assertUuid(body.path("key").asText());
            assertTrue(created.header("Location").orElse("").endsWith("/tokens/" + body.path("key").asText()),
                    () -> "Location: " + created.header("Location"));
            assertEquals("ACTIVE", body.path("state").asText());
            assertFalse(body.path("expired").asBoolean(true));
            assertEquals(List.of(), Http.list(body.path("scopes")));
            assertTrue(body.path("lastUsedAt").isNull(), created::toString);
            Instant createdAt = Instant.parse(body.path("createdAt").asText());
            assertFalse(createdAt.isBefore(before.minusSeconds(5)), created::toString);
            assertNotNull(Instant.parse(body.path("updatedAt").asText()));
            Duration lifetime = Duration.between(createdAt, Instant.parse(body.path("expiresAt").asText()));
            assertTrue(Math.abs(lifetime.minusDays(90).toMinutes()) <= 1, () -> "default lifetime is " + lifetime);
        }

        @Test
        void neverShowsTheValueAgain() {
            CreatedToken token = alice.createToken(uniqueName("read-back"));

            HttpResult list = alice.list();
            HttpResult read = alice.get(token.key());

            assertEquals(200, list.status(), list::toString);
            assertFalse(list.body().contains(token.value()), "the list shows the token value");
            list.json().forEach(listed -> assertFalse(listed.has("token"), () -> "listed with a token field: " + listed));
            assertNotNull(alice.listed(token.key()), list::toString);
            assertEquals(200, read.status(), read::toString);
            assertFalse(read.json().has("token"), read::toString);
            assertFalse(read.body().contains(token.value()), "GET shows the token value");
            assertEquals(token.name(), read.text("name"));
            assertEquals(token.representation().path("expiresAt"), read.json().path("expiresAt"));
        }

        @Test
        void trimsTheNameAndKeepsTheRequestedScopeAndExpiry() {
            String name = uniqueName("scoped");
            String expiresAt = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS).toString();

            CreatedToken token = alice.createToken(Map.of("name", "  " + name + "  ", "expiresAt", expiresAt,
                    "scopes", List.of("demo-api")));

            assertEquals(name, token.name());
            assertEquals(expiresAt, token.representation().path("expiresAt").asText());
            assertEquals(List.of("demo-api"), Http.list(token.representation().path("scopes")));
        }
    }

    @Nested
    class Exchange {

        @Test
        void givesASignedAccessTokenOfTheOwner() {
            CreatedToken token = alice.createToken(uniqueName("exchange"));

            HttpResult exchange = realm.exchange(token.value());

            assertExchanged(exchange);
            assertTrue(exchange.json().path("expires_in").asInt() > 0, exchange::toString);
            Jwt.Verified jwt = realm.verifyJwt(exchange.text("access_token"));
            assertEquals(realm.userId("alice"), jwt.claims().path("sub").asText());
            assertEquals("alice", jwt.claims().path("preferred_username").asText());
            assertTrue(jwt.claims().path("exp").asLong() > Instant.now().getEpochSecond(), jwt.claims()::toString);
        }

        @Test
        void carriesTheTokenScopes() {
            CreatedToken token = alice.createToken(Map.of("name", uniqueName("scoped-exchange"), "scopes", List.of("demo-api")));

            HttpResult exchange = realm.exchange(token.value());

            assertExchanged(exchange);
            assertTrue(List.of(exchange.text("scope").split(" ")).contains("demo-api"), exchange::toString);
            JsonNode claims = realm.verifyJwt(exchange.text("access_token")).claims();
            assertTrue(List.of(claims.path("scope").asText().split(" ")).contains("demo-api"), claims::toString);
            assertTrue(Http.list(claims.path("aud")).contains("demo-api") || "demo-api".equals(claims.path("aud").asText()),
                    () -> "the demo-api scope's audience mapper did not apply: " + claims);
        }

        @Test
        void isIssuedToTheExchangeClientWithoutRolesTheTokenScopesDoNotGrant() {
            CreatedToken token = alice.createToken(uniqueName("narrow"));

            JsonNode claims = realm.verifyJwt(realm.exchange(token.value()).text("access_token")).claims();

            assertEquals("personal-api-tokens", claims.path("azp").asText(), claims::toString);
            assertTrue(claims.path("realm_access").isMissingNode(), () -> "the owner's roles leaked in: " + claims);
            assertTrue(claims.path("resource_access").isMissingNode(), () -> "the owner's roles leaked in: " + claims);
        }
    }

    @Test
    void disabledTokenIsRefusedUntilActivated() {
        CreatedToken token = alice.createToken(uniqueName("toggle"));

        HttpResult disabled = alice.patch(token.key(), Map.of("state", "DISABLED"));
        assertEquals(200, disabled.status(), disabled::toString);
        assertEquals("DISABLED", disabled.text("state"));
        assertRefused(realm.exchange(token.value()));

        HttpResult activated = alice.patch(token.key(), Map.of("state", "ACTIVE"));
        assertEquals(200, activated.status(), activated::toString);
        assertEquals("ACTIVE", activated.text("state"));
        assertExchanged(realm.exchange(token.value()));
    }

    @Test
    void expiredTokenIsRefusedUntilItsExpiryMovesLater() {
        Instant expiresAt = TestClock.serverNow().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        CreatedToken token = alice.createToken(Map.of("name", uniqueName("short-lived"), "expiresAt", expiresAt.toString()));
        assertExchanged(realm.exchange(token.value()));

        TestClock clock = TestClock.of(realm.http());
        try {
            clock.shiftBy(Duration.between(TestClock.serverNow(), expiresAt).plusMillis(1500));

            assertRefused(realm.exchange(token.value()));
            assertTrue(alice.get(token.key()).json().path("expired").asBoolean(), () -> alice.get(token.key()).toString());
            HttpResult extended = alice.patch(token.key(), Map.of("expiresAt", TestClock.serverNow().plus(Duration.ofDays(1)).toString()));
            assertEquals(200, extended.status(), extended::toString);
            assertFalse(extended.json().path("expired").asBoolean(true), extended::toString);
            assertExchanged(realm.exchange(token.value()));
        } finally {
            clock.reset();
        }
    }

    @Test
    void rotationKillsTheOldValueAndKeepsTheToken() {
        CreatedToken token = alice.createToken(Map.of("name", uniqueName("rotate"), "scopes", List.of("demo-api")));

        HttpResult rotated = alice.rotate(token.key());

        assertEquals(200, rotated.status(), rotated::toString);
        String newValue = rotated.text("token");
        assertTrue(newValue.matches(TOKEN_PATTERN), rotated::toString);
        assertNotEquals(token.value(), newValue);
        assertEquals(token.key(), rotated.text("key"));
        assertEquals(token.name(), rotated.text("name"));
        assertEquals(List.of("demo-api"), Http.list(rotated.json().path("scopes")));
        assertRefused(realm.exchange(token.value()));
        assertExchanged(realm.exchange(newValue));
    }

    @Test
    void deletedTokenIsGoneForGood() {
        CreatedToken token = alice.createToken(uniqueName("delete"));

        HttpResult deleted = alice.delete(token.key());

        assertEquals(204, deleted.status(), deleted::toString);
        assertRefused(realm.exchange(token.value()));
        assertError(alice.get(token.key()), 404, "not_found");
        assertEquals(null, alice.listed(token.key()));
    }
}
