package io.github.kcpat.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WriteClaimsTest {

    private static final Duration PERIOD = Duration.ofMinutes(10);
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private final WriteClaims claims = new WriteClaims(PERIOD);

    @Test
    void oneWritePerTokenAndPeriod() {
        assertTrue(claims.claim("a", NOW));
        assertFalse(claims.claim("a", NOW.plusSeconds(1)), "a second request in the same period");
        assertTrue(claims.claim("b", NOW.plusSeconds(1)), "another token");
        assertTrue(claims.claim("a", NOW.plus(PERIOD).plusSeconds(1)), "the next period");
    }

    @Test
    void aReleasedClaimLetsTheNextUseWrite() {
        assertTrue(claims.claim("a", NOW));
        claims.release("a", NOW);
        assertTrue(claims.claim("a", NOW.plusSeconds(1)));
    }

    @Test
    void releasingAnOlderClaimLeavesTheCurrentOne() {
        assertTrue(claims.claim("a", NOW));
        Instant later = NOW.plus(PERIOD).plusSeconds(1);
        assertTrue(claims.claim("a", later));
        claims.release("a", NOW);
        assertFalse(claims.claim("a", later.plusSeconds(1)), "the later claim still holds");
    }

    /** Writes that keep failing keep their claims: once there are many, those older than a period go. */
    @Test
    void failedWritesCannotGrowTheBookWithoutBound() {
        for (int i = 0; i <= WriteClaims.PRUNE_ABOVE; i++) {
            claims.claim("failed-" + i, NOW);
        }
        assertEquals(WriteClaims.PRUNE_ABOVE + 1, claims.size());
        Instant later = NOW.plus(PERIOD).plusSeconds(1);
        assertTrue(claims.claim("fresh", later));
        assertEquals(1, claims.size(), "only the fresh claim is left");
    }
}
