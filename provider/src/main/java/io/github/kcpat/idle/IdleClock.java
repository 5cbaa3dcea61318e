package io.github.kcpat.idle;

import java.time.Duration;
import java.time.Instant;

import io.github.kcpat.credential.TokenData;
import io.github.kcpat.credential.TokenState;
import io.github.kcpat.policy.TokenPolicy;

/**
 * When an unused token is warned and disabled. The idle clock runs from the latest of its last use, its last
 * activation again after a disabling, and its creation. {@code disableAfterUnusedDays} later the idle task disables
 * it; {@code idleWarningDays} before that (but at least a day into the idle period) its owner is warned, and where a
 * warning can go out (mails on, SMTP, an address) the token is never disabled sooner than {@code idleWarningDays} after
 * its warning: turning the policy on in a realm of old tokens warns first. Pure: the task, both APIs and the pages
 * read the same dates.
 */
public final class IdleClock {

    public enum Due {
        NOTHING, WARN, DISABLE
    }

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

    /**
     * When the idle task disables this token unless it is used first: the idle period's end, or later when its warning
     * went out late. Null when the policy never does, or the token is not active.
     */
    public static Instant disableAt(TokenData data, Instant createdAt, TokenPolicy policy) {
        Instant since = idleSince(data, createdAt);
        if (!policy.disablesIdleTokens() || data.state() != TokenState.ACTIVE || since == null) {
            return null;
        }
        Instant end = since.plus(Duration.ofDays(policy.disableAfterUnusedDays()));
        Instant warned = warnedThisPeriod(data, since);
        Instant noticeEnds = warned == null ? null : warned.plus(Duration.ofDays(policy.idleWarningDays()));
        return noticeEnds != null && noticeEnds.isAfter(end) ? noticeEnds : end;
    }

    /** When its owner is due a warning; null when there is none (warnings off, or no day left to warn in). */
    public static Instant warnAt(TokenData data, Instant createdAt, TokenPolicy policy) {
        Instant since = idleSince(data, createdAt);
        if (!policy.disablesIdleTokens() || data.state() != TokenState.ACTIVE || since == null || policy.idleWarningDays() == 0) {
            return null;
        }
        long warnAfterDays = Math.max(1, policy.disableAfterUnusedDays() - policy.idleWarningDays());
        return warnAfterDays < policy.disableAfterUnusedDays() ? since.plus(Duration.ofDays(warnAfterDays)) : null;
    }

    /** What the idle task does with this token at {@code now}; {@code canWarn}: a warning can reach its owner. */
    public static Due due(TokenData data, Instant createdAt, TokenPolicy policy, Instant now, boolean canWarn) {
        Instant disableAt = disableAt(data, createdAt, policy);
        if (disableAt == null) {
            return Due.NOTHING;
        }
        Instant warnAt = warnAt(data, createdAt, policy);
        boolean warned = warnedThisPeriod(data, idleSince(data, createdAt)) != null;
        if (canWarn && warnAt != null && !warned) {
            return warnAt.isAfter(now) ? Due.NOTHING : Due.WARN;
        }
        return disableAt.isAfter(now) ? Due.NOTHING : Due.DISABLE;
    }

    /** The warning sent in the idle period that began at {@code since}, or null. */
    private static Instant warnedThisPeriod(TokenData data, Instant since) {
        Instant warned = data.idleWarnedAt();
        return warned != null && !warned.isBefore(since) ? warned : null;
    }
}
