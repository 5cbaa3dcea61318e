package io.github.kcpat.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredJsonTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void dataStoredBeforeTheFlagExistedReadsAsNotDisabledByAdmin() {
        TokenData data = StoredJson.readData("{\"scopes\":[],\"state\":\"DISABLED\",\"expiresAt\":null,"
                + "\"updatedAt\":\"2026-12-01T10:00:00Z\",\"lastUsedAt\":null}");
        assertEquals(TokenState.DISABLED, data.state());
        assertFalse(data.disabledByAdmin());
    }

    @Test
    void theFlagIsStoredOnlyWhenSetAndReadBack() {
        TokenData plain = new TokenData(List.of("demo-api"), TokenState.DISABLED, null, NOW, null);
        assertFalse(StoredJson.write(plain).contains("disabledByAdmin"), StoredJson.write(plain));

        String flagged = StoredJson.write(plain.withDisabledByAdmin(true));
        assertTrue(flagged.contains("\"disabledByAdmin\":true"), flagged);
        assertTrue(StoredJson.readData(flagged).disabledByAdmin());
    }

    @Test
    void everyOtherChangeKeepsTheFlag() {
        TokenData flagged = new TokenData(List.of(), TokenState.DISABLED, null, NOW, null).withDisabledByAdmin(true);
        assertTrue(flagged.withScopes(List.of("x"), NOW).disabledByAdmin());
        assertTrue(flagged.withExpiresAt(NOW.plusSeconds(60), NOW).disabledByAdmin());
        assertTrue(flagged.usedAt(NOW).disabledByAdmin());
        assertTrue(flagged.updatedAt(NOW).disabledByAdmin());
        assertTrue(flagged.remindedFor(List.of(7)).disabledByAdmin());
        assertTrue(flagged.withState(TokenState.DISABLED, NOW).disabledByAdmin());
    }

    @Test
    void theHotPathParsesEachStoredVersionOnce() {
        ParsedData parsed = new ParsedData(ParsedData.CAPACITY);
        String json = StoredJson.write(new TokenData(List.of("demo-api"), TokenState.ACTIVE, null, NOW, null));
        TokenData first = parsed.read(json);
        assertSame(first, parsed.read(json));
        assertEquals(StoredJson.readData(json), first);

        String changed = StoredJson.write(first.usedAt(NOW));
        assertEquals(NOW, parsed.read(changed).lastUsedAt());
        assertEquals(2, parsed.size());
    }

    @Test
    void theMemoIsBounded() {
        ParsedData parsed = new ParsedData(2);
        for (int minute = 0; minute < 5; minute++) {
            parsed.read(StoredJson.write(new TokenData(List.of(), TokenState.ACTIVE, null, NOW.plusSeconds(60L * minute), null)));
        }
        assertTrue(parsed.size() <= 2, "size " + parsed.size());
    }
}
