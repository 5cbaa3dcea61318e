package io.github.kcpat.credential;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-node memory of which user owns a key. A credential never changes owner, so an entry cannot go
 * stale in a way that grants anything: a deleted token is simply not found under the remembered owner.
 */
final class KeyOwnerCache {

    private final int capacity;
    private final Map<String, String> ownerByRealmAndKey = new ConcurrentHashMap<>();

    KeyOwnerCache(int capacity) {
        this.capacity = capacity;
    }

    String get(String realmId, String key) {
        return ownerByRealmAndKey.get(realmId + '/' + key);
    }

    void put(String realmId, String key, String userId) {
        if (ownerByRealmAndKey.size() >= capacity) {
            // crude but bounded: refilling costs one primary-key query per active key
            ownerByRealmAndKey.clear();
        }
        ownerByRealmAndKey.put(realmId + '/' + key, userId);
    }

    void forget(String realmId, String key) {
        ownerByRealmAndKey.remove(realmId + '/' + key);
    }
}
