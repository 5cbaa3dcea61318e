package io.github.kcpat.input;

import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads JSON objects into records strictly, with the Jackson Keycloak ships: an unknown field is refused (a typo must
 * not be silently ignored), and so is every guess at a type: no number for a string or an enum, no string for a number,
 * no fraction for a whole number, no single value for an array. Each refusal names the field.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private StrictJson() {
    }

    /** The body as a JSON object: a blank body, another JSON value or broken JSON is refused. */
    public static JsonNode object(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInput("The request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInput("The request body must be a JSON object");
        }
        return node;
    }

    /** {@link #object(String)} read as {@code type}. */
    public static <T> T read(String body, Class<T> type, Map<String, String> expected) {
        return read(object(body), type, expected);
    }

    /**
     * The object {@code node} as {@code type}. A field of the wrong type is described by {@code expected} (field name →
     * description), else as "has the wrong type".
     */
    public static <T> T read(JsonNode node, Class<T> type, Map<String, String> expected) {
        if (node == null || !node.isObject()) {
            throw new InvalidInput("The request body must be a JSON object");
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            String allowed = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new InvalidInput("Unknown field '" + e.getPropertyName() + "'; allowed: " + allowed);
        } catch (MismatchedInputException e) {
            String field = field(e);
            throw new InvalidInput(expected.getOrDefault(field, field + " has the wrong type"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInput("The request body does not have the expected fields");
        }
    }

    /** The top-level field an error is about. */
    private static String field(MismatchedInputException e) {
        return e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null ? "a field" : e.getPath().get(0).getFieldName();
    }
}
