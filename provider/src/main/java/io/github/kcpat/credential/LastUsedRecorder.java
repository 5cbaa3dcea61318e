package io.github.kcpat.credential;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;


/**
 * Keeps a token's last use (time, client address, door) to within {@link #GRANULARITY} without a write per request:
 * at most one write per token and period per node, in its own transaction after the request's, so concurrent
 * requests never conflict on the credential and a failed write never fails a request. A use of the value a rotation
 * replaced is recorded apart (its own period), as a use of the token and of that value.
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

    /** {@code previousSecret}: the use presented the value a rotation replaced, during its overlap. */
    public void recordUse(KeycloakSession session, RealmModel realm, UserModel owner, ApiTokenCredentialModel credential,
            LastUse use, boolean previousSecret) {
        Instant now = use.at();
        PreviousSecret previous = credential.data().previousSecret();
        LastUse recorded = previousSecret ? previous.lastUse() : credential.data().lastUse();
        if (recorded != null && recorded.at().plus(GRANULARITY).isAfter(now)) {
            return;
        }
        String claim = previousSecret ? credential.key() + "/previous" : credential.key();
        if (!claims.claim(claim, now)) {
            return;
        }
        String realmId = realm.getId();
        String ownerId = owner.getId();
        String key = credential.key();
        LastUse seconds = new LastUse(now.truncatedTo(ChronoUnit.SECONDS), use.from(), use.door());
        // the use is recorded on the row as stored at write time: only the last-use fields change, and a previous
        // value's use only while that same overlap lasts (a rotation or disable since the request stays)
        UnaryOperator<ApiTokenCredentialModel> change = !previousSecret
                ? current -> isLater(seconds.at(), current.data().lastUsedAt()) ? current.with(current.data().used(seconds)) : current
                : current -> sameOverlap(current.data().previousSecret(), previous)
                        ? current.with(current.data().usedPrevious(seconds)
                                .used(isLater(seconds.at(), current.data().lastUsedAt()) ? seconds : current.data().lastUse()))
                        : current;
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                write(factory, realmId, ownerId, key, claim, now, change);
            }

            @Override
            protected void rollbackImpl() {
                claims.release(claim, now);
            }
        });
    }

    private static boolean sameOverlap(PreviousSecret stored, PreviousSecret verified) {
        return stored != null && stored.expiresAt().equals(verified.expiresAt());
    }

    private void write(KeycloakSessionFactory factory, String realmId, String ownerId, String key, String claim, Instant now,
            UnaryOperator<ApiTokenCredentialModel> change) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                UserModel owner = session.users().getUserById(realm, ownerId);
                if (owner != null) {
                    CredentialWrites.change(session, realm, owner, key, change);
                }
            });
            claims.release(claim, now);
        } catch (RuntimeException e) {
            // the claim stays, so the next attempt waits a full period instead of retrying on every request
            LOG.debugf("could not record the last use of token %s: %s", key, e.getClass().getSimpleName());
        }
    }

    private static boolean isLater(Instant usedAt, Instant recorded) {
        return recorded == null || usedAt.isAfter(recorded);
    }
}
