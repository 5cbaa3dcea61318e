package io.github.kcpat.rest;

import java.util.function.Function;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;


/**
 * What Keycloak's token endpoint checks before anything else, and {@code RealmsResource} does not check for a
 * realm resource provider: the realm's "Require SSL" and that the realm is enabled. Asked once per request,
 * where the realm's URLs are routed, so no door can forget it.
 */
final class RealmGate {

    private RealmGate() {
    }

    /**
     * Passes, or throws Keycloak's answer to plain HTTP where the realm requires HTTPS (403 "HTTPS required"), or
     * {@code refusal} for a disabled realm: the answer the resource gives a bad token, so that a disabled realm
     * tells a caller nothing more.
     */
    static void check(KeycloakSession session, RealmModel realm, Function<RealmModel, Response> refusal) {
        KeycloakContext context = session.getContext();
        if (!"https".equals(context.getUri().getBaseUri().getScheme())
                && realm.getSslRequired().isRequired(context.getConnection())) {
            throw JsonResponses.failure(Response.Status.FORBIDDEN, "invalid_request", "HTTPS required");
        }
        if (!realm.isEnabled()) {
            throw new WebApplicationException(refusal.apply(realm));
        }
    }
}
