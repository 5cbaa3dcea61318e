package io.github.kcpat.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
                NOW.minusSeconds(60), List.of(7, 1), DisabledBy.ADMIN,
                new RoleChoice(List.of("reader"), Map.of("orders-api", List.of("read"))), IpAllowlist.parse(List.of("10.0.0.0/8", "::1")));
        assertEquals(data, StoredJson.readData(StoredJson.write(data)));
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
