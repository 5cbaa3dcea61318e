package io.github.kcpat.rest;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;

import io.github.kcpat.http.JsonResponses;

/** Keycloak's permission checks throw a bare 403; this answers it in the shape of every other error here. */
final class AdminPermissions {

    private AdminPermissions() {
    }

    static void allowed(Runnable permissionCheck) {
        try {
            permissionCheck.run();
        } catch (ForbiddenException e) {
            throw JsonResponses.failure(Response.Status.FORBIDDEN, "forbidden", "Your admin role does not allow this");
        }
    }
}
