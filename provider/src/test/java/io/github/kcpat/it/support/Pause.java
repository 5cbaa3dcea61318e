package io.github.kcpat.it.support;

import java.time.Duration;

/**
 * A fixed wait, for the few places where neither a {@link TestClock} shift nor a {@link Poll} can serve (each says
 * why); an interrupt ends the test with an error instead of being swallowed.
 */
public final class Pause {

    private Pause() {
    }

    public static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
