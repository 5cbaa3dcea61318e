package io.github.kcpat.provisioning;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.service.TokenRequest;

/** One operation of a provisioning file: create, update or delete a token. */
record ProvisioningRequest(String action, String realm, String user, String key, String token, JsonNode fields) {

    private static final Set<String> KNOWN = Set.of("action", "realm", "user", "key", "token", "name", "expiresAt", "scopes", "state");

    static ProvisioningRequest of(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("each operation must be a JSON object");
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!KNOWN.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'");
            }
        });
        String action = text(node, "action");
        if (action == null || !Set.of("create", "update", "delete").contains(action)) {
            throw new IllegalArgumentException("action must be create, update or delete");
        }
        String realm = text(node, "realm");
        if (realm == null) {
            throw new IllegalArgumentException("realm is required");
        }
        return new ProvisioningRequest(action, realm, text(node, "user"), text(node, "key"), text(node, "token"), node);
    }

    TokenRequest tokenRequest() {
        JsonNode expiresAt = fields.get("expiresAt");
        JsonNode state = fields.get("state");
        return new TokenRequest(text(fields, "name"), fields.has("expiresAt"),
                expiresAt == null || expiresAt.isNull() ? null : OffsetDateTime.parse(expiresAt.asText()).toInstant(),
                scopes(fields.get("scopes")),
                state == null || state.isNull() ? null : TokenState.valueOf(state.asText()));
    }

    private static List<String> scopes(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> scopes = new ArrayList<>();
        node.forEach(scope -> scopes.add(scope.asText()));
        return scopes;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Override
    public String toString() {
        // never the token value
        return action + " " + realm + "/" + (user != null ? user : key);
    }
}
