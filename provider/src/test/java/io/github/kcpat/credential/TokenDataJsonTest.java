package io.github.kcpat.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.limits.RoleChoice;
import org.junit.jupiter.api.Test;

import io.github.kcpat.token.StoredCredential;

/** {@link TokenData} through the stored JSON ({@link StoredCredential}) and back, as the server and the CLI write it. */
class TokenDataJsonTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void everyFieldRoundTrips() {
        TokenData data = new TokenData(List.of("demo-api", "other"), TokenState.DISABLED, NOW.plusSeconds(3600), NOW,
                new LastUse(NOW.minusSeconds(60), "192.0.2.7", "forward-auth"), List.of(7, 1), DisabledBy.IDLE,
                new RoleChoice(List.of("reader"), Map.of("orders-api", List.of("read"))), IpAllowlist.parse(List.of("10.0.0.0/8", "::1")),
                NOW.minusSeconds(600), NOW.minusSeconds(900),
                new PreviousSecret(NOW.plusSeconds(60), new LastUse(NOW.minusSeconds(30), "2001:db8::1", null)));
        assertEquals(data, StoredJson.readData(StoredJson.write(data)));
    }

    /** What a JAR that knows only owner and admin reads after a rollback: the owner's disabling, the same right to undo. */
    @Test
    void anIdleDisablingIsStoredAsTheOwnersMarkedIdle() {
        TokenData idle = new TokenData(List.of(), TokenState.ACTIVE, null, NOW, null)
                .withState(TokenState.DISABLED, NOW).disabledBy(DisabledBy.IDLE);
        String json = StoredJson.write(idle);
        assertEquals("{\"scopes\":[],\"state\":\"DISABLED\",\"expiresAt\":null,\"updatedAt\":\"2026-12-01T10:00:00Z\","
                + "\"lastUsedAt\":null,\"disabledBy\":\"owner\",\"disabledIdle\":true}", json);
        assertEquals(DisabledBy.IDLE, StoredJson.readData(json).disabledBy());
        assertEquals(DisabledBy.IDLE, StoredJson.readData(json).withState(TokenState.DISABLED, NOW).disabledBy(),
                "disabled again, it keeps who disabled it first");
        assertEquals(null, StoredJson.readData(StoredJson.write(StoredJson.readData(json).withState(TokenState.ACTIVE, NOW)))
                .disabledBy());
        assertFalse(StoredJson.write(StoredJson.readData(json).withState(TokenState.ACTIVE, NOW)).contains("disabledIdle"));
    }

    @Test
    void aDisablerOfALaterVersionReadsAsAnAdminsDisabling() {
        String later = "{\"scopes\":[],\"state\":\"DISABLED\",\"expiresAt\":null,\"updatedAt\":\"2026-12-01T10:00:00Z\","
                + "\"lastUsedAt\":null,\"disabledBy\":\"policy-bot\"}";
        assertEquals(DisabledBy.ADMIN, StoredJson.readData(later).disabledBy());
    }

    @Test
    void lifecycleFieldsAreStoredFlatAndLeftOutWhileUnset() {
        TokenData used = new TokenData(List.of(), TokenState.ACTIVE, null, NOW, null)
                .used(new LastUse(NOW, "10.1.2.3", "verify"))
                .withPreviousSecret(new PreviousSecret(NOW.plusSeconds(3600), null), NOW);
        assertEquals("{\"scopes\":[],\"state\":\"ACTIVE\",\"expiresAt\":null,\"updatedAt\":\"2026-12-01T10:00:00Z\","
                + "\"lastUsedAt\":\"2026-12-01T10:00:00Z\",\"lastUsedFrom\":\"10.1.2.3\",\"lastUsedDoor\":\"verify\","
                + "\"previousSecretExpiresAt\":\"2026-12-01T11:00:00Z\"}", StoredJson.write(used));
    }

    @Test
    void disablingEndsTheOverlapAndActivatingAgainRestartsTheIdleClock() {
        TokenData overlapping = new TokenData(List.of(), TokenState.ACTIVE, null, NOW, null)
                .withPreviousSecret(new PreviousSecret(NOW.plusSeconds(3600), null), NOW);
        TokenData disabled = overlapping.withState(TokenState.DISABLED, NOW.plusSeconds(1));
        assertEquals(null, disabled.previousSecret());
        assertEquals(null, disabled.activatedAt());
        TokenData activated = disabled.withState(TokenState.ACTIVE, NOW.plusSeconds(2));
        assertEquals(NOW.plusSeconds(2), activated.activatedAt());
        assertEquals(null, activated.previousSecret());
        assertEquals(NOW.plusSeconds(2), activated.withState(TokenState.ACTIVE, NOW.plusSeconds(3)).activatedAt(),
                "activating an active token is no new start");
    }

    @Test
    void whatTheServerWritesIsWhatTheCliWrites() {
        TokenData data = new TokenData(List.of("demo-api"), TokenState.ACTIVE, NOW.plusSeconds(3600), NOW, null);
        assertEquals(StoredCredential.Data.of(List.of("demo-api"), "ACTIVE", NOW.plusSeconds(3600), NOW).json(),
                StoredJson.write(data));
    }

    /** Written by the Jackson-based writer of earlier versions, byte for byte: what databases hold today. */
    @Test
    void dataStoredByEarlierVersionsReadsTheSame() {
        String earlier = "{\"scopes\":[\"demo-api\"],\"state\":\"ACTIVE\",\"expiresAt\":\"2026-12-01T11:00:00Z\","
                + "\"updatedAt\":\"2026-12-01T10:00:00Z\",\"lastUsedAt\":null,\"remindersSent\":[7]}";
        TokenData data = StoredJson.readData(earlier);
        assertEquals(new TokenData(List.of("demo-api"), TokenState.ACTIVE, NOW.plusSeconds(3600), NOW, null, List.of(7)), data);
        assertEquals(earlier, StoredJson.write(data));
    }

    @Test
    void aFieldOfANewerVersionIsIgnored() {
        TokenData data = StoredJson.readData("{\"scopes\":[],\"state\":\"ACTIVE\",\"expiresAt\":null,"
                + "\"updatedAt\":\"2026-12-01T10:00:00Z\",\"lastUsedAt\":null,\"colour\":\"blue\"}");
        assertEquals(TokenState.ACTIVE, data.state());
    }
}
