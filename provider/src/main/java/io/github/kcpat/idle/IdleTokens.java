package io.github.kcpat.idle;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.credential.CredentialWrites;
import io.github.kcpat.credential.DisabledBy;
import io.github.kcpat.credential.OwnedToken;
import io.github.kcpat.credential.TokenLookup;
import io.github.kcpat.credential.TokenState;
import io.github.kcpat.events.TokenEvents;
import io.github.kcpat.metrics.TokenMetrics;
import io.github.kcpat.policy.TokenPolicy;

/**
 * One pass of the idle task over every realm whose policy disables unused tokens ({@code disableAfterUnusedDays}):
 * warns the owner of a token about to be disabled (once per idle period) and disables, as {@code idle}, each token
 * unused for that long. Runs in the reminder schedule (one node of a cluster at a time); reads candidates a batch at a
 * time from the database ({@link IdleCandidates}) and handles each token in a transaction of its own, deciding on the
 * row as stored then, so a use or a change since the batch was read wins.
 */
public final class IdleTokens {

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(IdleTokens.class);

    private IdleTokens() {
    }

    public static void run(KeycloakSessionFactory factory, Instant now) {
        runRealms(factory, now);
        TokenMetrics.current().taskRan(TokenMetrics.Task.IDLE_TOKENS);
        LOG.debugf("idle pass done at %s", now);
    }

    private static void runRealms(KeycloakSessionFactory factory, Instant now) {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> session.realms()
                .getRealmsStream().filter(realm -> TokenPolicy.of(realm).disablesIdleTokens()).map(RealmModel::getId).toList());
        for (String realmId : realmIds) {
            for (boolean federated : new boolean[] {false, true}) {
                String after = "";
                while (after != null) {
                    after = runBatch(factory, realmId, federated, after, now);
                }
            }
        }
    }

    /** Handles one batch after key {@code after}; answers the key to continue after, or null when done. */
    private static String runBatch(KeycloakSessionFactory factory, String realmId, boolean federated, String after, Instant now) {
        List<IdleCandidates.Candidate> batch = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return List.of();
            }
            session.getContext().setRealm(realm);
            return IdleCandidates.batch(session, realm, federated, firstActionAfterDays(TokenPolicy.of(realm)), now, after, BATCH);
        });
        for (IdleCandidates.Candidate candidate : batch) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> handle(session, realmId, candidate, now));
            } catch (RuntimeException e) {
                LOG.warnf("idle check of token %s failed: %s", candidate.key(), e.getClass().getSimpleName());
            }
        }
        return batch.size() < BATCH ? null : batch.get(batch.size() - 1).key();
    }

    /** How long a token is unused before the task has anything to do with it: the warning, else the disabling. */
    private static long firstActionAfterDays(TokenPolicy policy) {
        return policy.idleWarningDays() > 0
                ? Math.min(policy.disableAfterUnusedDays(), Math.max(1, policy.disableAfterUnusedDays() - policy.idleWarningDays()))
                : policy.disableAfterUnusedDays();
    }

    private static void handle(KeycloakSession session, String realmId, IdleCandidates.Candidate candidate, Instant now) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        TokenPolicy policy = TokenPolicy.of(realm);
        OwnedToken owned = TokenLookup.find(session, realm, candidate.key()).orElse(null);
        if (owned == null || !policy.disablesIdleTokens()) {
            return;
        }
        ApiTokenCredentialModel token = owned.credential();
        switch (IdleClock.due(token.data(), token.createdAt(), policy, now, canWarn(realm, owned, policy))) {
            case DISABLE -> disable(session, realm, owned, policy, now);
            case WARN -> warn(session, realm, owned, policy, now);
            case NOTHING -> {
            }
        }
    }

    /** A warning can reach the owner: mails are on (idleWarningDays > 0), the realm has SMTP, the owner an address. */
    private static boolean canWarn(RealmModel realm, OwnedToken owned, TokenPolicy policy) {
        return policy.idleWarningDays() > 0 && IdleMail.canSend(realm, owned.owner());
    }

    private static void disable(KeycloakSession session, RealmModel realm, OwnedToken owned, TokenPolicy policy, Instant now) {
        AtomicBoolean disabled = new AtomicBoolean();
        boolean canWarn = canWarn(realm, owned, policy);
        ApiTokenCredentialModel stored = CredentialWrites.change(session, realm, owned.owner(), owned.credential().key(), current -> {
            if (IdleClock.due(current.data(), current.createdAt(), policy, now, canWarn) != IdleClock.Due.DISABLE) {
                return current;
            }
            disabled.set(true);
            return current.with(current.data().withState(TokenState.DISABLED, now).disabledBy(DisabledBy.IDLE));
        }).orElse(null);
        if (!disabled.get()) {
            return;
        }
        TokenEvents.disabledWhenIdle(session, realm, owned.owner(), stored, policy.disableAfterUnusedDays());
        TokenMetrics.current().disabled(realm, DisabledBy.IDLE);
        LOG.infof("realm %s: token %s of %s disabled, unused for %d days", realm.getName(), stored.key(),
                owned.owner().getUsername(), policy.disableAfterUnusedDays());
        if (canWarn && IdleMail.disabled(session, realm, owned.owner(), stored, policy.disableAfterUnusedDays(), now)) {
            TokenMetrics.current().mailSent(realm, TokenMetrics.Mail.IDLE_DISABLED);
        }
    }

    private static void warn(KeycloakSession session, RealmModel realm, OwnedToken owned, TokenPolicy policy, Instant now) {
        ApiTokenCredentialModel token = owned.credential();
        Instant since = IdleClock.idleSince(token.data(), token.createdAt());
        // the token is not disabled sooner than idleWarningDays from now, whatever its idle period says
        Instant disableAt = IdleClock.disableAt(token.data().idleWarned(now), token.createdAt(), policy);
        if (IdleMail.warn(session, realm, owned.owner(), token, since, disableAt, policy.disableAfterUnusedDays(), now)) {
            LOG.infof("realm %s: idle warning for token %s of %s sent", realm.getName(), token.key(), owned.owner().getUsername());
            TokenMetrics.current().mailSent(realm, TokenMetrics.Mail.IDLE_WARNING);
            // only the bookkeeping, and only while the idle period is the one the mail named
            CredentialWrites.change(session, realm, owned.owner(), token.key(), current ->
                    since.equals(IdleClock.idleSince(current.data(), current.createdAt()))
                            ? current.with(current.data().idleWarned(now)) : current);
        }
    }
}
