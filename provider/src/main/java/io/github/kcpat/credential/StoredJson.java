package io.github.kcpat.credential;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.limits.RoleChoice;
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
        PreviousSecret previous = data.previousSecret();
        LastUse previousUse = previous == null ? null : previous.lastUse();
        StoredCredential.Data stored = new StoredCredential.Data(data.scopes(), data.state().name(), text(data.expiresAt()), text(data.updatedAt()),
                text(data.lastUsedAt()), data.remindersSent().isEmpty() ? null : data.remindersSent(),
                data.disabledBy() == null || data.disabledBy() == DisabledBy.IDLE ? null : data.disabledBy().text(),
                // format 1's flag too, so a rollback to a JAR that knows only the flag keeps an admin's disabling
                data.disabledByAdmin() ? Boolean.TRUE : null, null, null, null, null, null, null, null, null, null, null)
                .limitedTo(data.roles(), data.allowedIps().texts())
                .withLifecycle(data.lastUse() == null ? null : data.lastUse().from(),
                        data.lastUse() == null ? null : data.lastUse().door(), text(data.activatedAt()),
                        text(data.idleWarnedAt()), previous == null ? null : text(previous.expiresAt()),
                        previousUse == null ? null : text(previousUse.at()), previousUse == null ? null : previousUse.from());
        return (data.disabledBy() == DisabledBy.IDLE ? stored.disabledWhenIdle() : stored).json();
    }

    /** Parses anew on every call; the hot path reads through {@link ParsedData}. */
    static TokenData readData(String json) {
        StoredCredential.Data data = read(json, StoredCredential.Data.class);
        return new TokenData(data.scopes() == null ? List.of() : data.scopes(),
                data.state() == null ? TokenState.ACTIVE : TokenState.valueOf(data.state()),
                instant(data.expiresAt()), instant(data.updatedAt()), lastUse(data.lastUsedAt(), data.lastUsedFrom(),
                        data.lastUsedDoor()), data.remindersSent(), disabledBy(data), data.roles(),
                IpAllowlist.stored(data.allowedIps()), instant(data.activatedAt()), instant(data.idleWarnedAt()),
                data.previousSecretExpiresAt() == null ? null : new PreviousSecret(instant(data.previousSecretExpiresAt()),
                        lastUse(data.previousSecretLastUsedAt(), data.previousSecretLastUsedFrom(), null)));
    }

    private static LastUse lastUse(String at, String from, String door) {
        return at == null ? null : new LastUse(Instant.parse(at), from, door);
    }

    /** Format 2's {@code disabledBy}, else format 1's {@code disabledByAdmin} (an owner's disabling went unrecorded). */
    private static DisabledBy disabledBy(StoredCredential.Data data) {
        if (Boolean.TRUE.equals(data.disabledIdle())) {
            return DisabledBy.IDLE;
        }
        if (data.disabledBy() != null) {
            return DisabledBy.fromText(data.disabledBy());
        }
        return Boolean.TRUE.equals(data.disabledByAdmin()) ? DisabledBy.ADMIN : null;
    }

    /** The roles object at the start of {@code text} (what follows it is not read): the admin list's confirmation. */
    static RoleChoice readRoles(String text) {
        return read(text, RoleChoice.class);
    }

    static String writeSecret(ApiToken token) {
        return StoredCredential.Secret.of(token).json();
    }

    static StoredCredential.Secret readSecret(String json) {
        return read(json, StoredCredential.Secret.class);
    }

    static String writeSecret(StoredCredential.Secret secret) {
        return secret.json();
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
