package io.github.kcpat.exchange;

import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;

import io.github.kcpat.events.TokenEvents;
import io.github.kcpat.verify.Verdict;

/** What every door writes to Keycloak's event log about a token it accepted or refused. */
final class DoorEvents {

    private DoorEvents() {
    }

    static void accepted(EventBuilder event, Verdict.Accepted accepted) {
        event.user(accepted.owner())
                .detail(Details.CREDENTIAL_TYPE, accepted.credential().getType())
                .detail(Details.CREDENTIAL_ID, accepted.credential().key())
                .detail(Details.CREDENTIAL_USER_LABEL, accepted.credential().name());
    }

    /** The reason goes to the event log only; callers all get the same answer. */
    static void refused(EventBuilder event, Verdict.Refused refused, String error) {
        if (refused.owner() != null) {
            event.user(refused.owner());
        }
        event.detail(Details.CREDENTIAL_ID, refused.key())
                .detail(TokenEvents.REASON, refused.reason().eventDetail())
                .error(error);
    }

    static void refused(EventBuilder event, Verdict.Refused refused) {
        refused(event, refused, Errors.INVALID_TOKEN);
    }
}
