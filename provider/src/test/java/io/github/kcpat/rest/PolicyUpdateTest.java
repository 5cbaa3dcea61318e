package io.github.kcpat.rest;

import static io.github.kcpat.input.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.github.kcpat.limits.RoleChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.kcpat.policy.PolicyViolation;
import io.github.kcpat.policy.TokenPolicy;

/**
 * A policy PUT: read, merged and checked without a realm. The broken-rule cases moved here from PolicyIT, which keeps
 * the rules that need the realm (scopes, clients) and one case of each kind as wiring.
 */
class PolicyUpdateTest {

    /** The demo realm's policy, which PolicyIT starts from. */
    private static final TokenPolicy DEMO = new TokenPolicy(365, true, 90, 100, List.of("demo-api"),
            TokenPolicy.DEFAULT_EXCHANGE_CLIENT, List.of(7, 1), 0);

    @Test
    void theNamedFieldsReplaceTheRestStay() {
        TokenPolicy updated = PolicyUpdate.read("{\"maxTokensPerUser\": 7, \"reminderDays\": [14, 3]}").applyTo(DEMO);
        assertEquals(new TokenPolicy(365, true, 90, 7, List.of("demo-api"), TokenPolicy.DEFAULT_EXCHANGE_CLIENT,
                List.of(14, 3), 0), updated);
    }

    @Test
    void theLimitsOfTokensAreSetLikeTheRest() {
        TokenPolicy updated = PolicyUpdate.read("{\"roleSelection\": false, \"allowedIpsRequired\": true,"
                + " \"allowedIpsMinPrefixIpv4\": 16, \"allowedIpsMinPrefixIpv6\": 48,"
                + " \"forbiddenRoles\": {\"realm\": [\"admin\"], \"clients\": {\"realm-management\": [\"realm-admin\"]}}}")
                .applyTo(DEMO);
        assertFalse(updated.roleSelection());
        assertTrue(updated.allowedIpsRequired());
        assertEquals(16, updated.allowedIpsMinPrefixIpv4());
        assertEquals(48, updated.allowedIpsMinPrefixIpv6());
        assertEquals(new RoleChoice(List.of("admin"), Map.of("realm-management", List.of("realm-admin"))), updated.forbiddenRoles());
        assertEquals(TokenPolicy.DEFAULT_FORBIDDEN_ROLES, PolicyUpdate.read("{\"maxTokensPerUser\": 7}").applyTo(DEMO).forbiddenRoles());
    }

    @Test
    void loweringTheMaximumAloneBringsTheDefaultDown() {
        TokenPolicy updated = PolicyUpdate.read("{\"maxLifetimeDays\": 30}").applyTo(DEMO);
        assertEquals(30, updated.maxLifetimeDays());
        assertEquals(30, updated.defaultLifetimeDays());
        assertEquals(90, PolicyUpdate.read("{\"maxLifetimeDays\": 0}").applyTo(DEMO).defaultLifetimeDays());
        assertEquals(31, PolicyUpdate.read("{\"maxLifetimeDays\": 30, \"defaultLifetimeDays\": 31}").applyTo(DEMO)
                .defaultLifetimeDays());
    }

    @ParameterizedTest(name = "[{index}] body: {0}")
    @CsvSource(delimiter = '|', value = {
            "{\"colour\": \"blue\"} | colour",
            "{\"maxTokensPerUser\": 5, \"exchangeClient\": \"personal-api-tokens\"} | exchangeClient",
            "{\"maxLifetimeDays\": \"thirty\"} | type",
            "{\"maxLifetimeDays\": true} | type",
            "{\"maxTokensPerUser\": {\"n\": 1}} | type",
            "{\"maxTokensPerUser\": 2.5} | type",
            "{\"maxLifetimeDays\": null} | maxLifetimeDays",
            "{\"expiryRequired\": \"sometimes\"} | type",
            "{\"expiryRequired\": null} | expiryRequired",
            "{\"exchangeClientId\": null} | exchangeClientId",
            "{\"availableScopes\": \"demo-api\"} | type",
            "{\"availableScopes\": [42]} | availableScopes",
            "{\"reminderDays\": \"7\"} | type",
            "{\"reminderDays\": [\"soon\"]} | type",
            "{\"reminderDays\": [7, null]} | reminderDays",
            "{\"availableScopes\": [null]} | availableScopes",
            "{\"roleSelection\": \"yes\"} | roleSelection",
            "{\"allowedIpsRequired\": 1} | allowedIpsRequired",
            "{\"allowedIpsMinPrefixIpv4\": \"16\"} | allowedIpsMinPrefixIpv4",
            "{\"forbiddenRoles\": [\"realm-admin\"]} | forbiddenRoles",
            "{\"forbiddenRoles\": {\"clients\": {\"realm-management\": \"realm-admin\"}}} | forbiddenRoles",
            "{\"forbiddenRoles\": null} | forbiddenRoles",
            "{ | JSON",
            "[] | object",
            "'' | object"})
    void aBodyOfTheWrongShapeIsRefusedNamingTheField(String body, String named) {
        assertRefused(named, () -> PolicyUpdate.read(body));
    }

    @ParameterizedTest(name = "[{index}] body: {0}")
    @CsvSource(delimiter = '|', value = {
            "{\"maxLifetimeDays\": -1} | maxLifetimeDays",
            "{\"maxLifetimeDays\": 36501} | maxLifetimeDays",
            "{\"defaultLifetimeDays\": -1} | defaultLifetimeDays",
            "{\"defaultLifetimeDays\": 36501, \"maxLifetimeDays\": 0} | defaultLifetimeDays",
            "{\"defaultLifetimeDays\": 366} | defaultLifetimeDays may not exceed maxLifetimeDays",
            "{\"maxLifetimeDays\": 30, \"defaultLifetimeDays\": 31} | defaultLifetimeDays may not exceed maxLifetimeDays",
            "{\"maxTokensPerUser\": -1} | maxTokensPerUser",
            "{\"maxTokensPerUser\": 100001} | maxTokensPerUser",
            "{\"reminderDays\": [0]} | reminderDays",
            "{\"reminderDays\": [7, 366]} | reminderDays",
            "{\"maxTokensPerUser\": 5, \"maxLifetimeDays\": -1} | maxLifetimeDays",
            "{\"recentLoginMinutes\": 1441} | recentLoginMinutes",
            "{\"allowedIpsMinPrefixIpv4\": 33} | allowedIpsMinPrefixIpv4",
            "{\"allowedIpsMinPrefixIpv4\": -1} | allowedIpsMinPrefixIpv4",
            "{\"allowedIpsMinPrefixIpv6\": 129} | allowedIpsMinPrefixIpv6"})
    void aValueOutOfRangeIsRefusedNamingTheRule(String body, String named) {
        TokenPolicy merged = PolicyUpdate.read(body).applyTo(DEMO);
        PolicyViolation refused = assertThrows(PolicyViolation.class, merged::validateRanges);
        assertTrue(refused.getMessage().contains(named), refused::getMessage);
    }
}
