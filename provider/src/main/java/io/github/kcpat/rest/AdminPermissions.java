package io.github.kcpat.rest;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.Profile;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;


/** Keycloak's permission checks throw a bare 403; this answers it in the shape of every other error here. */
final class AdminPermissions {

    private static final String NOT_ALLOWED = "Your admin role does not allow this";

    private AdminPermissions() {
    }

    static void allowed(Runnable permissionCheck) {
        try {
            permissionCheck.run();
        } catch (ForbiddenException e) {
            throw forbidden();
        }
    }

    static RuntimeException forbidden() {
        return forbidden(NOT_ALLOWED);
    }

    static RuntimeException forbidden(String description) {
        return JsonResponses.failure(Response.Status.FORBIDDEN, "forbidden", description);
    }

    /** What Keycloak's impersonation endpoint asks: the feature on, and the impersonation right for this user. */
    static boolean canImpersonate(AdminPermissionEvaluator auth, UserModel user) {
        return Profile.isFeatureEnabled(Profile.Feature.IMPERSONATION) && auth.users().canImpersonate(user, null);
    }
}
