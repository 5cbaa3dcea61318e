package io.github.kcpat.cli;

import java.time.Instant;
import java.util.List;

import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.JsonText;
import io.github.kcpat.token.StoredCredential;

/**
 * A token as a credential in a realm import file ({@code users[].credentials[]}), in the shape the server stores
 * ({@link StoredCredential}, the one definition both use).
 */
public final class CredentialJson {

    private CredentialJson() {
    }

    /** The credential as JSON text, for tools that write realm import files (the benchmark's seeding). */
    public static String write(ApiToken token, String name, Instant expiresAt, List<String> scopes, boolean disabled, Instant now) {
        return write(token, name, expiresAt, scopes, disabled, now, null, List.of());
    }

    /** As above, with the roles chosen for the token (null: none) and its IP allowlist (empty: anywhere). */
    public static String write(ApiToken token, String name, Instant expiresAt, List<String> scopes, boolean disabled, Instant now,
            RoleChoice roles, List<String> allowedIps) {
        return JsonText.write(of(token, name, expiresAt, scopes, disabled, now, roles, allowedIps));
    }

    static StoredCredential.Imported of(ApiToken token, String name, Instant expiresAt, List<String> scopes, boolean disabled,
            Instant now, RoleChoice roles, List<String> allowedIps) {
        StoredCredential.Data data = StoredCredential.Data.of(scopes, disabled ? "DISABLED" : "ACTIVE", expiresAt, now)
                .limitedTo(roles, allowedIps);
        return StoredCredential.Imported.of(token, name, data, now);
    }
}
