package io.github.kcpat.exchange;

/** The parts of {@code Authorization} and {@code WWW-Authenticate} values that every scheme shares (RFC 9110 §11). */
final class AuthorizationHeader {

    private AuthorizationHeader() {
    }

    /**
     * What follows {@code scheme} and a space in {@code authorization}, trimmed; null when the value is missing or of
     * another scheme. Schemes are case-insensitive.
     */
    static String credentials(String authorization, String scheme) {
        if (authorization == null || authorization.length() <= scheme.length()
                || !authorization.regionMatches(true, 0, scheme, 0, scheme.length())
                || authorization.charAt(scheme.length()) != ' ') {
            return null;
        }
        return authorization.substring(scheme.length() + 1).trim();
    }

    /** {@code value} as an HTTP quoted-string, so that a realm name cannot break the challenge it is put in. */
    static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
