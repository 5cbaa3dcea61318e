package io.github.kcpat.it.support;

import java.time.Duration;

/** Waiting in tests: an interrupt ends the test with an error instead of being swallowed. */
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
