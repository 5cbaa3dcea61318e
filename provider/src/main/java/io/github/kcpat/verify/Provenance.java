package io.github.kcpat.verify;

/**
 * How everything a personal API token yields is marked, so that nothing it yields can manage tokens
 * (containment): the self-service API refuses any bearer token or user session that carries a mark.
 */
public final class Provenance {

    /** Claim in every JWT a door mints (exchange, RFC 8693, forward-auth): the key of the API token it came from. */
    public static final String CLAIM = "api_token_key";
    /** User-session note of a Direct Grant session the authenticator opened with an API token: the token's key. */
    public static final String SESSION_NOTE = "personal-api-token.key";
    /** {@code acr} of a minted JWT: "0", no interactive authentication (Keycloak's interactive login is "1"). */
    public static final String ACR = "0";
    /** {@code amr} of a minted JWT. */
    public static final String AMR = "api-token";

    private Provenance() {
    }
}
