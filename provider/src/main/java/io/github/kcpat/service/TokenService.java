package io.github.kcpat.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.credential.CredentialWrites;
import io.github.kcpat.credential.DisabledBy;
import io.github.kcpat.credential.TokenData;
import io.github.kcpat.credential.TokenLookup;
import io.github.kcpat.credential.TokenState;
import io.github.kcpat.credential.UnknownKeyCache;
import io.github.kcpat.events.TokenEvents;
import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.limits.RoleLimits;
import io.github.kcpat.metrics.TokenMetrics;
import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.time.ServerClock;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.TokenName;

/**
 * Every change to a user's tokens goes through here, so self-service, admin and provisioning enforce
 * one policy and emit the same events.
 */
public final class TokenService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel owner;
    private final TokenChanges changes;
    /** The caller is an admin: a state it sets is the admin's, and only an admin may undo its disabling. */
    private final boolean byAdmin;
    private final Clock clock = ServerClock.INSTANCE;

    public TokenService(KeycloakSession session, RealmModel realm, UserModel owner, TokenChanges changes) {
        this(session, realm, owner, changes, false);
    }

    private TokenService(KeycloakSession session, RealmModel realm, UserModel owner, TokenChanges changes, boolean byAdmin) {
        this.session = session;
        this.realm = realm;
        this.owner = owner;
        this.changes = changes;
        this.byAdmin = byAdmin;
    }

    /** The service for an admin acting on {@code owner}'s tokens: changes go to {@code changes} (admin events). */
    public static TokenService forAdmin(KeycloakSession session, RealmModel realm, UserModel owner, TokenChanges changes) {
        return new TokenService(session, realm, owner, changes, true);
    }

    /** The service for an owner acting on their own tokens through {@code clientId}: changes become user events. */
    public static TokenService forOwner(KeycloakSession session, RealmModel realm, UserModel owner, String clientId) {
        return new TokenService(session, realm, owner,
                (action, token) -> TokenEvents.changed(session, realm, owner, action.name().toLowerCase(), token.key(), token.name(), clientId));
    }

    /** A token as stored, plus its value: only create and rotate return one. */
    public record Issued(ApiTokenCredentialModel credential, String value) {
    }

    public List<ApiTokenCredentialModel> list() {
        return owner.credentialManager().getStoredCredentialsByTypeStream(ApiTokenCredentialModel.TYPE)
                .map(ApiTokenCredentialModel::from)
                .sorted(Comparator.comparing(CredentialModel::getCreatedDate, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    public ApiTokenCredentialModel get(String key) {
        CredentialModel stored = key == null ? null : owner.credentialManager().getStoredCredentialById(key);
        if (stored == null || !ApiTokenCredentialModel.TYPE.equals(stored.getType())) {
            throw TokenServiceException.notFound();
        }
        return ApiTokenCredentialModel.from(stored);
    }

    public Issued create(TokenRequest request) {
        return create(request, ApiToken.generate());
    }

    /** Creates a token with a value made elsewhere (our CLI, for provisioning); its key must be new. */
    public Issued create(TokenRequest request, ApiToken token) {
        if (owner.getServiceAccountClientLink() != null) {
            throw invalid("Service accounts cannot hold personal API tokens");
        }
        TokenPolicy policy = TokenPolicy.of(realm);
        Instant now = now();
        String name = validName(request.name());
        Instant expiresAt = request.expiresAtGiven() ? request.expiresAt() : policy.defaultExpiry(now);
        policy.checkExpiry(expiresAt, now);
        List<String> scopes = request.scopes() == null ? List.of() : request.scopes();
        policy.checkScopes(scopes);
        checkRoles(policy, request.roles());
        IpAllowlist allowedIps = request.allowedIps() == null ? IpAllowlist.ANYWHERE : request.allowedIps();
        policy.checkAllowedIps(allowedIps);
        // under the owner's lock and from the database: parallel creates cannot all see room for one more
        CredentialWrites.lockOwner(session, owner);
        List<String> existing = CredentialWrites.storedNames(session, owner, null);
        policy.checkRoomForAnother(existing.size());
        requireUniqueName(existing, name);

        if (TokenLookup.keyExists(session, token.key())) {
            throw new TokenServiceException(TokenServiceException.Kind.CONFLICT, "A token with this key already exists");
        }
        TokenState state = request.state() == null ? TokenState.ACTIVE : request.state();
        ApiTokenCredentialModel credential = ApiTokenCredentialModel.create(token, name,
                new TokenData(scopes, state, expiresAt, now, null).disabledBy(byAdmin ? DisabledBy.ADMIN : DisabledBy.OWNER)
                        .withLimits(request.roles(), allowedIps, now), now);
        store(() -> owner.credentialManager().createStoredCredential(credential));
        UnknownKeyCache.of(session).forgetCreated(session, realm.getId(), token.key());
        changes.record(TokenChanges.Action.CREATED, credential);
        TokenMetrics.current().created(realm);
        return new Issued(credential, token.value());
    }

    /** Changes only the fields the request names, on the token as stored at this moment (see {@link CredentialWrites}). */
    public ApiTokenCredentialModel update(String key, TokenRequest request) {
        get(key);
        TokenPolicy policy = TokenPolicy.of(realm);
        Instant now = now();
        if (request.expiresAtGiven()) {
            policy.checkExpiry(request.expiresAt(), now);
        }
        if (request.scopes() != null) {
            policy.checkScopes(request.scopes());
        }
        if (request.rolesGiven()) {
            checkRoles(policy, request.roles());
        }
        if (request.allowedIps() != null) {
            policy.checkAllowedIps(request.allowedIps());
        }
        String name = request.name() == null ? null : validName(request.name());
        if (name != null) {
            CredentialWrites.lockOwner(session, owner);
            requireUniqueName(CredentialWrites.storedNames(session, owner, key), name);
        }
        boolean[] disabledIt = {false};
        ApiTokenCredentialModel updated = CredentialWrites.change(session, realm, owner, key, current -> {
                    disabledIt[0] = current.data().state() == TokenState.ACTIVE && request.state() == TokenState.DISABLED;
                    return changed(current, request, name, now);
                })
                .orElseThrow(TokenServiceException::notFound);
        changes.record(TokenChanges.Action.UPDATED, updated);
        if (disabledIt[0]) {
            TokenMetrics.current().disabled(realm, byAdmin ? DisabledBy.ADMIN : DisabledBy.OWNER);
        }
        return updated;
    }

    private ApiTokenCredentialModel changed(ApiTokenCredentialModel current, TokenRequest request, String name, Instant now) {
        TokenData data = current.data().updatedAt(now);
        if (request.expiresAtGiven() && !Objects.equals(request.expiresAt(), current.data().expiresAt())) {
            data = data.withExpiresAt(request.expiresAt(), now);
        }
        if (request.scopes() != null) {
            data = data.withScopes(request.scopes(), now);
        }
        if (request.rolesGiven() || request.allowedIps() != null) {
            data = data.withLimits(request.rolesGiven() ? request.roles() : data.roles(),
                    request.allowedIps() != null ? request.allowedIps() : data.allowedIps(), now);
        }
        if (request.state() != null) {
            if (!byAdmin && request.state() == TokenState.ACTIVE && current.data().disabledByAdmin()) {
                throw new TokenServiceException(TokenServiceException.Kind.FORBIDDEN,
                        "An administrator disabled this token; only an administrator can activate it again");
            }
            data = data.withState(request.state(), now);
            if (byAdmin) {
                data = data.disabledBy(DisabledBy.ADMIN);
            }
        }
        ApiTokenCredentialModel changed = current.with(data);
        return name == null ? changed : changed.named(name);
    }

    /** A new secret for the same key, name and settings; the old value stops working with this commit. */
    public Issued rotate(String key) {
        return rotate(key, 0);
    }

    /**
     * A new secret for the same key, name and settings, working at once. With {@code overlapMinutes} (at most the
     * policy's) the value it replaces keeps working that long beside it, else it stops with this commit; an older
     * overlap ends at once (at most two values work). A disabled token keeps no previous value.
     */
    public Issued rotate(String key, int overlapMinutes) {
        get(key);
        TokenPolicy policy = TokenPolicy.of(realm);
        policy.checkRotationOverlap(overlapMinutes);
        Instant now = now();
        ApiToken token = ApiToken.withKey(key);
        ApiTokenCredentialModel rotated = CredentialWrites.change(session, realm, owner, key, current -> {
                    policy.checkExpiryStillAllowed(current.data().expiresAt(), now);
                    boolean overlap = overlapMinutes > 0 && current.data().state() == TokenState.ACTIVE;
                    return current.withSecretOf(token, overlap ? now.plus(Duration.ofMinutes(overlapMinutes)) : null, now);
                })
                .orElseThrow(TokenServiceException::notFound);
        changes.record(TokenChanges.Action.ROTATED, rotated);
        TokenMetrics.current().rotated(realm);
        return new Issued(rotated, token.value());
    }

    /**
     * An admin ends a token's life by {@code at} (now, or a date the policy allows): its expiry becomes {@code at} unless
     * its effective expiry is already that early (an expiry is never lengthened here), and a rotation's overlap ends.
     * Unlike {@link #update}, a past or present {@code at} is allowed: that is the point.
     *
     * @return the token as stored afterwards, or empty when it already expired by then and kept no previous secret
     */
    public Optional<ApiTokenCredentialModel> expireBy(String key, Instant at) {
        get(key);
        TokenPolicy policy = TokenPolicy.of(realm);
        Instant now = now();
        boolean[] changedIt = {false};
        ApiTokenCredentialModel stored = CredentialWrites.change(session, realm, owner, key, current -> {
                    TokenData data = current.data();
                    Instant effective = policy.effectiveExpiry(current.createdAt(), data.expiresAt());
                    boolean expiresInTime = effective != null && !effective.isAfter(at);
                    if (expiresInTime && data.previousSecret() == null) {
                        return current;
                    }
                    if (!expiresInTime && at.isAfter(now)) {
                        policy.checkExpiryStillAllowed(at, now);
                    }
                    changedIt[0] = true;
                    TokenData expiring = expiresInTime ? data : data.withExpiresAt(at, now);
                    return current.with(expiring.withPreviousSecret(null, now));
                })
                .orElseThrow(TokenServiceException::notFound);
        if (!changedIt[0]) {
            return Optional.empty();
        }
        changes.record(TokenChanges.Action.UPDATED, stored);
        return Optional.of(stored);
    }

    public void delete(String key) {
        ApiTokenCredentialModel current = get(key);
        owner.credentialManager().removeStoredCredentialById(key);
        changes.record(TokenChanges.Action.DELETED, current);
        TokenMetrics.current().deleted(realm);
    }

    /** Deletes every token of the owner (an admin revoking all at once); answers how many there were. */
    public int deleteAll() {
        List<ApiTokenCredentialModel> tokens = list();
        tokens.forEach(token -> delete(token.key()));
        return tokens.size();
    }

    /** Roles may be chosen only where the policy offers it, among those the owner holds and the policy does not forbid. */
    private void checkRoles(TokenPolicy policy, RoleChoice roles) {
        if (roles == null || roles.isEmpty()) {
            return;
        }
        policy.checkRoleChoice(roles);
        String refusal = RoleLimits.refusal(realm, owner, roles, policy.forbiddenRoles());
        if (refusal != null) {
            throw invalid(refusal);
        }
    }

    private static String validName(String raw) {
        try {
            return TokenName.valid(raw);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static void requireUniqueName(List<String> existingNames, String name) {
        boolean taken = existingNames.stream().anyMatch(existing -> existing != null && existing.equalsIgnoreCase(name));
        if (taken) {
            throw duplicateName(name);
        }
    }

    private static void store(Runnable write) {
        try {
            write.run();
        } catch (ModelDuplicateException e) {
            throw duplicateName(null);
        }
    }

    private static TokenServiceException duplicateName(String name) {
        return new TokenServiceException(TokenServiceException.Kind.CONFLICT,
                name == null ? "You already have a token with this name" : "You already have a token named '" + name + "'");
    }

    private static TokenServiceException invalid(String message) {
        return new TokenServiceException(TokenServiceException.Kind.INVALID, message);
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
