package io.github.kcpat.credential;

import static io.github.kcpat.input.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.policy.TokenPolicy;

/** {@link TokenFilter}: read from query parameters and from JSON, and what it matches ({@link TokenFilter#matches}). */
class TokenFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final TokenPolicy POLICY = TokenPolicy.DEFAULTS; // 365 days at most, expiry required

    @Test
    void queryParametersBecomeTypedConditions() {
        Map<String, String> query = Map.of("neverUsed", "true", "unusedDays", "90", "expiringWithinDays", "7", "expired", "FALSE",
                "disabledBy", "idle", "ownerDisabled", "false", "scope", "demo-api", "role", "https://a/b/read", "search", " Deploy ",
                "user", "bob");
        TokenFilter filter = TokenFilters.fromQuery(query::get);
        assertEquals(new TokenFilter("bob", "deploy", true, 90, 7, false, TokenState.DISABLED, DisabledBy.IDLE, false, "demo-api",
                new TokenFilter.RoleName("https://a/b", "read")), filter);
    }

    @Test
    void noParametersNoConditions() {
        assertEquals(TokenFilter.NONE, TokenFilters.fromQuery(name -> null));
        assertNull(TokenFilter.RoleName.parse("reader").client());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"neverUsed, yes", "unusedDays, -1", "unusedDays, 36501", "unusedDays, 7d", "expiringWithinDays, 1.5",
            "expired, 0", "state, paused", "disabledBy, robot", "ownerDisabled, on", "scope, ' '", "role, orders-api/", "role, /read"})
    void aBadValueIsRefusedNamingItsParameter(String parameter, String value) {
        assertRefused(parameter, () -> TokenFilters.fromQuery(Map.of(parameter, value)::get));
    }

    @Test
    void disabledByImpliesDisabledAndContradictsActive() {
        assertEquals(TokenState.DISABLED, TokenFilters.fromQuery(Map.of("disabledBy", "owner")::get).state());
        assertRefused("disabledBy", () -> TokenFilters.fromQuery(Map.of("disabledBy", "owner", "state", "active")::get));
    }

    @Test
    void jsonFilterTakesTheSameNamesTyped() throws Exception {
        JsonNode json = new ObjectMapper().readTree("{\"neverUsed\":true,\"unusedDays\":90,\"state\":\"active\",\"role\":\"orders-api/read\"}");
        TokenFilter filter = TokenFilters.fromJson(json);
        assertEquals(new TokenFilter(null, null, true, 90, null, null, TokenState.ACTIVE, null, null, null,
                new TokenFilter.RoleName("orders-api", "read")), filter);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"nevrUsed\":true} | Unknown field 'nevrUsed'",
            "{\"neverUsed\":\"true\"} | neverUsed must be true or false",
            "{\"unusedDays\":\"90\"} | unusedDays must be a whole number",
            "{\"unusedDays\":-3} | unusedDays must be a whole number",
            "{\"unusedDays\":1.5} | unusedDays must be a whole number",
            "{\"state\":\"paused\"} | state must be active or disabled",
            "{\"role\":[\"a\"]} | role must be a string",
            "[] | filter must be a JSON object"})
    void aBadJsonFilterIsRefused(String json, String rule) throws Exception {
        JsonNode node = new ObjectMapper().readTree(json);
        assertRefused(rule, () -> TokenFilters.fromJson(node));
    }

    @Test
    void neverUsedAndUnusedDaysReadTheLastUseElseTheCreation() {
        TokenData unused = data(TokenState.ACTIVE, NOW.plus(days(30)), null);
        TokenData usedLately = data(TokenState.ACTIVE, NOW.plus(days(30)), NOW.minus(days(2)));
        Instant createdLongAgo = NOW.minus(days(100));
        assertTrue(filter("neverUsed", "true").matches(unused, createdLongAgo, true, POLICY, NOW));
        assertFalse(filter("neverUsed", "true").matches(usedLately, createdLongAgo, true, POLICY, NOW));
        assertTrue(filter("unusedDays", "90").matches(unused, createdLongAgo, true, POLICY, NOW));
        assertFalse(filter("unusedDays", "90").matches(usedLately, createdLongAgo, true, POLICY, NOW));
        assertFalse(filter("unusedDays", "90").matches(unused, NOW.minus(days(10)), true, POLICY, NOW));
    }

    @Test
    void expiryFiltersFollowThePolicysEffectiveExpiry() {
        // stored 100 days ahead, created 360 days ago: the 365-day limit ends it in 5 days
        TokenData longStored = data(TokenState.ACTIVE, NOW.plus(days(100)), null);
        Instant created = NOW.minus(days(360));
        assertTrue(filter("expiringWithinDays", "7").matches(longStored, created, true, POLICY, NOW));
        assertFalse(filter("expiringWithinDays", "4").matches(longStored, created, true, POLICY, NOW));
        assertFalse(filter("expired", "true").matches(longStored, created, true, POLICY, NOW));
        // no stored expiry: capped only where the policy requires one
        TokenData never = data(TokenState.ACTIVE, null, null);
        Instant old = NOW.minus(days(400));
        assertTrue(filter("expired", "true").matches(never, old, true, POLICY, NOW));
        TokenPolicy optional = new TokenPolicy(365, false, 90, 100, List.of(), "x", List.of(), 0);
        assertFalse(filter("expired", "true").matches(never, old, true, optional, NOW));
        assertFalse(filter("expiringWithinDays", "36500").matches(never, old, true, optional, NOW));
        // the instant of expiry is expired, as the rule book says
        assertTrue(filter("expired", "true").matches(data(TokenState.ACTIVE, NOW, null), NOW.minus(days(1)), true, POLICY, NOW));
    }

    @Test
    void disabledByReadsFormatOnesFlag() {
        TokenData byAdmin = data(TokenState.DISABLED, null, null).disabledBy(DisabledBy.ADMIN);
        TokenData unrecorded = data(TokenState.DISABLED, null, null).disabledBy(null);
        assertTrue(filter("disabledBy", "admin").matches(byAdmin, NOW, true, POLICY, NOW));
        assertTrue(filter("disabledBy", "owner").matches(unrecorded, NOW, true, POLICY, NOW));
        assertFalse(filter("disabledBy", "owner").matches(data(TokenState.ACTIVE, null, null), NOW, true, POLICY, NOW));
    }

    @Test
    void aClientRoleIsLookedUpInThatClientOnly() {
        TokenData token = data(TokenState.ACTIVE, null, null).withLimits(
                new RoleChoice(List.of("reader"), Map.of("a-client", List.of("x"), "orders-api", List.of("read"))), null, NOW);
        assertTrue(filter("role", "orders-api/read").matches(token, NOW, true, POLICY, NOW));
        assertFalse(filter("role", "a-client/read").matches(token, NOW, true, POLICY, NOW));
        assertTrue(filter("role", "reader").matches(token, NOW, true, POLICY, NOW));
        assertFalse(filter("role", "read").matches(token, NOW, true, POLICY, NOW));
    }

    @Test
    void ownerDisabledReadsTheOwner() {
        TokenData token = data(TokenState.ACTIVE, null, null);
        assertTrue(filter("ownerDisabled", "true").matches(token, NOW, false, POLICY, NOW));
        assertFalse(filter("ownerDisabled", "true").matches(token, NOW, true, POLICY, NOW));
    }

    private static TokenFilter filter(String parameter, String value) {
        return TokenFilters.fromQuery(Map.of(parameter, value)::get);
    }

    private static TokenData data(TokenState state, Instant expiresAt, Instant lastUsedAt) {
        return new TokenData(List.of("demo-api"), state, expiresAt, NOW, lastUsedAt);
    }

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }
}
