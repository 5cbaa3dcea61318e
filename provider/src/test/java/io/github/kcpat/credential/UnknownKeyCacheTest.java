package io.github.kcpat.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The negative cache in front of the key lookup: short-lived, bounded, and never in the way of a new key. */
class UnknownKeyCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final UnknownKeyCache cache = new UnknownKeyCache(3, 60_000, now::get);

    @Test
    void remembersAnUnknownKeyForItsTimeToLiveOnly() {
        cache.remember("realm", "key");
        now.addAndGet(59_999);
        assertTrue(cache.remembers("realm", "key"));
        now.addAndGet(1);
        assertFalse(cache.remembers("realm", "key"));
        assertEquals(0, cache.size());
    }

    @Test
    void aKeyFoundUnknownAgainIsRememberedAnew() {
        cache.remember("realm", "key");
        now.addAndGet(30_000);
        cache.remember("realm", "key");
        now.addAndGet(59_999);
        assertTrue(cache.remembers("realm", "key"));
    }

    @Test
    void keysAreKeptPerRealm() {
        cache.remember("realm", "key");
        assertFalse(cache.remembers("other", "key"));
    }

    @Test
    void aCreatedKeyIsForgottenAtOnce() {
        cache.remember("realm", "key");
        cache.forget("realm", "key");
        assertFalse(cache.remembers("realm", "key"));
    }

    @Test
    void whenFullItDropsExpiredEntriesAndOtherwiseRemembersNoMore() {
        cache.remember("realm", "a");
        cache.remember("realm", "b");
        cache.remember("realm", "c");
        cache.remember("realm", "d");
        assertEquals(3, cache.size());
        assertFalse(cache.remembers("realm", "d"));
        assertTrue(cache.remembers("realm", "a"));

        now.addAndGet(60_000);
        cache.remember("realm", "e");
        assertEquals(1, cache.size());
        assertTrue(cache.remembers("realm", "e"));
    }
}
