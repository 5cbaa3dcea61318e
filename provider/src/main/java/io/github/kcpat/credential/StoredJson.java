package io.github.kcpat.credential;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.StoredCredential;

/**
 * {@link TokenData} to and from the stored JSON that {@link StoredCredential} defines (and the CLI writes too). Read
 * leniently: a field this version does not know, written by a newer one, is ignored rather than breaking every door.
 */
final class StoredJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StoredJson() {
    }

    static String write(TokenData data) {
        return new StoredCredential.Data(data.scopes(), data.state().name(), text(data.expiresAt()), text(data.updatedAt()),
                text(data.lastUsedAt()), data.remindersSent().isEmpty() ? null : data.remindersSent(),
                data.disabledBy() == null ? null : data.disabledBy().text(),
                // format 1's flag too, so a rollback to a JAR that knows only the flag keeps an admin's disabling
                data.disabledByAdmin() ? Boolean.TRUE : null, null, null)
                .limitedTo(data.roles(), data.allowedIps().texts()).json();
    }

    /** Parses anew on every call; the hot path reads through {@link ParsedData}. */
    static TokenData readData(String json) {
        StoredCredential.Data data = read(json, StoredCredential.Data.class);
        return new TokenData(data.scopes() == null ? List.of() : data.scopes(),
                data.state() == null ? TokenState.ACTIVE : TokenState.valueOf(data.state()),
                instant(data.expiresAt()), instant(data.updatedAt()), instant(data.lastUsedAt()), data.remindersSent(),
                disabledBy(data), data.roles(), IpAllowlist.stored(data.allowedIps()));
    }

    /** Format 2's {@code disabledBy}, else format 1's {@code disabledByAdmin} (an owner's disabling went unrecorded). */
    private static DisabledBy disabledBy(StoredCredential.Data data) {
        if (data.disabledBy() != null) {
            return DisabledBy.fromText(data.disabledBy());
        }
        return Boolean.TRUE.equals(data.disabledByAdmin()) ? DisabledBy.ADMIN : null;
    }

    static String writeSecret(ApiToken token) {
        return StoredCredential.Secret.of(token).json();
    }

    static byte[] readSecretHash(String json) {
        return read(json, StoredCredential.Secret.class).hashBytes();
    }

    private static String text(Instant instant) {
        return StoredCredential.text(instant);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
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
