package io.github.kcpat.credential;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.limits.RoleChoice;

/**
 * The public part of a token's credential, stored as JSON in its credential data: the admin console's
 * Credentials tab shows it, so it holds nothing secret.
 * <ul>
 * <li>{@code disabledBy}: who disabled the token (null while it is active; a disabled token nobody is recorded for was
 * disabled by its owner); only an admin may activate again what an admin disabled.</li>
 * <li>{@code roles}: the roles its owner chose for it (null: none chosen, its scopes decide); {@code allowedIps}: where
 * it may be used from.</li>
 * <li>{@code lastUse}: its last recorded use (null: never used); {@code activatedAt}: when it was last activated again
 * after a disabling, which restarts the idle clock; {@code idleWarnedAt}: when the last idle warning went out (one
 * sent before the idle period began, i.e. before the last use or activation, is for an earlier period).</li>
 * <li>{@code previousSecret}: the secret a rotation with an overlap replaced, while one is kept (null: none).</li>
 * </ul>
 */
public record TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, LastUse lastUse,
        List<Integer> remindersSent, DisabledBy disabledBy, RoleChoice roles, IpAllowlist allowedIps,
        Instant activatedAt, Instant idleWarnedAt, PreviousSecret previousSecret) {

    public TokenData {
        scopes = List.copyOf(scopes);
        roles = roles == null || roles.isEmpty() ? null : roles;
        allowedIps = allowedIps == null ? IpAllowlist.ANYWHERE : allowedIps;
        remindersSent = remindersSent == null ? List.of() : List.copyOf(remindersSent);
        disabledBy = state != TokenState.DISABLED ? null : disabledBy == null ? DisabledBy.OWNER : disabledBy;
    }

    public TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt) {
        this(scopes, state, expiresAt, updatedAt, lastUsedAt, List.of());
    }

    public TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt,
            List<Integer> remindersSent) {
        this(scopes, state, expiresAt, updatedAt, LastUse.at(lastUsedAt), remindersSent, null, null, null, null, null, null);
    }

    public Instant lastUsedAt() {
        return lastUse == null ? null : lastUse.at();
    }

    public TokenData withScopes(List<String> newScopes, Instant now) {
        return new TokenData(newScopes, state, expiresAt, now, lastUse, remindersSent, disabledBy, roles, allowedIps,
                activatedAt, idleWarnedAt, previousSecret);
    }

    /** The roles chosen (null or empty: none, the scopes decide) and where it may be used from. */
    public TokenData withLimits(RoleChoice newRoles, IpAllowlist newAllowedIps, Instant now) {
        return new TokenData(scopes, state, expiresAt, now, lastUse, remindersSent, disabledBy, newRoles, newAllowedIps,
                activatedAt, idleWarnedAt, previousSecret);
    }

    /**
     * A token disabled again keeps who disabled it first; an active one has nobody. Disabling ends a rotation's overlap
     * at once (activating again never brings the previous secret back); activating a disabled token restarts its idle
     * clock.
     */
    public TokenData withState(TokenState newState, Instant now) {
        boolean activated = state == TokenState.DISABLED && newState == TokenState.ACTIVE;
        return new TokenData(scopes, newState, expiresAt, now, lastUse, remindersSent, disabledBy, roles, allowedIps,
                activated ? now : activatedAt, idleWarnedAt, newState == TokenState.DISABLED ? null : previousSecret);
    }

    /** Records who disabled the token (no effect on an active one). */
    public TokenData disabledBy(DisabledBy who) {
        return new TokenData(scopes, state, expiresAt, updatedAt, lastUse, remindersSent, who, roles, allowedIps,
                activatedAt, idleWarnedAt, previousSecret);
    }

    public boolean disabledByAdmin() {
        return disabledBy == DisabledBy.ADMIN;
    }

    /** A new expiry also re-arms the expiry reminders. */
    public TokenData withExpiresAt(Instant newExpiry, Instant now) {
        return new TokenData(scopes, state, newExpiry, now, lastUse, List.of(), disabledBy, roles, allowedIps,
                activatedAt, idleWarnedAt, previousSecret);
    }

    public TokenData updatedAt(Instant now) {
        return new TokenData(scopes, state, expiresAt, now, lastUse, remindersSent, disabledBy, roles, allowedIps,
                activatedAt, idleWarnedAt, previousSecret);
    }

    /** A use with the current secret. */
    public TokenData used(LastUse use) {
        return new TokenData(scopes, state, expiresAt, updatedAt, use, remindersSent, disabledBy, roles, allowedIps,
                activatedAt, idleWarnedAt, previousSecret);
    }

    public TokenData usedAt(Instant now) {
        return used(LastUse.at(now));
    }

    /** A use with the previous secret during an overlap: a use of the token, and of that secret. */
    public TokenData usedPrevious(LastUse use) {
        return new TokenData(scopes, state, expiresAt, updatedAt, use, remindersSent, disabledBy, roles, allowedIps,
                activatedAt, idleWarnedAt, previousSecret == null ? null : previousSecret.usedAt(use));
    }

    /** Remembers that the reminders for these thresholds (days before expiry) went out. */
    public TokenData remindedFor(List<Integer> thresholds) {
        List<Integer> sent = new ArrayList<>(remindersSent);
        thresholds.stream().filter(days -> !sent.contains(days)).forEach(sent::add);
        return new TokenData(scopes, state, expiresAt, updatedAt, lastUse, sent, disabledBy, roles, allowedIps,
                activatedAt, idleWarnedAt, previousSecret);
    }

    /** Remembers that the idle warning went out at {@code sentAt}. */
    public TokenData idleWarned(Instant sentAt) {
        return new TokenData(scopes, state, expiresAt, updatedAt, lastUse, remindersSent, disabledBy, roles, allowedIps,
                activatedAt, sentAt, previousSecret);
    }

    /** The previous secret kept by a rotation (null: none, the overlap ends now). */
    public TokenData withPreviousSecret(PreviousSecret previous, Instant now) {
        return new TokenData(scopes, state, expiresAt, now, lastUse, remindersSent, disabledBy, roles, allowedIps,
                activatedAt, idleWarnedAt, previous);
    }

    /** Whether the secret a rotation replaced still works at {@code now}. */
    public boolean previousSecretWorksAt(Instant now) {
        return previousSecret != null && previousSecret.worksAt(now);
    }
}
