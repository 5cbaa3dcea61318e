package io.github.kcpat.credential;

import java.time.Instant;
import java.util.List;

import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.limits.RoleChoice;

/**
 * The public part of a token's credential, stored as JSON in its credential data: the admin console's
 * Credentials tab shows it, so it holds nothing secret. {@code disabledBy}: who disabled the token (null while it is
 * active; a disabled token nobody is recorded for was disabled by its owner); only an admin may activate again what an
 * admin disabled. {@code roles}: the roles its owner chose for it (null: none chosen, its scopes decide);
 * {@code allowedIps}: where it may be used from.
 */
public record TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt,
        List<Integer> remindersSent, DisabledBy disabledBy, RoleChoice roles, IpAllowlist allowedIps) {

    public TokenData {
        scopes = List.copyOf(scopes);
        roles = roles == null || roles.isEmpty() ? null : roles;
        allowedIps = allowedIps == null ? IpAllowlist.ANYWHERE : allowedIps;
        remindersSent = remindersSent == null ? List.of() : List.copyOf(remindersSent);
        disabledBy = state != TokenState.DISABLED ? null : disabledBy == null ? DisabledBy.OWNER : disabledBy;
    }

    public TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt) {
        this(scopes, state, expiresAt, updatedAt, lastUsedAt, List.of(), null, null, null);
    }

    public TokenData(List<String> scopes, TokenState state, Instant expiresAt, Instant updatedAt, Instant lastUsedAt,
            List<Integer> remindersSent) {
        this(scopes, state, expiresAt, updatedAt, lastUsedAt, remindersSent, null, null, null);
    }

    public TokenData withScopes(List<String> newScopes, Instant now) {
        return new TokenData(newScopes, state, expiresAt, now, lastUsedAt, remindersSent, disabledBy, roles, allowedIps);
    }

    /** The roles chosen (null or empty: none, the scopes decide) and where it may be used from. */
    public TokenData withLimits(RoleChoice newRoles, IpAllowlist newAllowedIps, Instant now) {
        return new TokenData(scopes, state, expiresAt, now, lastUsedAt, remindersSent, disabledBy, newRoles, newAllowedIps);
    }

    /** A token disabled again keeps who disabled it first; an active one has nobody. */
    public TokenData withState(TokenState newState, Instant now) {
        return new TokenData(scopes, newState, expiresAt, now, lastUsedAt, remindersSent, disabledBy, roles, allowedIps);
    }

    /** Records who disabled the token (no effect on an active one). */
    public TokenData disabledBy(DisabledBy who) {
        return new TokenData(scopes, state, expiresAt, updatedAt, lastUsedAt, remindersSent, who, roles, allowedIps);
    }

    public boolean disabledByAdmin() {
        return disabledBy == DisabledBy.ADMIN;
    }

    /** A new expiry also re-arms the expiry reminders. */
    public TokenData withExpiresAt(Instant newExpiry, Instant now) {
        return new TokenData(scopes, state, newExpiry, now, lastUsedAt, List.of(), disabledBy, roles, allowedIps);
    }

    public TokenData updatedAt(Instant now) {
        return new TokenData(scopes, state, expiresAt, now, lastUsedAt, remindersSent, disabledBy, roles, allowedIps);
    }

    public TokenData usedAt(Instant now) {
        return new TokenData(scopes, state, expiresAt, updatedAt, now, remindersSent, disabledBy, roles, allowedIps);
    }

    /** Remembers that the reminders for these thresholds (days before expiry) went out. */
    public TokenData remindedFor(List<Integer> thresholds) {
        List<Integer> sent = new java.util.ArrayList<>(remindersSent);
        thresholds.stream().filter(days -> !sent.contains(days)).forEach(sent::add);
        return new TokenData(scopes, state, expiresAt, updatedAt, lastUsedAt, sent, disabledBy, roles, allowedIps);
    }
}
