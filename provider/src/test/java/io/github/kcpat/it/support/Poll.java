package io.github.kcpat.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for an asynchronous outcome (a server becoming ready, a background task's write, a mail): asks again every
 * {@code interval} until the answer is right or the deadline passes, and answers the last answer for the test to
 * assert on. The one place of the tests that sleeps; a wait for time itself to pass is a {@link TestClock} shift instead.
 */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {
    }

    /** Asks {@code answer} until {@code done} holds or {@code timeout} passed; answers the last answer. */
    public static <T> T until(Duration timeout, Supplier<T> answer, Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T last = answer.get();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Pause.of(INTERVAL);
            last = answer.get();
        }
        return last;
    }

    /** {@code true} once {@code condition} holds, {@code false} when it did not within {@code timeout}. */
    public static boolean until(Duration timeout, Supplier<Boolean> condition) {
        return until(timeout, condition, Boolean::booleanValue);
    }
}
