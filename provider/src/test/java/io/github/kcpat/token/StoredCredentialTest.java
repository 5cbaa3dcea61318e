package io.github.kcpat.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.kcpat.limits.RoleChoice;
import org.junit.jupiter.api.Test;

/** The stored credential JSON, written with the JDK alone and read back the way the server reads it. */
class StoredCredentialTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void newDataShowsEveryFieldButTheOptionalOnes() {
        StoredCredential.Data data = StoredCredential.Data.of(List.of("demo-api"), "ACTIVE", NOW.plusSeconds(60), NOW);
        assertEquals("{\"scopes\":[\"demo-api\"],\"state\":\"ACTIVE\",\"expiresAt\":\"2026-12-01T10:01:00Z\","
                + "\"updatedAt\":\"2026-12-01T10:00:00Z\",\"lastUsedAt\":null}", data.json());
    }

    @Test
    void optionalFieldsAppearWhenSet() {
        StoredCredential.Data data = new StoredCredential.Data(List.of(), "DISABLED", null, "2026-12-01T10:00:00Z", null,
                List.of(7, 1), "admin", true, null, null, null, null, null, null, null, null, null, null);
        assertEquals("{\"scopes\":[],\"state\":\"DISABLED\",\"expiresAt\":null,\"updatedAt\":\"2026-12-01T10:00:00Z\","
                + "\"lastUsedAt\":null,\"remindersSent\":[7,1],\"disabledBy\":\"admin\",\"disabledByAdmin\":true}", data.json());
    }

    @Test
    void dataRoundTripsThroughJackson() throws Exception {
        StoredCredential.Data data = new StoredCredential.Data(List.of("a", "b"), "ACTIVE", "2027-01-01T00:00:00Z",
                "2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z", List.of(7), null, null,
                new RoleChoice(List.of("reader"), Map.of("orders-api", List.of("write", "read"))), List.of("10.0.0.0/8", "192.0.2.7"),
                null, null, null, null, null, null, null, null)
                .withLifecycle("192.0.2.7", "exchange", "2026-12-01T11:00:00Z", "2026-12-01T11:00:00Z",
                        "2026-12-03T10:00:00Z", "2026-12-02T11:00:00Z", "::1");
        assertEquals(data, JACKSON.readValue(data.json(), StoredCredential.Data.class));
        assertEquals(JACKSON.writeValueAsString(Map.of("x", "q\"uote\\ \n\t\u0001é")),
                JsonText.write(Map.of("x", "q\"uote\\ \n\t\u0001é")));
    }

    @Test
    void theSecretHoldsTheHashOfTheSecretOnly() throws Exception {
        ApiToken token = ApiToken.generate();
        StoredCredential.Secret secret = JACKSON.readValue(StoredCredential.Secret.of(token).json(), StoredCredential.Secret.class);
        assertEquals(SecretHash.ALGORITHM, secret.algorithm());
        assertEquals(null, secret.previousHash(), "no previous hash unless a rotation keeps one");
        assertArrayEquals(token.secretHash(), secret.hashBytes());
    }

    @Test
    void anImportedCredentialIsKeycloaksCredentialRepresentation() throws Exception {
        ApiToken token = ApiToken.generate();
        StoredCredential.Data data = StoredCredential.Data.of(List.of(), "ACTIVE", null, NOW);
        var json = JACKSON.readTree(JsonText.write(StoredCredential.Imported.of(token, "ci", data, NOW)));
        assertEquals(List.of("id", "type", "userLabel", "createdDate", "credentialData", "secretData"),
                iterable(json.fieldNames()));
        assertEquals(token.key(), json.path("id").asText());
        assertEquals(StoredCredential.TYPE, json.path("type").asText());
        assertEquals(NOW.toEpochMilli(), json.path("createdDate").asLong());
        assertEquals(data.json(), json.path("credentialData").asText());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
