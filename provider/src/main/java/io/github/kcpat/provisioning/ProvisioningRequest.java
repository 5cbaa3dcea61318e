package io.github.kcpat.provisioning;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.input.InvalidInput;
import io.github.kcpat.input.StrictJson;
import io.github.kcpat.input.TokenFields;
import io.github.kcpat.service.TokenRequest;
import io.github.kcpat.token.ApiToken;

/**
 * One operation of a provisioning file: create, update or delete a token. The token's own fields are those of the REST
 * API ({@link TokenFields}), read by the same strict rules.
 */
record ProvisioningRequest(String action, String realm, String user, String key, String token, String name,
        JsonNode expiresAt, List<String> scopes, TokenState state, JsonNode roles, JsonNode allowedIps) {

    private static final Set<String> ACTIONS = Set.of("create", "update", "delete");

    /** Throws {@link InvalidInput} naming the broken rule, never a value. */
    static ProvisioningRequest of(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidInput("each operation must be a JSON object");
        }
        ProvisioningRequest request = StrictJson.read(node, ProvisioningRequest.class, TokenFields.EXPECTED);
        if (request.action == null || !ACTIONS.contains(request.action)) {
            throw new InvalidInput("action must be create, update or delete");
        }
        if (request.realm == null) {
            throw new InvalidInput("realm is required");
        }
        request.tokenRequest();
        return request;
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
        return TokenFields.request(name, expiresAt, scopes, state, roles, allowedIps);
    }

    /** Names the operation for log lines and failure reasons: action, key, realm and user, never the token. */
    String describe() {
        return describe(action, key, token, realm, user);
    }

    /** The same for an operation that could not be read: from whatever its fields hold. */
    static String describe(JsonNode operation) {
        return describe(text(operation, "action"), text(operation, "key"), text(operation, "token"), text(operation, "realm"),
                text(operation, "user"));
    }

    private static String describe(String action, String key, String token, String realm, String user) {
        String tokenKey = key != null ? key : ApiToken.parse(token).map(ApiToken::key).orElse("?");
        return action + " token " + tokenKey + " in realm " + realm + (user != null ? " of " + user : "");
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
