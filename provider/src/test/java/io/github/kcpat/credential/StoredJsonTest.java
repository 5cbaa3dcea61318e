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

    /** Format 1 (README, "Upgrading the extension"): an admin's disabling was a flag, an owner's went unrecorded. */
    private static final String FORMAT_1_BY_ADMIN = "{\"scopes\":[\"demo-api\"],\"state\":\"DISABLED\",\"expiresAt\":null,"
            + "\"updatedAt\":\"2026-12-01T10:00:00Z\",\"lastUsedAt\":null,\"remindersSent\":[7],\"disabledByAdmin\":true}";
    private static final String FORMAT_1_BY_OWNER = "{\"scopes\":[],\"state\":\"DISABLED\",\"expiresAt\":null,"
            + "\"updatedAt\":\"2026-12-01T10:00:00Z\",\"lastUsedAt\":null}";

    @Test
    void format1ReadsAsWhoDisabledIt() {
        TokenData byAdmin = StoredJson.readData(FORMAT_1_BY_ADMIN);
        assertEquals(TokenState.DISABLED, byAdmin.state());
        assertEquals(DisabledBy.ADMIN, byAdmin.disabledBy());
        assertTrue(byAdmin.disabledByAdmin());
        assertEquals(List.of(7), byAdmin.remindersSent());

        TokenData byOwner = StoredJson.readData(FORMAT_1_BY_OWNER);
        assertEquals(DisabledBy.OWNER, byOwner.disabledBy());
        assertFalse(byOwner.disabledByAdmin());
    }

    @Test
    void aWriteOfFormat1DataIsFormat2() {
        String written = StoredJson.write(StoredJson.readData(FORMAT_1_BY_ADMIN).usedAt(NOW));
        assertEquals("{\"scopes\":[\"demo-api\"],\"state\":\"DISABLED\",\"expiresAt\":null,\"updatedAt\":\"2026-12-01T10:00:00Z\","
                + "\"lastUsedAt\":\"2026-12-01T10:00:00Z\",\"remindersSent\":[7],\"disabledBy\":\"admin\",\"disabledByAdmin\":true}",
                written, "format 2, with format 1's flag beside an admin's for a rollback");
        assertEquals(DisabledBy.OWNER, StoredJson.readData(StoredJson.write(StoredJson.readData(FORMAT_1_BY_OWNER))).disabledBy());
    }

    @Test
    void whoDisabledItIsStoredOnlyWhileDisabled() {
        TokenData active = new TokenData(List.of("demo-api"), TokenState.ACTIVE, null, NOW, null).disabledBy(DisabledBy.ADMIN);
        assertEquals(null, active.disabledBy());
        assertFalse(StoredJson.write(active).contains("disabled"), StoredJson.write(active));

        String byOwner = StoredJson.write(active.withState(TokenState.DISABLED, NOW));
        assertTrue(byOwner.endsWith(",\"disabledBy\":\"owner\"}"), byOwner);
        String byAdmin = StoredJson.write(active.withState(TokenState.DISABLED, NOW).disabledBy(DisabledBy.ADMIN));
        assertTrue(byAdmin.endsWith(",\"disabledBy\":\"admin\",\"disabledByAdmin\":true}"), byAdmin);
        assertTrue(StoredJson.readData(byAdmin).disabledByAdmin());
        assertEquals(null, StoredJson.readData(byAdmin).withState(TokenState.ACTIVE, NOW).disabledBy());
    }

    @Test
    void everyOtherChangeKeepsWhoDisabledIt() {
        TokenData flagged = new TokenData(List.of(), TokenState.DISABLED, null, NOW, null).disabledBy(DisabledBy.ADMIN);
        assertTrue(flagged.withScopes(List.of("x"), NOW).disabledByAdmin());
        assertTrue(flagged.withExpiresAt(NOW.plusSeconds(60), NOW).disabledByAdmin());
        assertTrue(flagged.usedAt(NOW).disabledByAdmin());
        assertTrue(flagged.updatedAt(NOW).disabledByAdmin());
        assertTrue(flagged.remindedFor(List.of(7)).disabledByAdmin());
        // the owner disabling it again does not make it theirs to activate
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
