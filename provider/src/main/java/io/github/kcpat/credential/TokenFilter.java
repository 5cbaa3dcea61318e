package io.github.kcpat.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.github.kcpat.idle.IdleClock;
import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.verify.ValidityRules;

/**
 * Which tokens an admin lists, counts or changes in bulk; every field null = no condition, all conditions must hold.
 * Read from the list's query parameters and from a bulk request's {@code filter} by {@link TokenFilters}, which name
 * the parameter a bad value came in. {@link #matches} is the definition; {@link FilterSql} says the same in JPQL.
 *
 * @param user               an owner's id or username (resolved, with its permission check, by the caller)
 * @param search             a case-insensitive part of the token name or the owner's username
 * @param neverUsed          true: never used; false: used at least once
 * @param unusedDays         not used for that many days: the last use, else the creation, older than now minus them
 * @param expiringWithinDays the effective expiry (the policy's, {@link TokenPolicy#effectiveExpiry}) in (now, now + days]
 * @param expired            whether the effective expiry is past (the rule book's {@link ValidityRules#isExpired})
 * @param state              active or disabled
 * @param disabledBy         disabled, and by whom (implies {@link TokenState#DISABLED})
 * @param ownerDisabled      whether the owner's account is disabled
 * @param scope              the token holds this scope
 * @param role               the token's chosen roles include this one
 */
public record TokenFilter(String user, String search, Boolean neverUsed, Integer unusedDays, Integer expiringWithinDays,
        Boolean expired, TokenState state, DisabledBy disabledBy, Boolean ownerDisabled, String scope, RoleName role) {

    public static final TokenFilter NONE = new TokenFilter(null, null, null, null, null, null, null, null, null, null, null);

    /** A realm role ({@code client} null) or a client's role, named {@code role} or {@code clientId/role}. */
    public record RoleName(String client, String role) {

        /** The last '/' separates client id and role, as the CLI's {@code --roles} reads it (client ids may hold '/'). */
        public static RoleName parse(String text) {
            int slash = text.lastIndexOf('/');
            return slash < 0 ? new RoleName(null, text) : new RoleName(text.substring(0, slash), text.substring(slash + 1));
        }

        boolean heldBy(io.github.kcpat.limits.RoleChoice roles) {
            if (roles == null) {
                return false;
            }
            List<String> names = client == null ? roles.realm() : roles.clients().getOrDefault(client, List.of());
            return names.contains(role);
        }
    }

    /** The same filter with the search term as it is compared: trimmed, lower case, null when blank. */
    public TokenFilter {
        search = search == null || search.isBlank() ? null : search.trim().toLowerCase(Locale.ROOT);
        user = user == null || user.isBlank() ? null : user.trim();
    }

    /**
     * Whether a token matches, given what the list knows about it: its data, creation, owner and the policy in force.
     * The search term is the caller's (it needs the owner's username and the token's name).
     */
    public boolean matches(TokenData data, Instant createdAt, boolean ownerEnabled, TokenPolicy policy, Instant now) {
        Instant effectiveExpiry = ValidityRules.effectiveExpiry(data, createdAt, policy);
        return (neverUsed == null || neverUsed == (data.lastUsedAt() == null))
                && (unusedDays == null || unusedSince(data, createdAt, now.minus(Duration.ofDays(unusedDays))))
                && (expired == null || expired == ValidityRules.isExpired(effectiveExpiry, now))
                && (expiringWithinDays == null || (!ValidityRules.isExpired(effectiveExpiry, now)
                        && ValidityRules.isExpired(effectiveExpiry, now.plus(Duration.ofDays(expiringWithinDays)))))
                && (state == null || state == data.state())
                && (disabledBy == null || disabledBy == data.disabledBy())
                && (ownerDisabled == null || ownerDisabled == !ownerEnabled)
                && (scope == null || data.scopes().contains(scope))
                && (role == null || role.heldBy(data.roles()));
    }

    /** Last use, else creation, before {@code before}; the activation again that restarts {@link IdleClock} is no use. */
    private static boolean unusedSince(TokenData data, Instant createdAt, Instant before) {
        Instant last = data.lastUsedAt() != null ? data.lastUsedAt() : createdAt;
        return last != null && last.isBefore(before);
    }
}
