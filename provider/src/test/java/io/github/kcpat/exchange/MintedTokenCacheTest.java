package io.github.kcpat.exchange;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Forward-auth's reuse of a minted JWT: the same token state, and never beyond the reuse window. */
class MintedTokenCacheTest {

    private static final long MINTED_AT = 1_000_000;
    private final MintedTokenCache cache = new MintedTokenCache();

    @Test
    void reusedWithinTheWindowForTheSameState() {
        cache.put("realm", "key", new MintedTokenCache.Minted("state", "jwt", MINTED_AT, MINTED_AT + 300));
        assertNotNull(cache.get("realm", "key", "state", MINTED_AT));
        assertNotNull(cache.get("realm", "key", "state", MINTED_AT + MintedTokenCache.REUSE_SECONDS - 1));
    }

    @Test
    void mintedAnewOnceTheWindowIsOverEvenWithMostOfItsLifetimeLeft() {
        cache.put("realm", "key", new MintedTokenCache.Minted("state", "jwt", MINTED_AT, MINTED_AT + 3600));
        assertNull(cache.get("realm", "key", "state", MINTED_AT + MintedTokenCache.REUSE_SECONDS));
    }

    @Test
    void mintedAnewWhenTheTokenStateChanged() {
        cache.put("realm", "key", new MintedTokenCache.Minted("state", "jwt", MINTED_AT, MINTED_AT + 300));
        assertNull(cache.get("realm", "key", "other state", MINTED_AT + 1));
    }

    @Test
    void mintedAnewWhenLessThanHalfItsLifetimeRemains() {
        cache.put("realm", "key", new MintedTokenCache.Minted("state", "jwt", MINTED_AT, MINTED_AT + 40));
        assertNull(cache.get("realm", "key", "state", MINTED_AT + 21));
    }

    @Test
    void keysAreKeptPerRealm() {
        cache.put("realm", "key", new MintedTokenCache.Minted("state", "jwt", MINTED_AT, MINTED_AT + 300));
        assertNull(cache.get("other", "key", "state", MINTED_AT));
    }

    @Test
    void boundedWhenFullItForgetsWhatItMinted() {
        MintedTokenCache small = new MintedTokenCache(2);
        small.put("realm", "a", new MintedTokenCache.Minted("state", "jwt-a", MINTED_AT, MINTED_AT + 300));
        small.put("realm", "b", new MintedTokenCache.Minted("state", "jwt-b", MINTED_AT, MINTED_AT + 300));
        small.put("realm", "c", new MintedTokenCache.Minted("state", "jwt-c", MINTED_AT, MINTED_AT + 300));
        assertNull(small.get("realm", "a", "state", MINTED_AT));
        assertNotNull(small.get("realm", "c", "state", MINTED_AT));
    }

    @Test
    void aClockSetBackDoesNotStretchTheWindow() {
        cache.put("realm", "key", new MintedTokenCache.Minted("state", "jwt", MINTED_AT, MINTED_AT + 300));
        assertNull(cache.get("realm", "key", "state", MINTED_AT - 1));
    }
}
