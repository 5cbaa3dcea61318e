package io.github.kcpat.exchange;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.RealmModel;

/**
 * The challenges of forward-auth's 401. Always {@code APIToken}; when the gateway asks for it, {@code Basic} first, so
 * that clients which read only the first challenge (and nginx before 1.23, which passes on only the first) send a
 * username and the token as its password. Asked by {@code ?challenge=basic} on the auth URL (also after a sub-path)
 * or by the request header {@code X-Auth-Request-Challenge: basic}. Other values change nothing: Envoy passes the
 * client's own query string on to the auth URL, so an API's parameter of that name must not break the gateway.
 */
final class ForwardAuthChallenge {

    static final String QUERY_PARAMETER = "challenge";
    static final String HEADER = "X-Auth-Request-Challenge";
    static final String BASIC = "basic";

    private ForwardAuthChallenge() {
    }

    /** The refusal of forward-auth in this request: that of every door, with the challenges it asked for. */
    static Response unauthorized(KeycloakContext request, RealmModel realm) {
        if (!basicAsked(request)) {
            return ApiTokenHeader.unauthorized(realm);
        }
        return ApiTokenHeader.unauthorized(List.of(BasicCredentials.challenge(realm), ApiTokenHeader.challenge(realm)));
    }

    static boolean basicAsked(KeycloakContext request) {
        List<String> asked = request.getUri().getQueryParameters().getOrDefault(QUERY_PARAMETER, List.of());
        List<String> header = request.getRequestHeaders().getRequestHeader(HEADER);
        return names(asked) || header != null && names(header);
    }

    private static boolean names(List<String> values) {
        return values.stream().anyMatch(value -> value != null && BASIC.equalsIgnoreCase(value.trim()));
    }
}
