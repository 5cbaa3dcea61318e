package io.github.kcpat.credential;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kcpat.input.InvalidInput;
import io.github.kcpat.input.StrictJson;

/**
 * Reads a {@link TokenFilter} from the admin list's query parameters, or from a bulk request's {@code filter} object
 * (the same names, JSON typed). Every bad value is an {@link InvalidInput} naming its parameter; an unknown field of the
 * JSON object is refused, so a typo can never widen what a bulk action reaches.
 */
public final class TokenFilters {

    static final int MAX_DAYS = 36500;
    private static final String DAYS = " must be a whole number of days from 0 to " + MAX_DAYS;

    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("user", "filter.user must be a string"),
            Map.entry("search", "filter.search must be a string"),
            Map.entry("neverUsed", "filter.neverUsed must be true or false"),
            Map.entry("unusedDays", "filter.unusedDays" + DAYS),
            Map.entry("expiringWithinDays", "filter.expiringWithinDays" + DAYS),
            Map.entry("expired", "filter.expired must be true or false"),
            Map.entry("state", "filter.state must be active or disabled"),
            Map.entry("disabledBy", "filter.disabledBy must be owner, admin or idle"),
            Map.entry("ownerDisabled", "filter.ownerDisabled must be true or false"),
            Map.entry("scope", "filter.scope must be a string"),
            Map.entry("role", "filter.role must be a string"));

    private TokenFilters() {
    }

    /** The query parameters of {@code GET …/tokens} and {@code …/tokens/count}, by name (a parameter absent: null). */
    public static TokenFilter fromQuery(Function<String, String> parameter) {
        return build("", parameter.apply("user"), parameter.apply("search"), bool("neverUsed", parameter.apply("neverUsed")),
                days("unusedDays", parameter.apply("unusedDays")), days("expiringWithinDays", parameter.apply("expiringWithinDays")),
                bool("expired", parameter.apply("expired")), parameter.apply("state"), parameter.apply("disabledBy"),
                bool("ownerDisabled", parameter.apply("ownerDisabled")), parameter.apply("scope"), parameter.apply("role"));
    }

    /** A bulk request's {@code filter}: a JSON object with the query parameters' names. */
    public static TokenFilter fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidInput("filter must be a JSON object");
        }
        Body body = StrictJson.read(node, Body.class, EXPECTED);
        requireDays("filter.unusedDays", body.unusedDays);
        requireDays("filter.expiringWithinDays", body.expiringWithinDays);
        return build("filter.", body.user, body.search, body.neverUsed, body.unusedDays, body.expiringWithinDays, body.expired,
                body.state, body.disabledBy, body.ownerDisabled, body.scope, body.role);
    }

    private record Body(String user, String search, Boolean neverUsed, Integer unusedDays, Integer expiringWithinDays,
            Boolean expired, String state, String disabledBy, Boolean ownerDisabled, String scope, String role) {
    }

    private static void requireDays(String name, Integer days) {
        if (days != null && (days < 0 || days > MAX_DAYS)) {
            throw new InvalidInput(name + DAYS);
        }
    }

    private static TokenFilter build(String prefix, String user, String search, Boolean neverUsed, Integer unusedDays,
            Integer expiringWithinDays, Boolean expired, String state, String disabledBy, Boolean ownerDisabled, String scope,
            String role) {
        TokenState parsedState = state == null ? null : switch (state.trim().toLowerCase(Locale.ROOT)) {
            case "active" -> TokenState.ACTIVE;
            case "disabled" -> TokenState.DISABLED;
            default -> throw new InvalidInput(prefix + "state must be active or disabled");
        };
        DisabledBy parsedBy = disabledBy == null ? null : switch (disabledBy.trim().toLowerCase(Locale.ROOT)) {
            case "owner" -> DisabledBy.OWNER;
            case "admin" -> DisabledBy.ADMIN;
            case "idle" -> DisabledBy.IDLE;
            default -> throw new InvalidInput(prefix + "disabledBy must be owner, admin or idle");
        };
        if (parsedBy != null && parsedState == TokenState.ACTIVE) {
            throw new InvalidInput(prefix + "disabledBy names who disabled a token: it cannot go with state active");
        }
        if (scope != null && scope.isBlank()) {
            throw new InvalidInput(prefix + "scope must name a client scope");
        }
        return new TokenFilter(user, search, neverUsed, unusedDays, expiringWithinDays, expired,
                parsedBy != null ? TokenState.DISABLED : parsedState, parsedBy, ownerDisabled, scope, role(prefix, role));
    }

    private static TokenFilter.RoleName role(String prefix, String text) {
        if (text == null) {
            return null;
        }
        TokenFilter.RoleName role = TokenFilter.RoleName.parse(text);
        if (role.role().isBlank() || (role.client() != null && role.client().isBlank())) {
            throw new InvalidInput(prefix + "role must be a realm role's name or clientId/role");
        }
        return role;
    }

    private static Boolean bool(String name, String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidInput(name + " must be true or false");
        };
    }

    private static Integer days(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            int days = Integer.parseInt(text.trim());
            if (days >= 0 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInput(name + DAYS);
    }
}
