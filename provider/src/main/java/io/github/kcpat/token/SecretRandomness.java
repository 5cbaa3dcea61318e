package io.github.kcpat.token;

import java.util.Optional;

/**
 * Refuses a secret that plainly did not come from a random source: a value typed or built by hand (all zeros, a
 * repeated word, a counting sequence, a short number padded with zeros) and then given a valid checksum. Each rule
 * looks at the 32 secret bytes only and never reports them.
 *
 * <p>False positives on {@code SecureRandom} output (32 independent uniform bytes), computed exactly or bounded:
 * at most {@value #MAX_DISTINCT} distinct byte values: 1.6e-23; at most {@value #MAX_DISTINCT} distinct steps between
 * neighbouring bytes (they are uniform and independent too): 3.2e-22; a run of {@value #MIN_RUN} or more equal bytes:
 * at most 23 * 256^-9 = 4.9e-21; a period of {@value #MAX_PERIOD} bytes or fewer: at most 2^-128. Together below
 * 5.3e-21, about 2^-67: a server that generated a million tokens a second would meet one in ~6 million years, and
 * {@link ApiToken#generate()} draws again when it does.
 */
final class SecretRandomness {

    static final int MAX_DISTINCT = 12;
    static final int MIN_RUN = 10;
    static final int MAX_PERIOD = 16;

    private SecretRandomness() {
    }

    /** Empty when the secret may well be random; otherwise why it plainly is not, in words that quote none of it. */
    static Optional<String> flaw(byte[] secret) {
        int period = shortestPeriod(secret);
        if (period > 0) {
            return Optional.of(period == 1 ? "one byte repeated" : "a pattern of " + period + " bytes repeated");
        }
        int run = longestRun(secret);
        if (run >= MIN_RUN) {
            return Optional.of("a run of " + run + " equal bytes");
        }
        int distinct = distinct(secret, false);
        if (distinct <= MAX_DISTINCT) {
            return Optional.of("only " + distinct + " distinct byte values");
        }
        int steps = distinct(secret, true);
        if (steps <= MAX_DISTINCT) {
            return Optional.of("a simple sequence (only " + steps + " distinct steps between bytes)");
        }
        return Optional.empty();
    }

    private static int shortestPeriod(byte[] secret) {
        for (int period = 1; period <= MAX_PERIOD && period < secret.length; period++) {
            if (hasPeriod(secret, period)) {
                return period;
            }
        }
        return 0;
    }

    private static boolean hasPeriod(byte[] secret, int period) {
        for (int i = period; i < secret.length; i++) {
            if (secret[i] != secret[i - period]) {
                return false;
            }
        }
        return true;
    }

    private static int longestRun(byte[] secret) {
        int longest = secret.length == 0 ? 0 : 1;
        int run = 1;
        for (int i = 1; i < secret.length; i++) {
            run = secret[i] == secret[i - 1] ? run + 1 : 1;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** How many distinct byte values, or (with {@code steps}) distinct differences mod 256 between neighbours. */
    private static int distinct(byte[] secret, boolean steps) {
        boolean[] seen = new boolean[256];
        int count = 0;
        for (int i = steps ? 1 : 0; i < secret.length; i++) {
            int value = steps ? (secret[i] - secret[i - 1]) & 0xff : secret[i] & 0xff;
            if (!seen[value]) {
                seen[value] = true;
                count++;
            }
        }
        return count;
    }
}
