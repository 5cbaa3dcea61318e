package io.github.kcpat.events;

import java.util.function.Supplier;

import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;

import io.github.kcpat.verify.Verdict;

/** What every door writes to Keycloak's event log about a token it accepted or refused. */
public final class DoorEvents {

    /** Detail on a use with the value a rotation replaced, during its overlap: a job that has not switched yet. */
    public static final String PREVIOUS_SECRET = "previous_value";

    private DoorEvents() {
    }

    public static void accepted(EventBuilder event, Verdict.Accepted accepted) {
        event.user(accepted.owner())
                .detail(Details.CREDENTIAL_TYPE, accepted.credential().getType())
                .detail(Details.CREDENTIAL_ID, accepted.credential().key())
                .detail(Details.CREDENTIAL_USER_LABEL, accepted.credential().name());
        if (accepted.previousSecret()) {
            event.detail(PREVIOUS_SECRET, "true");
        }
    }

    /**
     * The reason goes to the event log only; callers all get the same answer. Always logs: the Direct Grant door
     * relies on it for Keycloak's brute-force detection.
     */
    public static void refused(EventBuilder event, Verdict.Refused refused, String error) {
        if (refused.owner() != null) {
            event.user(refused.owner());
        }
        event.detail(Details.CREDENTIAL_ID, refused.key())
                .detail(TokenEvents.REASON, refused.reason().eventDetail())
                .error(error);
    }

    /**
     * Logs a refusal at a door, except one that cost the sender nothing (no token, a malformed one, a bad checksum,
     * a key this node just found unknown): an event for each would let anyone flood the event store. The event is
     * built only for a refusal that is logged, so such a flood costs no event builder either.
     */
    public static void refused(Supplier<EventBuilder> event, Verdict.Refused refused) {
        if (refused.reason().logged()) {
            refused(event.get(), refused, Errors.INVALID_TOKEN);
        }
    }
}
