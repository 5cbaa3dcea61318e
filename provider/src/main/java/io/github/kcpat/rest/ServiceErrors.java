package io.github.kcpat.rest;

import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import io.github.kcpat.input.InvalidInput;
import io.github.kcpat.policy.PolicyViolation;
import io.github.kcpat.service.TokenServiceException;

/** Turns bad input and the service's refusals into {@code {error, error_description}} responses with the right status. */
final class ServiceErrors {

    private ServiceErrors() {
    }

    static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidInput | PolicyViolation e) {
            throw JsonResponses.failure(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage());
        } catch (TokenServiceException e) {
            throw switch (e.kind()) {
                case INVALID -> JsonResponses.failure(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage());
                case NOT_FOUND -> JsonResponses.failure(Response.Status.NOT_FOUND, "not_found", e.getMessage());
                case CONFLICT -> JsonResponses.failure(Response.Status.CONFLICT, "conflict", e.getMessage());
                case FORBIDDEN -> JsonResponses.failure(Response.Status.FORBIDDEN, "forbidden", e.getMessage());
            };
        }
    }
}
