package io.github.kcpat.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy as it applies at use: the effective expiry and the scopes still granted. */
class TokenPolicyTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private static TokenPolicy policy(int maxLifetimeDays, boolean expiryRequired, List<String> availableScopes) {
        return new TokenPolicy(maxLifetimeDays, expiryRequired, 0, 100, availableScopes, TokenPolicy.DEFAULT_EXCHANGE_CLIENT,
                List.of(), 0);
    }

    @Test
    void anExpiryWithinTheLimitStays() {
        Instant expiresAt = CREATED.plus(Duration.ofDays(10));
        assertEquals(expiresAt, policy(30, true, List.of()).effectiveExpiry(CREATED, expiresAt));
    }

    @Test
    void anExpiryBeyondALoweredLimitIsCappedAtCreationPlusTheLimit() {
        Instant expiresAt = CREATED.plus(Duration.ofDays(365));
        assertEquals(CREATED.plus(Duration.ofDays(30)), policy(30, false, List.of()).effectiveExpiry(CREATED, expiresAt));
    }

    @Test
    void noLimitLeavesTheStoredExpiry() {
        Instant expiresAt = CREATED.plus(Duration.ofDays(3650));
        assertEquals(expiresAt, policy(0, true, List.of()).effectiveExpiry(CREATED, expiresAt));
        assertNull(policy(0, true, List.of()).effectiveExpiry(CREATED, null));
    }

    @Test
    void aTokenWithoutExpiryGetsTheCapWhenTheRealmRequiresAnExpiry() {
        assertEquals(CREATED.plus(Duration.ofDays(90)), policy(90, true, List.of()).effectiveExpiry(CREATED, null));
    }

    @Test
    void aTokenWithoutExpiryKeepsNoneWhenTheRealmDoesNotRequireOne() {
        assertNull(policy(90, false, List.of()).effectiveExpiry(CREATED, null));
    }

    @Test
    void anUnknownCreationTimeLeavesTheStoredExpiry() {
        Instant expiresAt = CREATED.plus(Duration.ofDays(365));
        assertEquals(expiresAt, policy(30, true, List.of()).effectiveExpiry(null, expiresAt));
    }

    @Test
    void aScopeWithdrawnFromThePolicyIsNoLongerGranted() {
        TokenPolicy policy = policy(0, false, List.of("demo-api", "reports"));
        assertEquals(List.of("demo-api"), policy.effectiveScopes(List.of("demo-api", "billing")));
        assertEquals(List.of(), policy(0, false, List.of()).effectiveScopes(List.of("demo-api")));
    }
}
