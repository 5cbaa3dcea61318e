package io.github.kcpat.reminders;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.credential.OwnedToken;
import io.github.kcpat.credential.TokenData;
import io.github.kcpat.credential.TokenSearch;
import io.github.kcpat.credential.TokenState;
import io.github.kcpat.policy.TokenPolicy;

/**
 * One pass over every realm with SMTP settings: a token due to expire within one of the policy's reminder
 * thresholds, whose reminder for it has not gone out, earns its owner one e-mail. What was sent is kept in
 * the token's credential data, so a reminder goes out once per token and threshold, across restarts and
 * nodes; a new expiry re-arms the reminders.
 */
public final class ExpiryReminders {

    private static final Logger LOG = Logger.getLogger(ExpiryReminders.class);
    private static final int PAGE = 500;

    private ExpiryReminders() {
    }

    public static void run(KeycloakSession session, Instant now) {
        session.realms().getRealmsStream().filter(ExpiryReminders::canSendMail).toList()
                .forEach(realm -> remind(session, realm, now));
    }

    private static boolean canSendMail(RealmModel realm) {
        String host = realm.getSmtpConfig().get("host");
        return host != null && !host.isBlank();
    }

    private static void remind(KeycloakSession session, RealmModel realm, Instant now) {
        session.getContext().setRealm(realm);
        List<Integer> thresholds = TokenPolicy.of(realm).reminderDays();
        if (thresholds.isEmpty()) {
            return;
        }
        for (int first = 0; ; first += PAGE) {
            List<OwnedToken> page = TokenSearch.find(session, realm, null, null, first, PAGE);
            page.forEach(owned -> remind(session, realm, owned, thresholds, now));
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private static void remind(KeycloakSession session, RealmModel realm, OwnedToken owned, List<Integer> thresholds, Instant now) {
        TokenData data = owned.credential().data();
        UserModel owner = owned.owner();
        if (data.expiresAt() == null || data.isExpired(now) || data.state() != TokenState.ACTIVE || !owner.isEnabled()
                || owner.getEmail() == null) {
            return;
        }
        List<Integer> due = thresholds.stream()
                .filter(days -> !data.expiresAt().isAfter(now.plus(Duration.ofDays(days))))
                .filter(days -> !data.remindersSent().contains(days))
                .toList();
        if (due.isEmpty()) {
            return;
        }
        ApiTokenCredentialModel credential = owned.credential();
        if (ReminderMail.send(session, realm, owner, credential, now)) {
            // the smallest due threshold was mailed; the larger ones it covers are done too
            owner.credentialManager().updateStoredCredential(credential.with(data.remindedFor(due)));
            LOG.infof("realm %s: expiry reminder for token %s of %s sent", realm.getName(), credential.key(), owner.getUsername());
        }
    }
}
