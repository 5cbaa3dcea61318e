package io.github.kcpat.reminders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.credential.CredentialWrites;
import io.github.kcpat.credential.OwnedToken;
import io.github.kcpat.credential.TokenLookup;
import io.github.kcpat.credential.TokenSearch;
import io.github.kcpat.metrics.TokenMetrics;
import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.verify.ValidityRules;

/**
 * One pass over every realm with SMTP settings: a token due to expire within one of the policy's reminder
 * thresholds, whose reminder for it has not gone out, earns its owner one e-mail. What was sent is kept in
 * the token's credential data, each token in a transaction of its own, so a reminder goes out once per
 * token and threshold, across restarts and nodes; a new expiry re-arms the reminders.
 */
public final class ExpiryReminders {

    private static final Logger LOG = Logger.getLogger(ExpiryReminders.class);
    private static final int PAGE = 500;

    private record Due(String realmId, String key) {
    }

    private ExpiryReminders() {
    }

    public static void run(KeycloakSessionFactory factory, Instant now) {
        List<Due> due = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> findDue(session, now));
        for (Due token : due) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> remind(session, token, now));
            } catch (RuntimeException e) {
                LOG.warnf("expiry reminder for token %s failed: %s", token.key(), e.getClass().getSimpleName());
            }
        }
        TokenMetrics.current().taskRan(TokenMetrics.Task.EXPIRY_REMINDERS);
    }

    private static List<Due> findDue(KeycloakSession session, Instant now) {
        List<Due> due = new ArrayList<>();
        session.realms().getRealmsStream().filter(ExpiryReminders::canSendMail).toList().forEach(realm -> {
            session.getContext().setRealm(realm);
            List<Integer> thresholds = TokenPolicy.of(realm).reminderDays();
            if (thresholds.isEmpty()) {
                return; // reminders off: no need to read the realm's tokens
            }
            BiFunction<Integer, Integer, List<OwnedToken>> local = (first, max) -> TokenSearch.find(session, realm, null, null, first, max);
            BiFunction<Integer, Integer, List<OwnedToken>> federated = (first, max) -> TokenSearch.federated(session, realm, first, max);
            for (BiFunction<Integer, Integer, List<OwnedToken>> source : List.of(local, federated)) {
                for (int first = 0; ; first += PAGE) {
                    List<OwnedToken> page = source.apply(first, PAGE);
                    page.stream().filter(owned -> !dueThresholds(realm, owned, thresholds, now).isEmpty())
                            .forEach(owned -> due.add(new Due(realm.getId(), owned.credential().key())));
                    if (page.size() < PAGE) {
                        break;
                    }
                }
            }
        });
        return due;
    }

    private static void remind(KeycloakSession session, Due token, Instant now) {
        RealmModel realm = session.realms().getRealm(token.realmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        OwnedToken owned = TokenLookup.find(session, realm, token.key()).orElse(null);
        List<Integer> due = owned == null ? List.of() : dueThresholds(realm, owned, TokenPolicy.of(realm).reminderDays(), now);
        if (due.isEmpty()) {
            return;
        }
        UserModel owner = owned.owner();
        ApiTokenCredentialModel credential = owned.credential();
        if (ReminderMail.send(session, realm, owner, credential, usableUntil(realm, owned, now), now)) {
            LOG.infof("realm %s: expiry reminder for token %s of %s sent", realm.getName(), credential.key(), owner.getUsername());
            TokenMetrics.current().mailSent(realm, TokenMetrics.Mail.EXPIRY_REMINDER);
            // the smallest due threshold was mailed; the larger ones it covers are done too. Only the bookkeeping is
            // written, on the row as stored now, and only while the expiry is the one the mail named
            Instant mailedExpiry = credential.data().expiresAt();
            CredentialWrites.change(session, realm, owner, credential.key(),
                    current -> Objects.equals(current.data().expiresAt(), mailedExpiry) ? current.with(current.data().remindedFor(due)) : current);
        }
    }

    /**
     * The thresholds this token has reached without its reminder: only a token usable now, by the rule book, with an
     * expiry in force (the stored one, capped by the policy) and an owner with an address gets any.
     */
    private static List<Integer> dueThresholds(RealmModel realm, OwnedToken owned, List<Integer> thresholds, Instant now) {
        Instant expiresAt = usableUntil(realm, owned, now);
        if (expiresAt == null || owned.owner().getEmail() == null) {
            return List.of();
        }
        return reached(expiresAt, thresholds, owned.credential().data().remindersSent(), now);
    }

    /** The thresholds (days before {@code expiresAt}) that {@code now} has reached, but for those already mailed. */
    static List<Integer> reached(Instant expiresAt, List<Integer> thresholds, List<Integer> sent, Instant now) {
        return thresholds.stream()
                .filter(days -> !expiresAt.isAfter(now.plus(Duration.ofDays(days))))
                .filter(days -> !sent.contains(days))
                .toList();
    }

    /** The expiry in force of a token usable now; null for a token that never expires or is not usable. */
    private static Instant usableUntil(RealmModel realm, OwnedToken owned, Instant now) {
        ApiTokenCredentialModel credential = owned.credential();
        ValidityRules.Judgement judgement = ValidityRules.judge(credential.data(), credential.createdAt(),
                ValidityRules.Owner.of(realm, owned.owner()), TokenPolicy.of(realm), now);
        return judgement.usable() ? judgement.effectiveExpiry() : null;
    }

    private static boolean canSendMail(RealmModel realm) {
        String host = realm.getSmtpConfig().get("host");
        return host != null && !host.isBlank();
    }
}
