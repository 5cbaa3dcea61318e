package io.github.kcpat.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's claims on a token's next last-use write: at most one per token and period. A claim ends when its write
 * did; a failed write keeps its claim, so the next attempt waits a full period instead of retrying on every request.
 * Claims older than a period decide nothing, so they are dropped once there are many: the book stays bounded however
 * many keys fail.
 */
final class WriteClaims {

    static final int PRUNE_ABOVE = 10_000;

    private final Duration period;
    private final Map<String, Instant> claims = new ConcurrentHashMap<>();

    WriteClaims(Duration period) {
        this.period = period;
    }

    /** True when this call won the write for {@code key} at {@code now}. */
    boolean claim(String key, Instant now) {
        if (claims.size() > PRUNE_ABOVE) {
            claims.values().removeIf(claimed -> claimed.plus(period).isBefore(now));
        }
        return claims.compute(key, (k, previous) -> previous == null || previous.plus(period).isBefore(now) ? now : previous)
                .equals(now);
    }

    /** The write claimed at {@code at} is over (done, or rolled back with its request). */
    void release(String key, Instant at) {
        claims.remove(key, at);
    }

    int size() {
        return claims.size();
    }
}
