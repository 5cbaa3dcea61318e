package io.github.kcpat.credential;

import java.time.Instant;
import java.util.List;

/**
 * The public part of a token's credential, stored as JSON in its credential data: the admin console's
 * Credentials tab shows it, so it holds nothing secret.
 */
public record TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt) {

    public TokenData {
        scopes = List.copyOf(scopes);
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public TokenData withScopes(List<String> newScopes, Instant now) {
        return new TokenData(newScopes, state, expiresAt, now, lastUsedAt);
    }

    public TokenData withState(TokenState newState, Instant now) {
        return new TokenData(scopes, newState, expiresAt, now, lastUsedAt);
    }

    public TokenData withExpiresAt(Instant newExpiry, Instant now) {
        return new TokenData(scopes, state, newExpiry, now, lastUsedAt);
    }

    public TokenData updatedAt(Instant now) {
        return new TokenData(scopes, state, expiresAt, now, lastUsedAt);
    }

    public TokenData usedAt(Instant now) {
        return new TokenData(scopes, state, expiresAt, updatedAt, now);
    }
}
