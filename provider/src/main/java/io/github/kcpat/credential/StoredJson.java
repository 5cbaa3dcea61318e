package io.github.kcpat.credential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON forms of credential data and secret data, with times as ISO-8601 strings an admin can read. */
final class StoredJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    record Data(List<String> scopes, String state, String expiresAt, String updatedAt, String lastUsedAt,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> remindersSent,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean disabledByAdmin) {
    }

    record Secret(String algorithm, String hash) {
    }

    private StoredJson() {
    }

    static String write(TokenData data) {
        return write(new Data(data.scopes(), data.state().name(), text(data.expiresAt()), text(data.updatedAt()),
                text(data.lastUsedAt()), data.remindersSent(), data.disabledByAdmin() ? Boolean.TRUE : null));
    }

    /** Parses anew on every call; the hot path reads through {@link ParsedData}. */
    static TokenData readData(String json) {
        return parseData(json);
    }

    private static TokenData parseData(String json) {
        Data data = read(json, Data.class);
        return new TokenData(data.scopes() == null ? List.of() : data.scopes(),
                data.state() == null ? TokenState.ACTIVE : TokenState.valueOf(data.state()),
                instant(data.expiresAt()), instant(data.updatedAt()), instant(data.lastUsedAt()), data.remindersSent(),
                Boolean.TRUE.equals(data.disabledByAdmin()));
    }

    static String writeSecret(String algorithm, byte[] hash) {
        return write(new Secret(algorithm, Base64.getEncoder().encodeToString(hash)));
    }

    static byte[] readSecretHash(String json) {
        Secret secret = read(json, Secret.class);
        return secret.hash() == null ? null : Base64.getDecoder().decode(secret.hash());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            // the message of a parse error quotes the input: keep it out of logs for secret data
            throw new IllegalStateException("stored personal API token data is not valid JSON of type " + type.getSimpleName());
        }
    }
}
