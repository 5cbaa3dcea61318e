package io.github.kcpat.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one bounded cache: never above its capacity, and full in the way its owner chose. */
class BoundedCacheTest {

    @Test
    void keepsAndForgetsEntries() {
        BoundedCache<String, String> cache = BoundedCache.forgettingAllWhenFull(10);
        assertTrue(cache.put("a", "1"));
        assertEquals("1", cache.get("a"));
        cache.remove("a");
        assertNull(cache.get("a"));
    }

    @Test
    void removesAnEntryOnlyWhileItHoldsTheGivenValue() {
        BoundedCache<String, String> cache = BoundedCache.forgettingAllWhenFull(10);
        cache.put("a", "new");
        cache.remove("a", "old");
        assertEquals("new", cache.get("a"));
        cache.remove("a", "new");
        assertNull(cache.get("a"));
    }

    @Test
    void forgetsEverythingWhenFullAndKeepsTheNewEntry() {
        BoundedCache<String, String> cache = BoundedCache.forgettingAllWhenFull(3);
        cache.put("a", "1");
        cache.put("b", "2");
        cache.put("c", "3");
        assertTrue(cache.put("d", "4"));
        assertEquals(1, cache.size());
        assertEquals("4", cache.get("d"));
        assertNull(cache.get("a"));
    }

    @Test
    void replacingAnEntryOfAFullCacheMakesNoRoom() {
        BoundedCache<String, String> cache = BoundedCache.forgettingAllWhenFull(2);
        cache.put("a", "1");
        cache.put("b", "2");
        cache.put("a", "3");
        assertEquals(2, cache.size());
        assertEquals("2", cache.get("b"));
    }

    @Test
    void refusingNewWhenFullDropsStaleEntriesFirst() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2, BoundedCache.WhenFull.REFUSE_NEW, value -> value < 0);
        cache.put("stale", -1);
        cache.put("live", 1);
        assertTrue(cache.put("new", 2));
        assertNull(cache.get("stale"));
        assertEquals(2, cache.size());

        assertFalse(cache.put("one more", 3));
        assertNull(cache.get("one more"));
        assertEquals(1, cache.get("live"));
    }

    @Test
    void computesAnAbsentEntryOnceAndKeepsIt() {
        BoundedCache<String, String> cache = BoundedCache.forgettingAllWhenFull(10);
        AtomicInteger computed = new AtomicInteger();
        String first = cache.computeIfAbsent("a", key -> key + computed.incrementAndGet());
        String second = cache.computeIfAbsent("a", key -> key + computed.incrementAndGet());
        assertEquals("a1", first);
        assertEquals("a1", second);
        assertEquals(1, computed.get());
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BoundedCache.forgettingAllWhenFull(0));
    }

    @Test
    void staysNearItsBoundUnderConcurrentPuts() throws Exception {
        int capacity = 100;
        int threads = 4;
        BoundedCache<String, Integer> cache = BoundedCache.forgettingAllWhenFull(capacity);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 10_000; i++) {
                    cache.put(thread + "/" + i, i);
                    cache.get(thread + "/" + (i / 2));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(cache.size() <= capacity + threads, "size " + cache.size());
    }
}
