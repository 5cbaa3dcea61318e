package io.github.kcpat.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.github.kcpat.policy.TokenPolicy;

/** {@code /admin/realms/{realm}/personal-api-tokens/policy}: read with view-realm, change with manage-realm. */
public final class AdminPolicyResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    AdminPolicyResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    public Response read() {
        AdminPermissions.allowed(() -> auth.realm().requireViewRealm());
        return JsonResponses.of(Response.Status.OK, TokenPolicy.of(realm));
    }

    @PUT
    public Response update(String body) {
        AdminPermissions.allowed(() -> auth.realm().requireManageRealm());
        TokenPolicy policy = ServiceErrors.call(() -> PolicyUpdate.read(body).applyTo(TokenPolicy.of(realm)));
        ServiceErrors.run(() -> policy.validate(realm));
        policy.writeTo(realm);
        adminEvent.clone(session).operation(OperationType.UPDATE).resourcePath(session.getContext().getUri())
                .representation(policy).success();
        return JsonResponses.of(Response.Status.OK, policy);
    }
}
