package io.github.kcpat.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcpat.credential.TokenData;
import io.github.kcpat.credential.TokenState;
import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.policy.TokenPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule book, case by case: every refusal reason, the order in which they are named, the boundary at
 * {@code now} and the policy's caps. The doors' wiring of it is proven by {@code DoorMatrixIT}.
 */
class ValidityRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant CREATED = NOW.minus(Duration.ofDays(10));
    private static final ValidityRules.Owner USABLE_OWNER = new ValidityRules.Owner(true, true);
    /** No lifetime limit: the stored expiry is the one in force. */
    private static final TokenPolicy UNLIMITED = policy(0, false);

    private static TokenPolicy policy(int maxLifetimeDays, boolean expiryRequired) {
        return new TokenPolicy(maxLifetimeDays, expiryRequired, 0, 100, List.of(), "personal-api-tokens", List.of(), 0);
    }

    private static TokenData token(TokenState state, Instant expiresAt) {
        return new TokenData(List.of(), state, expiresAt, CREATED, null);
    }

    private static RefusalReason refusal(TokenData data, ValidityRules.Owner owner, TokenPolicy policy) {
        return ValidityRules.judge(data, CREATED, owner, policy, NOW).refusal();
    }

    @Nested
    class EachRule {

        @Test
        void anActiveUnexpiredTokenOfAnEnabledHolderOfTheRoleIsUsable() {
            ValidityRules.Judgement judgement = ValidityRules.judge(token(TokenState.ACTIVE, NOW.plusSeconds(1)), CREATED,
                    USABLE_OWNER, UNLIMITED, NOW);
            assertTrue(judgement.usable());
            assertNull(judgement.refusal());
            assertEquals(NOW.plusSeconds(1), judgement.effectiveExpiry());
        }

        @Test
        void aTokenWithoutExpiryIsUsableWhereThePolicyAllowsIt() {
            ValidityRules.Judgement judgement = ValidityRules.judge(token(TokenState.ACTIVE, null), CREATED, USABLE_OWNER,
                    UNLIMITED, NOW);
            assertTrue(judgement.usable());
            assertNull(judgement.effectiveExpiry());
        }

        @Test
        void aDisabledTokenIsRefused() {
            assertEquals(RefusalReason.DISABLED, refusal(token(TokenState.DISABLED, null), USABLE_OWNER, UNLIMITED));
        }

        @Test
        void aTokenPastItsExpiryIsRefused() {
            assertEquals(RefusalReason.EXPIRED, refusal(token(TokenState.ACTIVE, NOW.minusSeconds(1)), USABLE_OWNER, UNLIMITED));
        }

        @Test
        void aTokenOfADisabledOwnerIsRefused() {
            assertEquals(RefusalReason.OWNER_DISABLED,
                    refusal(token(TokenState.ACTIVE, null), new ValidityRules.Owner(false, true), UNLIMITED));
        }

        @Test
        void aTokenOfAnOwnerWithoutTheRoleIsRefused() {
            assertEquals(RefusalReason.ROLE_MISSING,
                    refusal(token(TokenState.ACTIVE, null), new ValidityRules.Owner(true, false), UNLIMITED));
        }
    }

    @Nested
    class Order {

        /** The first failing rule is named: the token's own state before its owner's. */
        @ParameterizedTest(name = "state {0}, expired {1}, owner enabled {2}, holds role {3} -> {4}")
        @CsvSource({
                "DISABLED, true, false, false, DISABLED",
                "ACTIVE, true, false, false, EXPIRED",
                "ACTIVE, false, false, false, OWNER_DISABLED",
                "ACTIVE, false, true, false, ROLE_MISSING",
                "DISABLED, false, true, true, DISABLED",
                "ACTIVE, true, true, true, EXPIRED",
                "ACTIVE, false, false, true, OWNER_DISABLED",
        })
        void theFirstFailingRuleIsNamed(TokenState state, boolean expired, boolean enabled, boolean holdsRole,
                RefusalReason expected) {
            Instant expiresAt = expired ? NOW.minusSeconds(60) : NOW.plusSeconds(60);
            assertEquals(expected, refusal(token(state, expiresAt), new ValidityRules.Owner(enabled, holdsRole), UNLIMITED));
        }
    }

    @Nested
    class ExpiryBoundary {

        @Test
        void expiredFromTheVeryInstantOfItsExpiry() {
            assertEquals(RefusalReason.EXPIRED, refusal(token(TokenState.ACTIVE, NOW), USABLE_OWNER, UNLIMITED));
            assertTrue(ValidityRules.isExpired(NOW, NOW));
        }

        @Test
        void usableUpToTheInstantBefore() {
            assertNull(refusal(token(TokenState.ACTIVE, NOW.plusMillis(1)), USABLE_OWNER, UNLIMITED));
            assertFalse(ValidityRules.isExpired(NOW.plusMillis(1), NOW));
        }

        @Test
        void neverExpiredWithoutAnExpiry() {
            assertFalse(ValidityRules.isExpired(null, NOW));
        }
    }

    @Nested
    class PolicyCaps {

        @Test
        void aLifetimeLimitCapsALaterStoredExpiry() {
            TokenData data = token(TokenState.ACTIVE, NOW.plus(Duration.ofDays(300)));
            ValidityRules.Judgement judgement = ValidityRules.judge(data, CREATED, USABLE_OWNER, policy(30, false), NOW);
            assertTrue(judgement.usable());
            assertEquals(CREATED.plus(Duration.ofDays(30)), judgement.effectiveExpiry());
        }

        @Test
        void aTightenedLimitExpiresATokenAtOnce() {
            TokenData data = token(TokenState.ACTIVE, NOW.plus(Duration.ofDays(300)));
            assertEquals(RefusalReason.EXPIRED, refusal(data, USABLE_OWNER, policy(10, false)));
            assertEquals(RefusalReason.EXPIRED, refusal(data, USABLE_OWNER, policy(5, false)));
            assertNull(refusal(data, USABLE_OWNER, policy(11, false)));
        }

        @Test
        void anEarlierStoredExpiryStays() {
            TokenData data = token(TokenState.ACTIVE, NOW.plus(Duration.ofDays(1)));
            assertEquals(NOW.plus(Duration.ofDays(1)),
                    ValidityRules.judge(data, CREATED, USABLE_OWNER, policy(30, false), NOW).effectiveExpiry());
        }

        @Test
        void aTokenWithoutExpiryGetsTheCapOnlyWhereAnExpiryIsRequired() {
            TokenData data = token(TokenState.ACTIVE, null);
            assertNull(ValidityRules.judge(data, CREATED, USABLE_OWNER, policy(30, false), NOW).effectiveExpiry());
            assertEquals(CREATED.plus(Duration.ofDays(30)),
                    ValidityRules.judge(data, CREATED, USABLE_OWNER, policy(30, true), NOW).effectiveExpiry());
            assertEquals(RefusalReason.EXPIRED, refusal(data, USABLE_OWNER, policy(10, true)));
        }

        @Test
        void noCapWithoutACreationTime() {
            TokenData data = token(TokenState.ACTIVE, NOW.plus(Duration.ofDays(300)));
            assertEquals(NOW.plus(Duration.ofDays(300)),
                    ValidityRules.judge(data, null, USABLE_OWNER, policy(10, true), NOW).effectiveExpiry());
        }

        @Test
        void theEffectiveExpiryIsNamedEvenWhenAnotherRuleRefuses() {
            TokenData data = token(TokenState.DISABLED, NOW.plus(Duration.ofDays(300)));
            ValidityRules.Judgement judgement = ValidityRules.judge(data, CREATED, USABLE_OWNER, policy(30, false), NOW);
            assertEquals(RefusalReason.DISABLED, judgement.refusal());
            assertEquals(CREATED.plus(Duration.ofDays(30)), judgement.effectiveExpiry());
        }
    }

    @Test
    void aUseCountsOnlyFromAnAddressOfTheAllowlist() {
        TokenData anywhere = token(TokenState.ACTIVE, null);
        assertTrue(ValidityRules.allowsAddress(anywhere, "198.51.100.7"));
        TokenData fenced = anywhere.withLimits(null, IpAllowlist.parse(List.of("10.0.0.0/8", "2001:db8::/32")), NOW);
        assertTrue(ValidityRules.allowsAddress(fenced, "10.20.30.40"));
        assertTrue(ValidityRules.allowsAddress(fenced, "2001:db8::7"));
        assertFalse(ValidityRules.allowsAddress(fenced, "11.0.0.1"));
        assertFalse(ValidityRules.allowsAddress(fenced, null), "an address Keycloak does not know is not allowed");
        // the address is no rule of judge(): the reminders ask whether a token is usable at all, from anywhere
        assertNull(ValidityRules.judge(fenced, CREATED, new ValidityRules.Owner(true, true), TokenPolicy.DEFAULTS, NOW).refusal());
    }
}
