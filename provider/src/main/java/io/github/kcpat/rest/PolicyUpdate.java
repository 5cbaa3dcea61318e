package io.github.kcpat.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kcpat.input.InvalidInput;
import io.github.kcpat.input.StrictJson;
import io.github.kcpat.input.TokenFields;
import io.github.kcpat.policy.TokenPolicy;

/**
 * A policy update (PUT): the fields named replace the current values, the rest stay; a field may not be set to null,
 * and unknown fields are refused. Throws {@link io.github.kcpat.input.InvalidInput} naming the field.
 */
record PolicyUpdate(
        Integer maxLifetimeDays,
        Boolean expiryRequired,
        Integer defaultLifetimeDays,
        Integer maxTokensPerUser,
        List<String> availableScopes,
        String exchangeClientId,
        List<Integer> reminderDays,
        Integer recentLoginMinutes,
        Boolean roleSelection,
        JsonNode forbiddenRoles,
        Boolean allowedIpsRequired,
        Integer allowedIpsMinPrefixIpv4,
        Integer allowedIpsMinPrefixIpv6,
        Integer disableAfterUnusedDays,
        Integer idleWarningDays,
        Integer maxRotationOverlapMinutes) {

    private static final String WHOLE_NUMBER = " has the wrong type: a whole number is expected";
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("roleSelection", "roleSelection has the wrong type: true or false is expected"),
            Map.entry("allowedIpsRequired", "allowedIpsRequired has the wrong type: true or false is expected"),
            Map.entry("allowedIpsMinPrefixIpv4", "allowedIpsMinPrefixIpv4" + WHOLE_NUMBER),
            Map.entry("allowedIpsMinPrefixIpv6", "allowedIpsMinPrefixIpv6" + WHOLE_NUMBER),
            Map.entry("forbiddenRoles", "forbiddenRoles has the wrong type: " + TokenFields.ROLES.substring("roles must be ".length())),
            Map.entry("disableAfterUnusedDays", "disableAfterUnusedDays" + WHOLE_NUMBER),
            Map.entry("idleWarningDays", "idleWarningDays" + WHOLE_NUMBER),
            Map.entry("maxRotationOverlapMinutes", "maxRotationOverlapMinutes" + WHOLE_NUMBER),
            Map.entry("maxLifetimeDays", "maxLifetimeDays" + WHOLE_NUMBER),
            Map.entry("defaultLifetimeDays", "defaultLifetimeDays" + WHOLE_NUMBER),
            Map.entry("maxTokensPerUser", "maxTokensPerUser" + WHOLE_NUMBER),
            Map.entry("recentLoginMinutes", "recentLoginMinutes" + WHOLE_NUMBER),
            Map.entry("expiryRequired", "expiryRequired has the wrong type: true or false is expected"),
            Map.entry("availableScopes", "availableScopes has the wrong type: an array of client scope names is expected"),
            Map.entry("exchangeClientId", "exchangeClientId has the wrong type: a client id is expected"),
            Map.entry("reminderDays", "reminderDays has the wrong type: an array of whole numbers of days is expected"));

    static PolicyUpdate read(String body) {
        JsonNode node = StrictJson.object(body);
        PolicyUpdate update = StrictJson.read(node, PolicyUpdate.class, EXPECTED);
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                throw new InvalidInput(field.getKey() + " may not be null");
            }
        });
        if (update.availableScopes != null && update.availableScopes.contains(null)) {
            throw new InvalidInput(EXPECTED.get("availableScopes"));
        }
        if (update.reminderDays != null && update.reminderDays.contains(null)) {
            throw new InvalidInput(EXPECTED.get("reminderDays"));
        }
        if (update.forbiddenRoles != null) {
            try {
                TokenFields.roles(update.forbiddenRoles);
            } catch (InvalidInput e) {
                throw new InvalidInput(EXPECTED.get("forbiddenRoles"));
            }
        }
        return update;
    }

    /**
     * {@code current} with this update's fields. Lowering the maximum lifetime below the default, without naming a
     * default, brings the default down too.
     */
    TokenPolicy applyTo(TokenPolicy current) {
        int max = or(maxLifetimeDays, current.maxLifetimeDays());
        int defaultDays = or(defaultLifetimeDays, current.defaultLifetimeDays());
        if (maxLifetimeDays != null && maxLifetimeDays > 0 && defaultLifetimeDays == null && defaultDays > maxLifetimeDays) {
            defaultDays = maxLifetimeDays;
        }
        return new TokenPolicy(max, or(expiryRequired, current.expiryRequired()), defaultDays,
                or(maxTokensPerUser, current.maxTokensPerUser()), or(availableScopes, current.availableScopes()),
                or(exchangeClientId, current.exchangeClientId()), or(reminderDays, current.reminderDays()),
                or(recentLoginMinutes, current.recentLoginMinutes()), or(roleSelection, current.roleSelection()),
                forbiddenRoles == null ? current.forbiddenRoles() : TokenFields.roles(forbiddenRoles),
                or(allowedIpsRequired, current.allowedIpsRequired()),
                or(allowedIpsMinPrefixIpv4, current.allowedIpsMinPrefixIpv4()),
                or(allowedIpsMinPrefixIpv6, current.allowedIpsMinPrefixIpv6()),
                or(disableAfterUnusedDays, current.disableAfterUnusedDays()),
                or(idleWarningDays, current.idleWarningDays()),
                or(maxRotationOverlapMinutes, current.maxRotationOverlapMinutes()));
    }

    private static <T> T or(T given, T current) {
        return given != null ? given : current;
    }
}
