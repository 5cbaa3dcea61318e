package io.github.kcpat.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.kcpat.credential.LastUse;
import io.github.kcpat.credential.TokenData;
import io.github.kcpat.credential.TokenState;
import io.github.kcpat.idle.IdleClock.Due;
import io.github.kcpat.policy.TokenPolicy;
import org.junit.jupiter.api.Test;

class IdleClockTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final TokenPolicy THIRTY_DAYS_WARN_SEVEN = policy(30, 7);

    private static TokenPolicy policy(int disableAfterUnusedDays, int idleWarningDays) {
        TokenPolicy d = TokenPolicy.DEFAULTS;
        return new TokenPolicy(d.maxLifetimeDays(), d.expiryRequired(), d.defaultLifetimeDays(), d.maxTokensPerUser(),
                d.availableScopes(), d.exchangeClientId(), d.reminderDays(), d.recentLoginMinutes(), d.roleSelection(),
                d.forbiddenRoles(), d.allowedIpsRequired(), d.allowedIpsMinPrefixIpv4(), d.allowedIpsMinPrefixIpv6(),
                disableAfterUnusedDays, idleWarningDays, d.maxRotationOverlapMinutes());
    }

    private static TokenData active() {
        return new TokenData(List.of(), TokenState.ACTIVE, null, CREATED, null);
    }

    private static Instant days(long days) {
        return CREATED.plus(Duration.ofDays(days));
    }

    @Test
    void aNeverUsedTokenIsIdleSinceItsCreation() {
        assertEquals(days(30), IdleClock.disableAt(active(), CREATED, THIRTY_DAYS_WARN_SEVEN));
        assertEquals(days(23), IdleClock.warnAt(active(), CREATED, THIRTY_DAYS_WARN_SEVEN));
        assertEquals(Due.NOTHING, IdleClock.due(active(), CREATED, THIRTY_DAYS_WARN_SEVEN, days(23).minusSeconds(1), true));
        assertEquals(Due.WARN, IdleClock.due(active(), CREATED, THIRTY_DAYS_WARN_SEVEN, days(23), true));
        assertEquals(Due.DISABLE, IdleClock.due(active().idleWarned(days(23)), CREATED, THIRTY_DAYS_WARN_SEVEN, days(30), true));
        assertEquals(Due.DISABLE, IdleClock.due(active(), CREATED, THIRTY_DAYS_WARN_SEVEN, days(30), false),
                "no warning can reach the owner: disabled when the period ends");
    }

    @Test
    void aTokenWhoseOwnerCanBeWarnedIsWarnedBeforeItIsDisabledEvenWhenLate() {
        // the policy was turned on long after the token's last use: a warning first, the disabling its notice later
        assertEquals(Due.WARN, IdleClock.due(active(), CREATED, THIRTY_DAYS_WARN_SEVEN, days(400), true));
        TokenData warned = active().idleWarned(days(400));
        assertEquals(days(407), IdleClock.disableAt(warned, CREATED, THIRTY_DAYS_WARN_SEVEN));
        assertEquals(Due.NOTHING, IdleClock.due(warned, CREATED, THIRTY_DAYS_WARN_SEVEN, days(406), true));
        assertEquals(Due.DISABLE, IdleClock.due(warned, CREATED, THIRTY_DAYS_WARN_SEVEN, days(407), true));
    }

    @Test
    void aUseOrAnActivationAgainRestartsTheClock() {
        TokenData used = active().used(new LastUse(days(10), "10.0.0.1", "exchange"));
        assertEquals(days(40), IdleClock.disableAt(used, CREATED, THIRTY_DAYS_WARN_SEVEN));
        TokenData reactivated = used.withState(TokenState.DISABLED, days(11)).withState(TokenState.ACTIVE, days(20));
        assertEquals(days(50), IdleClock.disableAt(reactivated, CREATED, THIRTY_DAYS_WARN_SEVEN));
    }

    @Test
    void theWarningGoesOutOncePerIdlePeriod() {
        TokenData warned = active().idleWarned(days(23));
        assertEquals(Due.NOTHING, IdleClock.due(warned, CREATED, THIRTY_DAYS_WARN_SEVEN, days(25), true));
        TokenData usedSince = warned.used(new LastUse(days(24), null, null));
        assertEquals(Due.WARN, IdleClock.due(usedSince, CREATED, THIRTY_DAYS_WARN_SEVEN, days(24 + 23), true),
                "a use began a new idle period, which is warned of again");
    }

    @Test
    void offByDefaultAndForDisabledTokens() {
        assertNull(IdleClock.disableAt(active(), CREATED, TokenPolicy.DEFAULTS));
        assertEquals(Due.NOTHING, IdleClock.due(active(), CREATED, TokenPolicy.DEFAULTS, days(10_000), true));
        TokenData disabled = active().withState(TokenState.DISABLED, CREATED);
        assertEquals(Due.NOTHING, IdleClock.due(disabled, CREATED, THIRTY_DAYS_WARN_SEVEN, days(100), true));
    }

    @Test
    void aWarningPeriodAsLongAsTheIdlePeriodWarnsAfterADay() {
        assertEquals(days(1), IdleClock.warnAt(active(), CREATED, policy(5, 7)));
        assertNull(IdleClock.warnAt(active(), CREATED, policy(1, 7)), "no day left to warn in");
        assertNull(IdleClock.warnAt(active(), CREATED, policy(30, 0)), "warnings off");
    }
}
