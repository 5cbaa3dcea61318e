package io.github.kcpat.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reminder thresholds a usable token has reached; which tokens are usable is the rule book's (ValidityRulesTest). */
class ExpiryRemindersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<Integer> THRESHOLDS = List.of(7, 1);

    @Test
    void noneBeforeTheLargestThreshold() {
        assertEquals(List.of(), ExpiryReminders.reached(NOW.plus(Duration.ofDays(7)).plusSeconds(1), THRESHOLDS, List.of(), NOW));
    }

    @Test
    void aThresholdIsReachedAtItsVeryInstant() {
        assertEquals(List.of(7), ExpiryReminders.reached(NOW.plus(Duration.ofDays(7)), THRESHOLDS, List.of(), NOW));
    }

    @Test
    void everyThresholdReachedIsDueUntilMailed() {
        Instant expiresAt = NOW.plus(Duration.ofHours(12));
        assertEquals(List.of(7, 1), ExpiryReminders.reached(expiresAt, THRESHOLDS, List.of(), NOW));
        assertEquals(List.of(1), ExpiryReminders.reached(expiresAt, THRESHOLDS, List.of(7), NOW));
        assertEquals(List.of(), ExpiryReminders.reached(expiresAt, THRESHOLDS, List.of(7, 1), NOW));
    }
}
