package io.github.kcpat.input;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.limits.RoleChoice;
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
    public static final String ROLES = "roles must be {\"realm\": [role names], \"clients\": {\"<clientId>\": [role names]}}, or null";

    /** Field name → what a value of the wrong type is told, for {@link StrictJson#read}. */
    public static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("name", "name must be a string"),
            Map.entry("expiresAt", EXPIRES_AT),
            Map.entry("scopes", SCOPES),
            Map.entry("state", "state must be ACTIVE or DISABLED"),
            Map.entry("roles", ROLES),
            Map.entry("allowedIps", IpAllowlist.FORMS),
            Map.entry("user", "user must be a string"),
            Map.entry("token", "token must be a string"),
            Map.entry("key", "key must be a string"),
            Map.entry("realm", "realm must be a string"),
            Map.entry("action", "action must be create, update or delete"));

    private TokenFields() {
    }

    /** {@code expiresAt} as the node held it: absent (null) leaves the expiry alone, JSON null means "never". */
    public static TokenRequest request(String name, JsonNode expiresAt, List<String> scopes, TokenState state) {
        return request(name, expiresAt, scopes, state, null, null);
    }

    /** As above, with the token's limits: {@code roles} absent leaves them, JSON null clears them; so does {@code []}. */
    public static TokenRequest request(String name, JsonNode expiresAt, List<String> scopes, TokenState state,
            JsonNode roles, JsonNode allowedIps) {
        return new TokenRequest(name, expiresAt != null, expiry(expiresAt), scopes(scopes), state,
                roles != null, roles(roles), allowedIps(allowedIps));
    }

    /** {@link RoleChoice}'s shape, strictly: only {@code realm} and {@code clients}, names that are not blank. */
    public static RoleChoice roles(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidInput(ROLES);
        }
        List<String> realm = new ArrayList<>();
        Map<String, List<String>> clients = new java.util.TreeMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            switch (field.getKey()) {
                case "realm" -> realm.addAll(names(field.getValue()));
                case "clients" -> {
                    if (!field.getValue().isObject()) {
                        throw new InvalidInput(ROLES);
                    }
                    field.getValue().fields().forEachRemaining(client -> {
                        if (client.getKey().isBlank()) {
                            throw new InvalidInput(ROLES);
                        }
                        clients.put(client.getKey(), names(client.getValue()));
                    });
                }
                default -> throw new InvalidInput(ROLES);
            }
        }
        return new RoleChoice(realm, clients);
    }

    private static List<String> names(JsonNode array) {
        if (!array.isArray()) {
            throw new InvalidInput(ROLES);
        }
        List<String> names = new ArrayList<>();
        array.forEach(item -> {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new InvalidInput(ROLES);
            }
            names.add(item.asText().trim());
        });
        return names;
    }

    /** Validated and normalised; absent (null) leaves the allowlist as it is. */
    public static IpAllowlist allowedIps(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidInput(IpAllowlist.FORMS);
        }
        List<String> texts = new ArrayList<>();
        node.forEach(item -> {
            if (!item.isTextual()) {
                throw new InvalidInput(IpAllowlist.FORMS);
            }
            texts.add(item.asText());
        });
        try {
            return IpAllowlist.parse(texts);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(IpAllowlist.FORMS);
        }
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
