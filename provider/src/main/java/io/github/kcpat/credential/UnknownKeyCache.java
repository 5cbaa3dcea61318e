package io.github.kcpat.credential;

import java.util.function.LongSupplier;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

import io.github.kcpat.cache.BoundedCache;
import io.github.kcpat.time.ServerClock;

/**
 * Per-node memory of keys that a lookup just found unknown, so that a client hammering with a deleted (or
 * forged, checksum-valid) token costs one database read per key and {@link #TTL_SECONDS} rather than one per
 * request. Bounded: when full, expired entries are dropped and, if none expired, new keys are simply not
 * remembered. A key created on this node is dropped at once; one created on another node may be refused here
 * for up to {@link #TTL_SECONDS}, which only a token whose value existed before it was stored (a supplied or
 * provisioned value) can meet.
 */
public final class UnknownKeyCache {

    public static final int TTL_SECONDS = 60;
    static final int CAPACITY = 10_000;

    private final long ttlMillis;
    private final LongSupplier clock;
    private final BoundedCache<String, Long> expiryByRealmAndKey;

    UnknownKeyCache(int capacity, long ttlMillis, LongSupplier clock) {
        this.ttlMillis = ttlMillis;
        this.clock = clock;
        this.expiryByRealmAndKey = new BoundedCache<>(capacity, BoundedCache.WhenFull.REFUSE_NEW,
                expiry -> expiry <= clock.getAsLong());
    }

    UnknownKeyCache() {
        this(CAPACITY, TTL_SECONDS * 1000L, ServerClock.INSTANCE::millis);
    }

    /** This node's cache, kept by the credential provider factory. */
    public static UnknownKeyCache of(KeycloakSession session) {
        return ApiTokenCredentialProviderFactory.of(session).unknownKeys();
    }

    /** True when the key was found unknown less than {@link #TTL_SECONDS} ago. */
    public boolean remembers(String realmId, String key) {
        String id = realmId + '/' + key;
        Long expiry = expiryByRealmAndKey.get(id);
        if (expiry == null) {
            return false;
        }
        if (expiry > clock.getAsLong()) {
            return true;
        }
        expiryByRealmAndKey.remove(id, expiry);
        return false;
    }

    public void remember(String realmId, String key) {
        expiryByRealmAndKey.put(realmId + '/' + key, clock.getAsLong() + ttlMillis);
    }

    public void forget(String realmId, String key) {
        expiryByRealmAndKey.remove(realmId + '/' + key);
    }

    /** Forgets the key now and again once the creating transaction ends, so no lookup racing the commit can keep it. */
    public void forgetCreated(KeycloakSession session, String realmId, String key) {
        forget(realmId, key);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                forget(realmId, key);
            }

            @Override
            protected void rollbackImpl() {
                forget(realmId, key);
            }
        });
    }

    int size() {
        return expiryByRealmAndKey.size();
    }
}
