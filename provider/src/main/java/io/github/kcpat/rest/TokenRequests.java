package io.github.kcpat.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.service.TokenRequest;

/** Reads request bodies strictly: a typo in a field name is a 400, never silently ignored. */
final class TokenRequests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Set<String> FIELDS = Set.of("name", "expiresAt", "scopes", "state");

    private TokenRequests() {
    }

    static TokenRequest parse(String body) {
        return toRequest(readObject(body, FIELDS));
    }

    /** The body as a JSON object holding only {@code allowed} fields. */
    static JsonNode readObject(String body, Set<String> allowed) {
        JsonNode root = readObject(body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw invalid("Unknown field '" + field + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return root;
    }

    static TokenRequest toRequest(JsonNode root) {
        return new TokenRequest(
                text(root, "name"),
                root.has("expiresAt"),
                instant(root.get("expiresAt")),
                scopes(root.get("scopes")),
                state(root.get("state")));
    }

    private static JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("The request body must be a JSON object");
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw invalid("The request body must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw invalid("The request body is not valid JSON");
        }
    }

    static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return node.asText();
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("expiresAt must be an ISO-8601 date-time such as 2027-01-31T00:00:00Z, or null");
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw invalid("expiresAt must be an ISO-8601 date-time such as 2027-01-31T00:00:00Z, or null");
        }
    }

    private static List<String> scopes(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw invalid("scopes must be an array of scope names");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (JsonNode scope : node) {
            if (!scope.isTextual() || scope.asText().isBlank()) {
                throw invalid("scopes must be an array of scope names");
            }
            scopes.add(scope.asText().trim());
        }
        return new ArrayList<>(scopes);
    }

    private static TokenState state(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        for (TokenState state : TokenState.values()) {
            if (state.name().equals(node.asText()) && node.isTextual()) {
                return state;
            }
        }
        throw invalid("state must be ACTIVE or DISABLED");
    }

    static RuntimeException invalid(String description) {
        return JsonResponses.failure(Response.Status.BAD_REQUEST, "invalid_request", description);
    }
}
