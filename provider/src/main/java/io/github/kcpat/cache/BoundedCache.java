package io.github.kcpat.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A per-node memory that never holds more than its capacity, for the caches in front of the hot path. When full,
 * it first drops the entries its owner calls stale; if that frees no room it either forgets everything (refilling
 * costs each active key one lookup) or keeps what it holds and remembers nothing new, as its owner chooses. Safe
 * for concurrent use; under a race it may briefly exceed its capacity by the number of threads putting at once.
 */
public final class BoundedCache<K, V> {

    /** What a full cache does with a new entry once no stale entry is left to drop. */
    public enum WhenFull {
        /** Forget everything and keep the new entry. */
        FORGET_ALL,
        /** Keep the entries held and drop the new one. */
        REFUSE_NEW
    }

    private final int capacity;
    private final WhenFull whenFull;
    private final Predicate<V> stale;
    private final Map<K, V> entries = new ConcurrentHashMap<>();

    public BoundedCache(int capacity, WhenFull whenFull, Predicate<V> stale) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.whenFull = whenFull;
        this.stale = stale;
    }

    /** A cache whose entries never go stale by themselves and that forgets everything when full. */
    public static <K, V> BoundedCache<K, V> forgettingAllWhenFull(int capacity) {
        return new BoundedCache<>(capacity, WhenFull.FORGET_ALL, value -> false);
    }

    public V get(K key) {
        return entries.get(key);
    }

    /** The entry for {@code key}, computed and kept when there is none yet (the computation may run twice in a race). */
    public V computeIfAbsent(K key, Function<K, V> compute) {
        V value = entries.get(key);
        if (value == null) {
            value = compute.apply(key);
            put(key, value);
        }
        return value;
    }

    /** Keeps the entry, making room as the cache's {@link WhenFull} says; false when it was not kept. */
    public boolean put(K key, V value) {
        if (entries.size() >= capacity && !entries.containsKey(key) && !makeRoom()) {
            return false;
        }
        entries.put(key, value);
        return true;
    }

    public void remove(K key) {
        entries.remove(key);
    }

    /** Removes the entry only while it is still {@code value}. */
    public void remove(K key, V value) {
        entries.remove(key, value);
    }

    public int size() {
        return entries.size();
    }

    private boolean makeRoom() {
        entries.values().removeIf(stale);
        if (entries.size() < capacity) {
            return true;
        }
        if (whenFull == WhenFull.REFUSE_NEW) {
            return false;
        }
        entries.clear();
        return true;
    }
}
