package io.github.kcpat.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.input.InvalidInput;
import io.github.kcpat.policy.PolicyViolation;
import io.github.kcpat.service.TokenChanges;
import io.github.kcpat.service.TokenRequest;
import io.github.kcpat.service.TokenService;
import io.github.kcpat.service.TokenServiceException;
import io.github.kcpat.time.ServerClock;

/**
 * Applies a bulk action token by token, each in a transaction of its own (a token is changed wholly or not at all,
 * whatever happens to the others), through {@link TokenService} like a single change: the same policy, the fresh-row
 * write, and one admin event per changed token, stored in that token's transaction.
 */
final class BulkChanges {

    private static final Logger LOG = Logger.getLogger(BulkChanges.class);

    /** Writes the admin event of a change made in {@code session} (the job's). */
    interface EventRecorder {
        TokenChanges in(KeycloakSession session, RealmModel realm, UserModel owner);
    }

    /** The answer: {@code matched} tokens found, {@code changed} of them, and each key that failed, with why. */
    record Result(int matched, int changed, List<Failure> failed) {
    }

    record Failure(String key, String error, @JsonProperty("error_description") String description) {
    }

    private final KeycloakSessionFactory factory;
    private final String realmId;
    private final BulkBody request;
    private final EventRecorder events;
    /** For {@code expire}: the expiry asked for, else this request's "now", one instant for every token. */
    private final Instant expiresAt;
    private final List<Failure> failed = new ArrayList<>();
    private int matched;
    private int changed;

    BulkChanges(KeycloakSession session, RealmModel realm, BulkBody request, EventRecorder events) {
        this.factory = session.getKeycloakSessionFactory();
        this.realmId = realm.getId();
        this.request = request;
        this.events = events;
        this.expiresAt = request.expiresAt() != null ? request.expiresAt()
                : ServerClock.INSTANCE.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** A key that names no token the admin may see: not matched. */
    void notFound(String key) {
        failed.add(new Failure(key, "not_found", "No such token"));
    }

    /** A token the admin may see but not change. */
    void forbidden(String key) {
        matched++;
        failed.add(new Failure(key, "forbidden", "Your admin role does not allow changing this user's tokens"));
    }

    void apply(String key, String ownerId) {
        matched++;
        try {
            Outcome outcome = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> change(session, key, ownerId));
            if (outcome == Outcome.CHANGED) {
                changed++;
            } else if (outcome == Outcome.GONE) {
                failed.add(new Failure(key, "not_found", "No such token"));
            }
        } catch (InvalidInput | PolicyViolation e) {
            failed.add(new Failure(key, "invalid_request", e.getMessage()));
        } catch (TokenServiceException e) {
            failed.add(new Failure(key, e.kind() == TokenServiceException.Kind.NOT_FOUND ? "not_found"
                    : e.kind() == TokenServiceException.Kind.FORBIDDEN ? "forbidden" : "invalid_request", e.getMessage()));
        } catch (RuntimeException e) {
            // a database error on one token must not hide what was done to the others; its transaction rolled back
            LOG.warnf("bulk %s of token %s failed: %s", request.action(), key, e.getClass().getSimpleName());
            failed.add(new Failure(key, "server_error", "The token could not be changed; nothing of it was"));
        }
    }

    Result result() {
        return new Result(matched, changed, List.copyOf(failed));
    }

    private enum Outcome {
        CHANGED, ALREADY_SO, GONE
    }

    private Outcome change(KeycloakSession session, String key, String ownerId) {
        RealmModel realm = session.realms().getRealm(realmId);
        session.getContext().setRealm(realm);
        UserModel owner = realm == null ? null : session.users().getUserById(realm, ownerId);
        if (owner == null) {
            return Outcome.GONE;
        }
        TokenService service = TokenService.forAdmin(session, realm, owner, events.in(session, realm, owner));
        return switch (request.action()) {
            case DELETE -> {
                service.delete(key);
                yield Outcome.CHANGED;
            }
            case DISABLE -> {
                if (service.get(key).data().disabledByAdmin()) {
                    yield Outcome.ALREADY_SO;
                }
                service.update(key, new TokenRequest(null, false, null, null, TokenState.DISABLED));
                yield Outcome.CHANGED;
            }
            case EXPIRE -> service.expireBy(key, expiresAt).isPresent() ? Outcome.CHANGED : Outcome.ALREADY_SO;
        };
    }
}
