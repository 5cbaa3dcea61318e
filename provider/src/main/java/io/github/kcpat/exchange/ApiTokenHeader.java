package io.github.kcpat.exchange;

import jakarta.ws.rs.core.HttpHeaders;

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

    static String challenge(String realmName) {
        return SCHEME + " realm=\"" + realmName + "\"";
    }
}
