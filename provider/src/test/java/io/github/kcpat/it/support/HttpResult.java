package io.github.kcpat.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** What a caller sees of a response: status, headers and body; {@link #toString()} is made for assertion messages. */
public record HttpResult(String request, int status, HttpHeaders headers, String body) {

    public JsonNode json() {
        try {
            return Http.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Body of " + this + " is not JSON", e);
        }
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public String text(String field) {
        JsonNode value = json().get(field);
        if (value == null || value.isNull()) {
            throw new AssertionError("No '" + field + "' in " + this);
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return request + " -> " + status + " " + body;
    }
}
