package io.github.kcpat.credential;

import java.time.Instant;
import java.util.List;

/**
 * The public part of a token's credential, stored as JSON in its credential data: the admin console's
 * Credentials tab shows it, so it holds nothing secret. {@code disabledByAdmin}: an admin disabled the token,
 * so only an admin may activate it again.
 */
public record TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt,
        List<Integer> remindersSent, boolean disabledByAdmin) {

    public TokenData {
        scopes = List.copyOf(scopes);
        remindersSent = remindersSent == null ? List.of() : List.copyOf(remindersSent);
    }

    public TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt) {
        this(scopes, state, expiresAt, updatedAt, lastUsedAt, List.of(), false);
    }

    public TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt,
            List<Integer> remindersSent) {
        this(scopes, state, expiresAt, updatedAt, lastUsedAt, remindersSent, false);
    }

    public TokenData withScopes(List<String> newScopes, Instant now) {
        return new TokenData(newScopes, state, expiresAt, now, lastUsedAt, remindersSent, disabledByAdmin);
    }

    public TokenData withState(TokenState newState, Instant now) {
        return new TokenData(scopes, newState, expiresAt, now, lastUsedAt, remindersSent, disabledByAdmin);
    }

    /** Marks (or clears) that an admin disabled the token. */
    public TokenData withDisabledByAdmin(boolean byAdmin) {
        return new TokenData(scopes, state, expiresAt, updatedAt, lastUsedAt, remindersSent, byAdmin);
    }

    /** A new expiry also re-arms the expiry reminders. */
    public TokenData withExpiresAt(Instant newExpiry, Instant now) {
        return new TokenData(scopes, state, newExpiry, now, lastUsedAt, List.of(), disabledByAdmin);
    }

    public TokenData updatedAt(Instant now) {
        return new TokenData(scopes, state, expiresAt, now, lastUsedAt, remindersSent, disabledByAdmin);
    }

    public TokenData usedAt(Instant now) {
        return new TokenData(scopes, state, expiresAt, updatedAt, now, remindersSent, disabledByAdmin);
    }

    /** Remembers that the reminders for these thresholds (days before expiry) went out. */
    public TokenData remindedFor(List<Integer> thresholds) {
        List<Integer> sent = new java.util.ArrayList<>(remindersSent);
        thresholds.stream().filter(days -> !sent.contains(days)).forEach(sent::add);
        return new TokenData(scopes, state, expiresAt, updatedAt, lastUsedAt, sent, disabledByAdmin);
    }
}
