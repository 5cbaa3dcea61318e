package io.github.kcpat.credential;

import java.time.Instant;
import java.util.List;

/**
 * The public part of a token's credential, stored as JSON in its credential data: the admin console's
 * Credentials tab shows it, so it holds nothing secret.
 */
public record TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt,
        List<Integer> remindersSent) {

    public TokenData {
        scopes = List.copyOf(scopes);
        remindersSent = remindersSent == null ? List.of() : List.copyOf(remindersSent);
    }

    public TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt) {
        this(scopes, state, expiresAt, updatedAt, lastUsedAt, List.of());
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public TokenData withScopes(List<String> newScopes, Instant now) {
        return new TokenData(newScopes, state, expiresAt, now, lastUsedAt, remindersSent);
    }

    public TokenData withState(TokenState newState, Instant now) {
        return new TokenData(scopes, newState, expiresAt, now, lastUsedAt, remindersSent);
    }

    /** A new expiry also re-arms the expiry reminders. */
    public TokenData withExpiresAt(Instant newExpiry, Instant now) {
        return new TokenData(scopes, state, newExpiry, now, lastUsedAt, List.of());
    }

    public TokenData updatedAt(Instant now) {
        return new TokenData(scopes, state, expiresAt, now, lastUsedAt, remindersSent);
    }

    public TokenData usedAt(Instant now) {
        return new TokenData(scopes, state, expiresAt, updatedAt, now, remindersSent);
    }

    /** Remembers that the reminders for these thresholds (days before expiry) went out. */
    public TokenData remindedFor(List<Integer> thresholds) {
        List<Integer> sent = new java.util.ArrayList<>(remindersSent);
        thresholds.stream().filter(days -> !sent.contains(days)).forEach(sent::add);
        return new TokenData(scopes, state, expiresAt, updatedAt, lastUsedAt, sent);
    }
}
