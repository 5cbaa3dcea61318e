package io.github.kcpat.rest;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kcpat.credential.TokenFilter;
import io.github.kcpat.credential.TokenFilters;
import io.github.kcpat.input.InvalidInput;
import io.github.kcpat.input.StrictJson;
import io.github.kcpat.token.Expiry;

/**
 * A bulk request: {@code {"action": "disable" | "delete" | "expire", "keys": [...]}} or {@code {"action": …, "filter":
 * {…}}}, exactly one of the two; {@code expire} takes an optional {@code expiresAt} (default: now). Read strictly: an
 * unknown field anywhere, the filter's included, is refused, so a typo cannot widen what the action reaches.
 *
 * @param keys   the keys named, in order, each once (null when a filter was given)
 * @param filter the filter given (null when keys were)
 * @param expiresAt for {@code expire}: the expiry asked for, null for "now"
 */
record BulkBody(Action action, Set<String> keys, TokenFilter filter, Instant expiresAt) {

    static final int MAX_KEYS = 10_000;

    enum Action {
        DISABLE, DELETE, EXPIRE
    }

    private record Fields(String action, List<String> keys, JsonNode filter, String expiresAt) {
    }

    private static final Map<String, String> EXPECTED = Map.of(
            "action", "action must be disable, delete or expire",
            "keys", "keys must be an array of token keys (strings)",
            "filter", "filter must be a JSON object",
            "expiresAt", "expiresAt must be " + Expiry.FORMS);

    /** Throws {@link InvalidInput} naming the broken rule. */
    static BulkBody read(String body) {
        Fields read = StrictJson.read(body, Fields.class, EXPECTED);
        Action action = action(read.action);
        if ((read.keys == null) == (read.filter == null || read.filter.isNull())) {
            throw new InvalidInput("Give exactly one of keys (the tokens to change) and filter (change every token it matches)");
        }
        Set<String> keys = null;
        if (read.keys != null) {
            if (read.keys.size() > MAX_KEYS) {
                throw new InvalidInput("keys may name at most " + MAX_KEYS + " tokens per request");
            }
            if (read.keys.stream().anyMatch(key -> key == null || key.isBlank())) {
                throw new InvalidInput("keys must be an array of token keys (strings)");
            }
            keys = new LinkedHashSet<>(read.keys);
        }
        TokenFilter filter = read.filter == null || read.filter.isNull() ? null : TokenFilters.fromJson(read.filter);
        if (read.expiresAt != null && action != Action.EXPIRE) {
            throw new InvalidInput("expiresAt goes only with the action expire");
        }
        Instant expiresAt = read.expiresAt == null ? null
                : Expiry.parse(read.expiresAt).orElseThrow(() -> new InvalidInput("expiresAt must be " + Expiry.FORMS));
        return new BulkBody(action, keys, filter, expiresAt);
    }

    private static Action action(String text) {
        if (text == null) {
            throw new InvalidInput("action is required: disable, delete or expire");
        }
        return switch (text) {
            case "disable" -> Action.DISABLE;
            case "delete" -> Action.DELETE;
            case "expire" -> Action.EXPIRE;
            default -> throw new InvalidInput("action must be disable, delete or expire");
        };
    }
}
