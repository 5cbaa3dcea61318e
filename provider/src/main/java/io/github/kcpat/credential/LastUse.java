package io.github.kcpat.credential;

import java.time.Instant;

/**
 * A recorded use of a token (to within {@link LastUsedRecorder}'s granularity): when, from which client address as
 * Keycloak saw it (behind a trusted proxy, the forwarded one), and through which door. {@code from} and {@code door}
 * are null for uses recorded before they were kept.
 */
public record LastUse(Instant at, String from, String door) {

    public static LastUse at(Instant at) {
        return at == null ? null : new LastUse(at, null, null);
    }
}
