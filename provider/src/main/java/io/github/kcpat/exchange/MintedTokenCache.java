package io.github.kcpat.exchange;

import io.github.kcpat.cache.BoundedCache;

/**
 * Per-node memory of the last access token minted for each API token, for forward-auth: signing is the
 * expensive part of a request, and a gateway sends the same token again and again. An entry is reused
 * only for the same token state as the verifier sees it (any change of the token or of the scopes and
 * expiry the policy grants it mints anew), only while at least half of its lifetime remains, and never
 * longer than {@link #REUSE_SECONDS} after it was minted: what else shapes a JWT (the owner's roles, groups
 * and attributes, a not-before, the exchange client's scopes and mappers) reaches the upstream within that
 * window. The API token itself is verified on every request regardless.
 */
public final class MintedTokenCache {

    /** How long a minted JWT may be handed out again, in seconds of Keycloak's {@code Time}. */
    static final long REUSE_SECONDS = 30;
    private static final int CAPACITY = 50_000;
    private static final long MIN_REMAINING_SECONDS = 30;

    record Minted(String fingerprint, String accessToken, long issuedAt, long expiresAt) {

        boolean freshFor(String currentFingerprint, long now) {
            long remaining = expiresAt - now;
            return fingerprint.equals(currentFingerprint)
                    && now >= issuedAt
                    && now - issuedAt < REUSE_SECONDS
                    && remaining >= MIN_REMAINING_SECONDS
                    && remaining * 2 >= expiresAt - issuedAt;
        }
    }

    private final BoundedCache<String, Minted> byRealmAndKey;

    public MintedTokenCache() {
        this(CAPACITY);
    }

    MintedTokenCache(int capacity) {
        this.byRealmAndKey = BoundedCache.forgettingAllWhenFull(capacity);
    }

    Minted get(String realmId, String key, String fingerprint, long now) {
        Minted minted = byRealmAndKey.get(realmId + '/' + key);
        return minted != null && minted.freshFor(fingerprint, now) ? minted : null;
    }

    void put(String realmId, String key, Minted minted) {
        byRealmAndKey.put(realmId + '/' + key, minted);
    }
}
