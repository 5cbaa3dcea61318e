package io.github.kcpat.credential;

import io.github.kcpat.cache.BoundedCache;

/**
 * Per-node memory of which user owns a key. A credential never changes owner, so an entry cannot go
 * stale in a way that grants anything: a deleted token is simply not found under the remembered owner.
 * Crude but bounded when full: refilling costs one primary-key query per active key.
 */
final class KeyOwnerCache {

    static final int CAPACITY = 200_000;

    private final BoundedCache<String, String> ownerByRealmAndKey;

    KeyOwnerCache(int capacity) {
        this.ownerByRealmAndKey = BoundedCache.forgettingAllWhenFull(capacity);
    }

    String get(String realmId, String key) {
        return ownerByRealmAndKey.get(realmId + '/' + key);
    }

    void put(String realmId, String key, String userId) {
        ownerByRealmAndKey.put(realmId + '/' + key, userId);
    }

    void forget(String realmId, String key) {
        ownerByRealmAndKey.remove(realmId + '/' + key);
    }
}
