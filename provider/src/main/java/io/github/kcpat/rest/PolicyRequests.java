package io.github.kcpat.rest;

import java.util.Iterator;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.kcpat.policy.TokenPolicy;

/** Reads a policy update: named fields replace the current values, the rest stay; unknown fields are refused. */
final class PolicyRequests {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private PolicyRequests() {
    }

    static TokenPolicy merge(TokenPolicy current, String body) {
        ObjectNode merged = MAPPER.valueToTree(current);
        JsonNode update = read(body);
        for (Iterator<String> names = update.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!merged.has(field)) {
                throw invalid("Unknown field '" + field + "'");
            }
            if (update.get(field).isNull()) {
                throw invalid(field + " may not be null");
            }
            merged.set(field, update.get(field));
        }
        lowerDefaultLifetimeWithMaximum(merged, update);
        try {
            return MAPPER.treeToValue(merged, TokenPolicy.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalid("A policy field has the wrong type: numbers for days, minutes and counts, true/false for"
                    + " expiryRequired, arrays for availableScopes and reminderDays");
        }
    }

    /** Lowering the maximum below the default lifetime, without naming a default, brings the default down too. */
    private static void lowerDefaultLifetimeWithMaximum(ObjectNode merged, JsonNode update) {
        JsonNode max = update.get("maxLifetimeDays");
        if (max != null && max.canConvertToInt() && max.asInt() > 0 && !update.has("defaultLifetimeDays")
                && merged.path("defaultLifetimeDays").asInt() > max.asInt()) {
            merged.put("defaultLifetimeDays", max.asInt());
        }
    }

    private static JsonNode read(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw invalid("The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid("The request body is not valid JSON");
        }
    }

    private static RuntimeException invalid(String description) {
        return JsonResponses.failure(Response.Status.BAD_REQUEST, "invalid_request", description);
    }
}
