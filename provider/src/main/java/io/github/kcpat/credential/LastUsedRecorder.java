package io.github.kcpat.credential;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;


/**
 * Keeps a token's last-used time to within {@link #GRANULARITY} without a write per request: at most
 * one write per token and period per node, in its own transaction after the request's, so concurrent
 * requests never conflict on the credential and a failed write never fails a request.
 */
public final class LastUsedRecorder {

    static final Duration GRANULARITY = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(LastUsedRecorder.class);
    private final WriteClaims claims = new WriteClaims(GRANULARITY);

    LastUsedRecorder() {
    }

    /** This node's recorder, kept by the credential provider factory. */
    public static LastUsedRecorder of(KeycloakSession session) {
        return ApiTokenCredentialProviderFactory.of(session).lastUse();
    }

    public void recordUse(KeycloakSession session, RealmModel realm, UserModel owner, ApiTokenCredentialModel credential,
            Instant now) {
        Instant lastUsed = credential.data().lastUsedAt();
        if (lastUsed != null && lastUsed.plus(GRANULARITY).isAfter(now)) {
            return;
        }
        if (!claims.claim(credential.key(), now)) {
            return;
        }
        String realmId = realm.getId();
        String ownerId = owner.getId();
        String key = credential.key();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                write(factory, realmId, ownerId, key, now);
            }

            @Override
            protected void rollbackImpl() {
                claims.release(key, now);
            }
        });
    }

    private void write(KeycloakSessionFactory factory, String realmId, String ownerId, String key, Instant now) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                UserModel owner = session.users().getUserById(realm, ownerId);
                if (owner != null) {
                    Instant usedAt = now.truncatedTo(ChronoUnit.SECONDS);
                    // the last-use time alone, on the row as stored now: a rotation or disable since the request stays
                    CredentialWrites.change(session, realm, owner, key, current -> isLater(usedAt, current.data().lastUsedAt())
                            ? current.with(current.data().usedAt(usedAt)) : current);
                }
            });
            claims.release(key, now);
        } catch (RuntimeException e) {
            // the claim stays, so the next attempt waits a full period instead of retrying on every request
            LOG.debugf("could not record the last use of token %s: %s", key, e.getClass().getSimpleName());
        }
    }

    private static boolean isLater(Instant usedAt, Instant recorded) {
        return recorded == null || usedAt.isAfter(recorded);
    }
}
