package io.github.kcpat.cli;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.SecretHash;

/**
 * A token as a credential in a realm import file ({@code users[].credentials[]}): the same credential data
 * and secret data the server stores (io.github.kcpat.credential.StoredJson; a test keeps them in step).
 */
public final class CredentialJson {

    static final String TYPE = "personal-api-token";

    private CredentialJson() {
    }

    /** The credential as JSON text, for tools that write realm import files (the benchmark's seeding). */
    public static String write(ApiToken token, String name, Instant expiresAt, List<String> scopes, boolean disabled, Instant now) {
        return Json.write(of(token, name, expiresAt, scopes, disabled, now));
    }

    static Map<String, Object> of(ApiToken token, String name, Instant expiresAt, List<String> scopes, boolean disabled, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scopes", scopes);
        data.put("state", disabled ? "DISABLED" : "ACTIVE");
        data.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        data.put("updatedAt", now.toString());
        data.put("lastUsedAt", null);
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("algorithm", SecretHash.ALGORITHM);
        secret.put("hash", Base64.getEncoder().encodeToString(token.secretHash()));

        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", token.key());
        credential.put("type", TYPE);
        credential.put("userLabel", name);
        credential.put("createdDate", now.toEpochMilli());
        credential.put("credentialData", Json.write(data));
        credential.put("secretData", Json.write(secret));
        return credential;
    }
}
