package io.github.kcpat.credential;

import io.github.kcpat.cache.BoundedCache;

/** Parsed credential data by its JSON: every door reads a token's data on every request, and it rarely changes. */
final class ParsedData {

    static final int CAPACITY = 20_000;

    private final BoundedCache<String, TokenData> byJson;

    ParsedData(int capacity) {
        this.byJson = BoundedCache.forgettingAllWhenFull(capacity);
    }

    TokenData read(String json) {
        return byJson.computeIfAbsent(json, StoredJson::readData);
    }

    int size() {
        return byJson.size();
    }
}
