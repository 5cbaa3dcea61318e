package io.github.kcpat.events;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;

/**
 * Keycloak user events about tokens, carrying credential type, key and name: never the token, its
 * secret or its hash.
 */
public final class TokenEvents {

    /** Detail naming what happened to the token: created, updated, rotated, deleted. */
    public static final String ACTION = "token_action";
    /** Detail naming why a token was refused. */
    public static final String REASON = Details.REASON;

    private TokenEvents() {
    }

    public static EventBuilder event(KeycloakSession session, RealmModel realm, EventType type) {
        return new EventBuilder(realm, session, session.getContext().getConnection())
                .event(type)
                .detail(Details.CREDENTIAL_TYPE, ApiTokenCredentialModel.TYPE);
    }

    /** Detail of an idle disabling: for how many days the token had not been used. */
    public static final String UNUSED_DAYS = "unused_days";

    /**
     * The idle task disabled one of {@code owner}'s tokens: an event outside any request (no client, no address), with
     * {@code token_action} {@code disabled_idle}.
     */
    public static void disabledWhenIdle(KeycloakSession session, RealmModel realm, UserModel owner, ApiTokenCredentialModel token,
            int unusedDays) {
        new EventBuilder(realm, session)
                .event(EventType.UPDATE_CREDENTIAL)
                .user(owner)
                .detail(Details.CREDENTIAL_TYPE, ApiTokenCredentialModel.TYPE)
                .detail(ACTION, "disabled_idle")
                .detail(Details.CREDENTIAL_ID, token.key())
                .detail(Details.CREDENTIAL_USER_LABEL, token.name())
                .detail(UNUSED_DAYS, String.valueOf(unusedDays))
                .success();
    }

    /** A change of one of {@code user}'s tokens, made by its owner. */
    public static void changed(KeycloakSession session, RealmModel realm, UserModel user, String action, String key,
            String name, String clientId) {
        EventType type = "deleted".equals(action) ? EventType.REMOVE_CREDENTIAL : EventType.UPDATE_CREDENTIAL;
        EventBuilder event = event(session, realm, type)
                .user(user)
                .detail(ACTION, action)
                .detail(Details.CREDENTIAL_ID, key)
                .detail(Details.CREDENTIAL_USER_LABEL, name);
        if (clientId != null) {
            event.client(clientId);
        }
        event.success();
    }
}
