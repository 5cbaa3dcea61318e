package io.github.kcpat.verify;

/** Why a token was refused: for Keycloak's event log only, never for the caller. */
public enum RefusalReason {
    /** No token at all, or not of the token's shape: costs nothing to send, so it is not logged. */
    MALFORMED("malformed_token", false),
    /** The token's shape with a wrong checksum: a typo or a guess, refused before any lookup, not logged. */
    BAD_CHECKSUM("bad_checksum", false),
    UNKNOWN_KEY("unknown_key", true),
    /** A key this node found unknown a moment ago: refused without a database read, logged once per period. */
    UNKNOWN_KEY_AGAIN("unknown_key", false),
    WRONG_SECRET("wrong_secret", true),
    DISABLED("token_disabled", true),
    EXPIRED("token_expired", true),
    OWNER_DISABLED("owner_disabled", true),
    ROLE_MISSING("role_missing", true),
    /** Used from an address outside the token's allowlist (Keycloak's view of the caller's address). */
    IP_NOT_ALLOWED("ip_not_allowed", true),
    /** A usable token presented under a name that is not its owner's (Basic at forward-auth, Direct Grant). */
    USER_MISMATCH("token_of_another_user", true);

    private final String eventDetail;
    private final boolean logged;

    RefusalReason(String eventDetail, boolean logged) {
        this.eventDetail = eventDetail;
        this.logged = logged;
    }

    public String eventDetail() {
        return eventDetail;
    }

    /** False for refusals that cost the sender nothing: an event for each would let anyone flood the event store. */
    public boolean logged() {
        return logged;
    }
}
