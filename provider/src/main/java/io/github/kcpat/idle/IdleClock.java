package io.github.kcpat.idle;

import java.time.Duration;
import java.time.Instant;

import io.github.kcpat.credential.TokenData;
import io.github.kcpat.credential.TokenState;
import io.github.kcpat.policy.TokenPolicy;

/**
 * When an unused token is warned and disabled. The idle clock runs from the latest of its last use, its last
 * activation again after a disabling, and its creation; the policy's {@code disableAfterUnusedDays} later the idle task
 * disables it, and {@code idleWarningDays} before that (but at least a day into the idle period) its owner is warned.
 * Pure: the task, both APIs and the pages read the same dates.
 */
public final class IdleClock {

    private IdleClock() {
    }

    public static Instant idleSince(TokenData data, Instant createdAt) {
        Instant since = createdAt;
        for (Instant candidate : new Instant[] {data.lastUsedAt(), data.activatedAt()}) {
            if (candidate != null && (since == null || candidate.isAfter(since))) {
                since = candidate;
            }
        }
        return since;
    }

    /** When the idle task disables this token unless it is used first; null when the policy never does, or it is not active. */
    public static Instant disableAt(TokenData data, Instant createdAt, TokenPolicy policy) {
        Instant since = idleSince(data, createdAt);
        if (!policy.disablesIdleTokens() || data.state() != TokenState.ACTIVE || since == null) {
            return null;
        }
        return since.plus(Duration.ofDays(policy.disableAfterUnusedDays()));
    }

    /** When its owner is warned; null when there is no warning (none configured, or no disabling to warn of). */
    public static Instant warnAt(TokenData data, Instant createdAt, TokenPolicy policy) {
        Instant disableAt = disableAt(data, createdAt, policy);
        if (disableAt == null || policy.idleWarningDays() == 0) {
            return null;
        }
        long warnAfterDays = Math.max(1, policy.disableAfterUnusedDays() - policy.idleWarningDays());
        Instant warnAt = idleSince(data, createdAt).plus(Duration.ofDays(warnAfterDays));
        return warnAt.isBefore(disableAt) ? warnAt : null;
    }

    /** What the idle task does with this token at {@code now}. */
    public static Due due(TokenData data, Instant createdAt, TokenPolicy policy, Instant now) {
        Instant disableAt = disableAt(data, createdAt, policy);
        if (disableAt == null) {
            return Due.NOTHING;
        }
        if (!disableAt.isAfter(now)) {
            return Due.DISABLE;
        }
        Instant warnAt = warnAt(data, createdAt, policy);
        Instant since = idleSince(data, createdAt);
        if (warnAt != null && !warnAt.isAfter(now) && !since.equals(data.idleWarnedFor())) {
            return Due.WARN;
        }
        return Due.NOTHING;
    }

    public enum Due {
        NOTHING, WARN, DISABLE
    }
}
