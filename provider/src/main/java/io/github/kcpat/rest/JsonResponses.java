package io.github.kcpat.rest;

import java.io.UncheckedIOException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON responses written with our own mapper, so that null fields stay visible ({@code "expiresAt": null})
 * whatever Keycloak's JAX-RS defaults are, and errors always read {@code {error, error_description}}.
 */
public final class JsonResponses {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonResponses() {
    }

    public static Response of(Response.Status status, Object body) {
        return builder(status, body).build();
    }

    public static Response.ResponseBuilder builder(Response.Status status, Object body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore)
                .header("Pragma", "no-cache")
                .entity(write(body));
    }

    public static Response error(Response.Status status, String error, String description) {
        return errorBuilder(status, error, description).build();
    }

    public static Response.ResponseBuilder errorBuilder(Response.Status status, String error, String description) {
        return builder(status, new ErrorBody(error, description));
    }

    /** To throw from deep inside a resource method; JAX-RS answers with the response as it is. */
    public static WebApplicationException failure(Response.Status status, String error, String description) {
        return new WebApplicationException(error(status, error, description));
    }

    /** Every error's body: {@code {error, error_description}}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ErrorBody(String error, @JsonProperty("error_description") String description) {
    }

    private static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
