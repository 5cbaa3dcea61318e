package io.github.kcpat.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.credential.LastUse;
import io.github.kcpat.credential.LastUsedRecorder;
import io.github.kcpat.credential.OwnedToken;
import io.github.kcpat.credential.TokenLookup;
import io.github.kcpat.credential.UnknownKeyCache;
import io.github.kcpat.metrics.TokenMetrics;
import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.time.ServerClock;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.TokenFormat;

/**
 * The one place that decides whether a presented token may be used. Every door asks here, so no two
 * doors can disagree about a disabled, expired, rotated or orphaned token.
 */
public final class TokenVerifier {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UseDoor door;
    private final Clock clock;

    /** {@code door}: the door asking, which a recorded use names. */
    public TokenVerifier(KeycloakSession session, RealmModel realm, UseDoor door) {
        this(session, realm, door, ServerClock.INSTANCE);
    }

    TokenVerifier(KeycloakSession session, RealmModel realm, UseDoor door, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.door = door;
        this.clock = clock;
    }

    public Verdict verify(String presented) {
        return verify(presented, owner -> true);
    }

    /**
     * As {@link #verify(String)}, for a caller who named the owner too (a username beside the token): a token that
     * would be accepted is refused when {@code named} does not hold for its owner, before its use is recorded.
     */
    public Verdict verify(String presented, Predicate<UserModel> named) {
        Verdict verdict = decide(presented, named);
        TokenMetrics.current().used(realm, door, verdict);
        return verdict;
    }

    private Verdict decide(String presented, Predicate<UserModel> named) {
        Optional<ApiToken> parsed = ApiToken.parse(presented);
        if (parsed.isEmpty()) {
            RefusalReason reason = TokenFormat.hasTokenShape(presented) ? RefusalReason.BAD_CHECKSUM : RefusalReason.MALFORMED;
            return new Verdict.Refused(reason, null, null);
        }
        ApiToken token = parsed.get();
        UnknownKeyCache unknownKeys = UnknownKeyCache.of(session);
        if (unknownKeys.remembers(realm.getId(), token.key())) {
            return new Verdict.Refused(RefusalReason.UNKNOWN_KEY_AGAIN, token.key(), null);
        }
        Optional<OwnedToken> found = TokenLookup.find(session, realm, token.key());
        if (found.isEmpty()) {
            unknownKeys.remember(realm.getId(), token.key());
            return new Verdict.Refused(RefusalReason.UNKNOWN_KEY, token.key(), null);
        }
        UserModel owner = found.get().owner();
        ApiTokenCredentialModel credential = found.get().credential();
        Instant now = clock.instant();
        // the value a rotation replaced works during its overlap only; disabling the token has ended any overlap
        boolean currentSecret = credential.isSecretOf(token);
        boolean previousSecret = !currentSecret && credential.isPreviousSecretOf(token, now);
        if (!currentSecret && !previousSecret) {
            return new Verdict.Refused(RefusalReason.WRONG_SECRET, token.key(), owner);
        }
        TokenPolicy policy = TokenPolicy.of(realm);
        ValidityRules.Judgement judgement = ValidityRules.judge(credential.data(), credential.createdAt(),
                ValidityRules.Owner.of(realm, owner), policy, now);
        if (!judgement.usable()) {
            return new Verdict.Refused(judgement.refusal(), token.key(), owner);
        }
        String address = session.getContext().getConnection().getRemoteAddr();
        if (!ValidityRules.allowsAddress(credential.data(), address)) {
            return new Verdict.Refused(RefusalReason.IP_NOT_ALLOWED, token.key(), owner);
        }
        if (!named.test(owner)) {
            return new Verdict.Refused(RefusalReason.USER_MISMATCH, token.key(), owner);
        }
        LastUsedRecorder.of(session).recordUse(session, realm, owner, credential,
                new LastUse(now, address, door.text()), previousSecret);
        return new Verdict.Accepted(owner, credential, policy.effectiveScopes(credential.data().scopes()),
                judgement.effectiveExpiry(), policy.forbiddenRoles(), previousSecret);
    }
}
