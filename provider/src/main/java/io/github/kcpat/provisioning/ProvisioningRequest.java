package io.github.kcpat.provisioning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.service.TokenRequest;
import io.github.kcpat.token.ApiToken;

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

    /**
     * What a {@code .done} file keeps of a file's content: every operation as it was, except that a {@code token}
     * is replaced by its {@code key}, so the record of an applied file never holds a usable value.
     */
    static JsonNode withoutTokens(JsonNode root) {
        JsonNode copy = root.deepCopy();
        Iterable<JsonNode> operations = copy.isArray() ? copy : List.of(copy);
        for (JsonNode operation : operations) {
            if (operation instanceof ObjectNode object && object.has("token")) {
                String key = ApiToken.parse(text(object, "token")).map(ApiToken::key).orElse(null);
                object.remove("token");
                if (key != null && !object.has("key")) {
                    object.put("key", key);
                }
            }
        }
        return copy;
    }

    TokenRequest tokenRequest() {
        JsonNode expiresAt = fields.get("expiresAt");
        return new TokenRequest(text(fields, "name"), fields.has("expiresAt"),
                expiresAt == null || expiresAt.isNull() ? null : expiry(expiresAt.asText()),
                scopes(fields.get("scopes")), state(fields.get("state")));
    }

    /** Names the operation for log lines and failure reasons: action, key, realm and user, never the token. */
    String describe() {
        String tokenKey = key != null ? key : ApiToken.parse(token).map(ApiToken::key).orElse("?");
        return action + " token " + tokenKey + " in realm " + realm + (user != null ? " of " + user : "");
    }

    /** Like the CLI's --expires: a date alone means "valid through that day, UTC". */
    private static Instant expiry(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiresAt must be a date (2027-01-31) or an ISO-8601 date-time (2027-01-31T12:00:00Z)");
        }
    }

    private static TokenState state(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return Arrays.stream(TokenState.values()).filter(state -> state.name().equals(node.asText())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("state must be ACTIVE or DISABLED"));
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
        return describe();
    }
}
