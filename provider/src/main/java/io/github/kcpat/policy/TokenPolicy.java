package io.github.kcpat.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.token.JsonText;

/**
 * A realm's rules for personal API tokens, kept as realm attributes named {@code personalApiTokens.*}
 * so that realm export and import carry them. Absent attributes take the defaults below.
 */
public record TokenPolicy(
        int maxLifetimeDays,
        boolean expiryRequired,
        int defaultLifetimeDays,
        int maxTokensPerUser,
        List<String> availableScopes,
        String exchangeClientId,
        List<Integer> reminderDays,
        int recentLoginMinutes,
        boolean roleSelection,
        RoleChoice forbiddenRoles,
        boolean allowedIpsRequired,
        int allowedIpsMinPrefixIpv4,
        int allowedIpsMinPrefixIpv6,
        int disableAfterUnusedDays,
        int idleWarningDays,
        int maxRotationOverlapMinutes) {

    public static final String ATTRIBUTE_PREFIX = "personalApiTokens.";
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    public static final String DEFAULT_EXCHANGE_CLIENT = "personal-api-tokens";
    /** A day: a longer window is no step-up at all, and Keycloak's SSO sessions rarely outlive it anyway. */
    public static final int MAX_RECENT_LOGIN_MINUTES = 1440;

    public TokenPolicy {
        availableScopes = availableScopes == null ? List.of() : List.copyOf(availableScopes);
        reminderDays = reminderDays == null ? List.of() : List.copyOf(reminderDays);
        forbiddenRoles = forbiddenRoles == null ? RoleChoice.NONE : forbiddenRoles;
    }

    /**
     * What no token carries unless the realm's admin says otherwise: the roles that manage a realm or act as another
     * user. A composite holding one of them (such as {@code realm-admin}) is forbidden with it.
     */
    public static final RoleChoice DEFAULT_FORBIDDEN_ROLES = new RoleChoice(List.of(), Map.of(Constants.REALM_MANAGEMENT_CLIENT_ID,
            List.of("manage-users", "manage-realm", "manage-clients", "manage-authorization", "manage-events",
                    "manage-identity-providers", "impersonation")));

    public static final TokenPolicy DEFAULTS = new TokenPolicy(365, true, 90, 100, List.of(), DEFAULT_EXCHANGE_CLIENT, List.of(7, 1), 0,
            true, DEFAULT_FORBIDDEN_ROLES, false, 0, 0, 0, 7, 7 * 24 * 60);

    /** The longest overlap a rotation may keep the previous secret working for: 30 days. */
    public static final int MAX_ROTATION_OVERLAP_MINUTES = 30 * 24 * 60;

    /** The policy of the first eight fields, the rest at their defaults. */
    public TokenPolicy(int maxLifetimeDays, boolean expiryRequired, int defaultLifetimeDays, int maxTokensPerUser,
            List<String> availableScopes, String exchangeClientId, List<Integer> reminderDays, int recentLoginMinutes) {
        this(maxLifetimeDays, expiryRequired, defaultLifetimeDays, maxTokensPerUser, availableScopes, exchangeClientId,
                reminderDays, recentLoginMinutes, true, DEFAULT_FORBIDDEN_ROLES, false, 0, 0, 0, 7, 7 * 24 * 60);
    }

    /** The policy of the first thirteen fields, the lifecycle ones at their defaults. */
    public TokenPolicy(int maxLifetimeDays, boolean expiryRequired, int defaultLifetimeDays, int maxTokensPerUser,
            List<String> availableScopes, String exchangeClientId, List<Integer> reminderDays, int recentLoginMinutes,
            boolean roleSelection, RoleChoice forbiddenRoles, boolean allowedIpsRequired, int allowedIpsMinPrefixIpv4,
            int allowedIpsMinPrefixIpv6) {
        this(maxLifetimeDays, expiryRequired, defaultLifetimeDays, maxTokensPerUser, availableScopes, exchangeClientId,
                reminderDays, recentLoginMinutes, roleSelection, forbiddenRoles, allowedIpsRequired, allowedIpsMinPrefixIpv4,
                allowedIpsMinPrefixIpv6, 0, 7, 7 * 24 * 60);
    }

    public static TokenPolicy of(RealmModel realm) {
        Function<String, Optional<String>> attribute = name -> Optional.ofNullable(realm.getAttribute(ATTRIBUTE_PREFIX + name))
                .map(String::trim).filter(value -> !value.isEmpty());
        return new TokenPolicy(
                attribute.apply("maxLifetimeDays").flatMap(TokenPolicy::number).orElse(DEFAULTS.maxLifetimeDays),
                attribute.apply("expiryRequired").map(Boolean::parseBoolean).orElse(DEFAULTS.expiryRequired),
                attribute.apply("defaultLifetimeDays").flatMap(TokenPolicy::number).orElse(DEFAULTS.defaultLifetimeDays),
                attribute.apply("maxTokensPerUser").flatMap(TokenPolicy::number).orElse(DEFAULTS.maxTokensPerUser),
                attribute.apply("availableScopes").map(TokenPolicy::list).orElse(DEFAULTS.availableScopes),
                attribute.apply("exchangeClient").orElse(DEFAULTS.exchangeClientId),
                attribute.apply("reminderDays")
                        .map(value -> list(value).stream().map(TokenPolicy::number).flatMap(Optional::stream).toList())
                        .orElse(DEFAULTS.reminderDays),
                attribute.apply("recentLoginMinutes").flatMap(TokenPolicy::number).orElse(DEFAULTS.recentLoginMinutes),
                attribute.apply("roleSelection").map(Boolean::parseBoolean).orElse(DEFAULTS.roleSelection),
                attribute.apply("forbiddenRoles").flatMap(TokenPolicy::roles).orElse(DEFAULTS.forbiddenRoles),
                attribute.apply("allowedIpsRequired").map(Boolean::parseBoolean).orElse(DEFAULTS.allowedIpsRequired),
                attribute.apply("allowedIpsMinPrefixIpv4").flatMap(TokenPolicy::number).orElse(DEFAULTS.allowedIpsMinPrefixIpv4),
                attribute.apply("allowedIpsMinPrefixIpv6").flatMap(TokenPolicy::number).orElse(DEFAULTS.allowedIpsMinPrefixIpv6),
                attribute.apply("disableAfterUnusedDays").flatMap(TokenPolicy::number).orElse(DEFAULTS.disableAfterUnusedDays),
                attribute.apply("idleWarningDays").flatMap(TokenPolicy::number).orElse(DEFAULTS.idleWarningDays),
                attribute.apply("maxRotationOverlapMinutes").flatMap(TokenPolicy::number).orElse(DEFAULTS.maxRotationOverlapMinutes));
    }

    /**
     * Roles stored as {@link RoleChoice} JSON; an attribute edited into something unreadable keeps the default. Every
     * door reads the policy, so the last parse is remembered.
     */
    private static Optional<RoleChoice> roles(String json) {
        ParsedRoles last = lastRoles;
        if (last != null && last.json().equals(json)) {
            return Optional.of(last.roles());
        }
        try {
            RoleChoice parsed = JSON.readValue(json, RoleChoice.class);
            lastRoles = new ParsedRoles(json, parsed);
            return Optional.of(parsed);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private record ParsedRoles(String json, RoleChoice roles) {
    }

    private static volatile ParsedRoles lastRoles;

    /** A hand-edited attribute that is not a whole number falls back to the default rather than failing requests. */
    private static Optional<Integer> number(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** Refuses a policy that could not be enforced in this realm; the message names the rule. */
    public void validate(RealmModel realm) {
        validateRanges();
        for (String scope : availableScopes) {
            if (KeycloakModelUtils.getClientScopeByName(realm, scope) == null) {
                throw new PolicyViolation("availableScopes: '" + scope + "' is not a client scope of this realm");
            }
        }
        if (exchangeClientId == null || exchangeClientId.isBlank() || realm.getClientByClientId(exchangeClientId) == null) {
            throw new PolicyViolation("exchangeClientId: no client '" + exchangeClientId + "' in this realm");
        }
        // a typo would forbid nothing and look like protection
        forbiddenRoles.realm().stream().filter(role -> realm.getRole(role) == null).findFirst().ifPresent(role -> {
            throw new PolicyViolation("forbiddenRoles: '" + role + "' is not a realm role of this realm");
        });
        forbiddenRoles.clients().forEach((clientId, roles) -> {
            var client = realm.getClientByClientId(clientId);
            if (client == null) {
                throw new PolicyViolation("forbiddenRoles: no client '" + clientId + "' in this realm");
            }
            roles.stream().filter(role -> client.getRole(role) == null).findFirst().ifPresent(role -> {
                throw new PolicyViolation("forbiddenRoles: '" + role + "' is not a role of client '" + clientId + "'");
            });
        });
    }

    /** The rules that need no realm: every number within its range, the default lifetime within the maximum. */
    public void validateRanges() {
        requireRange("maxLifetimeDays", maxLifetimeDays, 0, 36500);
        requireRange("defaultLifetimeDays", defaultLifetimeDays, 0, 36500);
        requireRange("maxTokensPerUser", maxTokensPerUser, 0, 100000);
        if (maxLifetimeDays > 0 && defaultLifetimeDays > maxLifetimeDays) {
            throw new PolicyViolation("defaultLifetimeDays may not exceed maxLifetimeDays");
        }
        for (int days : reminderDays) {
            requireRange("reminderDays", days, 1, 365);
        }
        requireRange("recentLoginMinutes", recentLoginMinutes, 0, MAX_RECENT_LOGIN_MINUTES);
        requireRange("allowedIpsMinPrefixIpv4", allowedIpsMinPrefixIpv4, 0, 32);
        requireRange("allowedIpsMinPrefixIpv6", allowedIpsMinPrefixIpv6, 0, 128);
        requireRange("disableAfterUnusedDays", disableAfterUnusedDays, 0, 36500);
        requireRange("idleWarningDays", idleWarningDays, 0, 365);
        requireRange("maxRotationOverlapMinutes", maxRotationOverlapMinutes, 0, MAX_ROTATION_OVERLAP_MINUTES);
    }

    /** Stores the policy as realm attributes, where realm export and import carry it. */
    public void writeTo(RealmModel realm) {
        realm.setAttribute(ATTRIBUTE_PREFIX + "maxLifetimeDays", String.valueOf(maxLifetimeDays));
        realm.setAttribute(ATTRIBUTE_PREFIX + "expiryRequired", String.valueOf(expiryRequired));
        realm.setAttribute(ATTRIBUTE_PREFIX + "defaultLifetimeDays", String.valueOf(defaultLifetimeDays));
        realm.setAttribute(ATTRIBUTE_PREFIX + "maxTokensPerUser", String.valueOf(maxTokensPerUser));
        realm.setAttribute(ATTRIBUTE_PREFIX + "availableScopes", String.join(",", availableScopes));
        realm.setAttribute(ATTRIBUTE_PREFIX + "exchangeClient", exchangeClientId);
        realm.setAttribute(ATTRIBUTE_PREFIX + "reminderDays",
                String.join(",", reminderDays.stream().map(String::valueOf).toList()));
        realm.setAttribute(ATTRIBUTE_PREFIX + "recentLoginMinutes", String.valueOf(recentLoginMinutes));
        realm.setAttribute(ATTRIBUTE_PREFIX + "roleSelection", String.valueOf(roleSelection));
        realm.setAttribute(ATTRIBUTE_PREFIX + "forbiddenRoles", JsonText.write(forbiddenRoles));
        realm.setAttribute(ATTRIBUTE_PREFIX + "allowedIpsRequired", String.valueOf(allowedIpsRequired));
        realm.setAttribute(ATTRIBUTE_PREFIX + "allowedIpsMinPrefixIpv4", String.valueOf(allowedIpsMinPrefixIpv4));
        realm.setAttribute(ATTRIBUTE_PREFIX + "allowedIpsMinPrefixIpv6", String.valueOf(allowedIpsMinPrefixIpv6));
        realm.setAttribute(ATTRIBUTE_PREFIX + "disableAfterUnusedDays", String.valueOf(disableAfterUnusedDays));
        realm.setAttribute(ATTRIBUTE_PREFIX + "idleWarningDays", String.valueOf(idleWarningDays));
        realm.setAttribute(ATTRIBUTE_PREFIX + "maxRotationOverlapMinutes", String.valueOf(maxRotationOverlapMinutes));
    }

    private static void requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new PolicyViolation(field + " must be between " + min + " and " + max);
        }
    }

    /** The expiry a new token gets when its creator names none. */
    public Instant defaultExpiry(Instant now) {
        return defaultLifetimeDays > 0 ? now.plus(Duration.ofDays(defaultLifetimeDays)) : null;
    }

    /** Refuses a new expiry this policy does not allow; {@code null} means "never expires". */
    public void checkExpiry(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new PolicyViolation("expiresAt must be in the future");
        }
        checkExpiryStillAllowed(expiresAt, now);
    }

    /** Refuses to renew (rotate) a token whose expiry the policy no longer allows; a past expiry may stay. */
    public void checkExpiryStillAllowed(Instant expiresAt, Instant now) {
        if (expiresAt == null && expiryRequired) {
            throw new PolicyViolation("This realm requires an expiry date (expiresAt) on every token");
        }
        if (expiresAt != null && maxLifetimeDays > 0 && expiresAt.isAfter(now.plus(Duration.ofDays(maxLifetimeDays)))) {
            throw new PolicyViolation("expiresAt may be at most " + maxLifetimeDays + " days ahead");
        }
    }

    /**
     * The expiry in force for a token now: the stored one, capped at {@code createdAt + maxLifetimeDays} when
     * the realm limits lifetimes; a token stored without expiry gets that cap only when the realm requires an
     * expiry. Tightening the policy thus shortens existing tokens at once; loosening it never lengthens them.
     */
    public Instant effectiveExpiry(Instant createdAt, Instant expiresAt) {
        if (maxLifetimeDays <= 0 || createdAt == null) {
            return expiresAt;
        }
        Instant cap = createdAt.plus(Duration.ofDays(maxLifetimeDays));
        if (expiresAt == null) {
            return expiryRequired ? cap : null;
        }
        return expiresAt.isAfter(cap) ? cap : expiresAt;
    }

    /** The scopes of a token that this policy still offers: a scope withdrawn from the policy is no longer granted. */
    public List<String> effectiveScopes(List<String> scopes) {
        return scopes.stream().filter(availableScopes::contains).toList();
    }

    public void checkScopes(List<String> scopes) {
        for (String scope : scopes) {
            if (!availableScopes.contains(scope)) {
                throw new PolicyViolation("Scope '" + scope + "' is not available for API tokens in this realm");
            }
        }
    }

    /** Whether creating and rotating need a login at most {@link #recentLoginMinutes} old (0 = any login will do). */
    public boolean requiresRecentLogin() {
        return recentLoginMinutes > 0;
    }

    /** Refuses chosen roles where the realm offers no choice (the forbidden roles are {@code RoleLimits}' to check). */
    public void checkRoleChoice(RoleChoice chosen) {
        if (chosen != null && !chosen.isEmpty() && !roleSelection) {
            throw new PolicyViolation("This realm does not let tokens carry chosen roles (roles)");
        }
    }

    /** Refuses an allowlist this policy does not allow for a token being created or changed. */
    public void checkAllowedIps(IpAllowlist allowedIps) {
        if (allowedIpsRequired && allowedIps.isAnywhere()) {
            throw new PolicyViolation("This realm requires an IP allowlist (allowedIps) on every new token");
        }
        allowedIps.widerThan(allowedIpsMinPrefixIpv4, allowedIpsMinPrefixIpv6).ifPresent(range -> {
            throw new PolicyViolation("allowedIps: " + range.text() + " is wider than this realm allows (at most /"
                    + (range.isIpv4() ? allowedIpsMinPrefixIpv4 : allowedIpsMinPrefixIpv6) + " wide)");
        });
    }

    /** Refuses a rotation overlap longer than the realm allows; 0 = none (only the new secret works). */
    public void checkRotationOverlap(int overlapMinutes) {
        if (overlapMinutes < 0) {
            throw new PolicyViolation("overlapMinutes must be 0 or more");
        }
        if (overlapMinutes > maxRotationOverlapMinutes) {
            throw new PolicyViolation(maxRotationOverlapMinutes == 0
                    ? "This realm does not let a rotated token's previous value keep working (overlapMinutes must be 0)"
                    : "overlapMinutes may be at most " + maxRotationOverlapMinutes + " in this realm");
        }
    }

    /** Whether the idle task disables tokens unused for {@link #disableAfterUnusedDays} days. */
    public boolean disablesIdleTokens() {
        return disableAfterUnusedDays > 0;
    }

    public void checkRoomForAnother(long tokensHeld) {
        if (maxTokensPerUser > 0 && tokensHeld >= maxTokensPerUser) {
            throw new PolicyViolation("This realm allows at most " + maxTokensPerUser + " tokens per user");
        }
    }
}
