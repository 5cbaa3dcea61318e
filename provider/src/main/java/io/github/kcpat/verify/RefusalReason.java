package io.github.kcpat.verify;

/** Why a token was refused: for Keycloak's event log only, never for the caller. */
public enum RefusalReason {
    MALFORMED("malformed_token"),
    BAD_CHECKSUM("bad_checksum"),
    UNKNOWN_KEY("unknown_key"),
    WRONG_SECRET("wrong_secret"),
    DISABLED("token_disabled"),
    EXPIRED("token_expired"),
    OWNER_DISABLED("owner_disabled"),
    ROLE_MISSING("role_missing");

    private final String eventDetail;

    RefusalReason(String eventDetail) {
        this.eventDetail = eventDetail;
    }

    public String eventDetail() {
        return eventDetail;
    }
}
