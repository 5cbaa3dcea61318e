package io.github.kcpat.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

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
        int recentLoginMinutes) {

    public static final String ATTRIBUTE_PREFIX = "personalApiTokens.";
    public static final String DEFAULT_EXCHANGE_CLIENT = "personal-api-tokens";
    /** A day: a longer window is no step-up at all, and Keycloak's SSO sessions rarely outlive it anyway. */
    public static final int MAX_RECENT_LOGIN_MINUTES = 1440;

    public TokenPolicy {
        availableScopes = availableScopes == null ? List.of() : List.copyOf(availableScopes);
        reminderDays = reminderDays == null ? List.of() : List.copyOf(reminderDays);
    }

    public static final TokenPolicy DEFAULTS = new TokenPolicy(365, true, 90, 100, List.of(), DEFAULT_EXCHANGE_CLIENT, List.of(7, 1), 0);

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
                attribute.apply("recentLoginMinutes").flatMap(TokenPolicy::number).orElse(DEFAULTS.recentLoginMinutes));
    }

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

    public void checkRoomForAnother(long tokensHeld) {
        if (maxTokensPerUser > 0 && tokensHeld >= maxTokensPerUser) {
            throw new PolicyViolation("This realm allows at most " + maxTokensPerUser + " tokens per user");
        }
    }
}
