package io.github.kcpat.input;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.service.TokenRequest;
import io.github.kcpat.token.Expiry;

/**
 * The fields a token's settings arrive in, whoever sends them (self-service, admin, a provisioning file): what each must
 * hold, and how they become a {@link TokenRequest}. {@code expiresAt} is read as a JSON node because an explicit
 * {@code null} ("never expires") and its absence ("unchanged", or the policy default) mean different things.
 */
public final class TokenFields {

    public static final String EXPIRES_AT = "expiresAt must be " + Expiry.FORMS + ", or null";
    public static final String SCOPES = "scopes must be an array of scope names";

    /** Field name → what a value of the wrong type is told, for {@link StrictJson#read}. */
    public static final Map<String, String> EXPECTED = Map.of(
            "name", "name must be a string",
            "expiresAt", EXPIRES_AT,
            "scopes", SCOPES,
            "state", "state must be ACTIVE or DISABLED",
            "user", "user must be a string",
            "token", "token must be a string",
            "key", "key must be a string",
            "realm", "realm must be a string",
            "action", "action must be create, update or delete");

    private TokenFields() {
    }

    /** {@code expiresAt} as the node held it: absent (null) leaves the expiry alone, JSON null means "never". */
    public static TokenRequest request(String name, JsonNode expiresAt, List<String> scopes, TokenState state) {
        return new TokenRequest(name, expiresAt != null, expiry(expiresAt), scopes(scopes), state);
    }

    private static Instant expiry(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidInput(EXPIRES_AT);
        }
        return Expiry.parse(node.asText()).orElseThrow(() -> new InvalidInput(EXPIRES_AT));
    }

    /** Trimmed, each named once, in the order given; a blank or missing name is refused. */
    private static List<String> scopes(List<String> scopes) {
        if (scopes == null) {
            return null;
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (scope == null || scope.isBlank()) {
                throw new InvalidInput(SCOPES);
            }
            distinct.add(scope.trim());
        }
        return new ArrayList<>(distinct);
    }
}
