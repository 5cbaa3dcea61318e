package io.github.kcpat.credential;

import java.time.Instant;

/**
 * The secret a rotation with an overlap replaced, which keeps working until {@code expiresAt}; {@code lastUse} is its
 * last recorded use during that overlap (null: none yet), so the owner sees which jobs have not switched. Its hash
 * lives in the secret data beside the current one; this is the public part.
 */
public record PreviousSecret(Instant expiresAt, LastUse lastUse) {

    public boolean worksAt(Instant now) {
        return expiresAt != null && expiresAt.isAfter(now);
    }

    public PreviousSecret usedAt(LastUse use) {
        return new PreviousSecret(expiresAt, use);
    }
}
