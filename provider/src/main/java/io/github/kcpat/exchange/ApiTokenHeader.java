package io.github.kcpat.exchange;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.RealmModel;

import io.github.kcpat.rest.JsonResponses;

/** Reads {@code Authorization: APIToken <token>}; the scheme is case-insensitive, as HTTP schemes are. */
final class ApiTokenHeader {

    static final String SCHEME = "APIToken";

    private ApiTokenHeader() {
    }

    /** The presented token, or null when the header is missing or uses another scheme. */
    static String tokenFrom(HttpHeaders headers) {
        return AuthorizationHeader.credentials(headers.getHeaderString(HttpHeaders.AUTHORIZATION), SCHEME);
    }

    static String challenge(RealmModel realm) {
        return SCHEME + " realm=" + AuthorizationHeader.quoted(realm.getName());
    }

    /** The one answer every unusable token gets, whatever the reason. */
    static Response unauthorized(RealmModel realm) {
        return unauthorized(List.of(challenge(realm)));
    }

    /** That answer with {@code challenges}, one {@code WWW-Authenticate} field each, in this order. */
    static Response unauthorized(List<String> challenges) {
        Response.ResponseBuilder response = JsonResponses.errorBuilder(Response.Status.UNAUTHORIZED, "invalid_token",
                "The API token is missing, malformed, unknown, disabled or expired");
        challenges.forEach(challenge -> response.header(HttpHeaders.WWW_AUTHENTICATE, challenge));
        return response.build();
    }
}
