package io.github.kcpat.exchange;

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
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || authorization.charAt(SCHEME.length()) != ' ') {
            return null;
        }
        return authorization.substring(SCHEME.length() + 1).trim();
    }

    /** The one answer every unusable token gets, whatever the reason. */
    static Response unauthorized(RealmModel realm) {
        return JsonResponses.errorBuilder(Response.Status.UNAUTHORIZED, "invalid_token",
                        "The API token is missing, malformed, unknown, disabled or expired")
                .header(HttpHeaders.WWW_AUTHENTICATE, SCHEME + " realm=\"" + realm.getName() + "\"")
                .build();
    }
}
