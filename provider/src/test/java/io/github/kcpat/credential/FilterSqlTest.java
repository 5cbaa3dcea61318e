package io.github.kcpat.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.kcpat.policy.TokenPolicy;

/**
 * When {@link FilterSql} can page in the database alone: its condition must then be exactly the filter. What the
 * condition matches is {@code AdminTokenFiltersIT}'s to prove, on H2 and PostgreSQL.
 */
class FilterSqlTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @ParameterizedTest(name = "{0}={1}: exact {2}")
    @CsvSource({"scope, demo-api, true", "scope, 'a,b', false", "scope, 'a\"b', false", "scope, 'a]', false",
            "scope, 'a\\b', false", "role, reader, true", "role, orders-api/read, false", "state, active, true",
            "unusedDays, 90, true", "expiringWithinDays, 7, true", "disabledBy, admin, true"})
    void onlyAClientRoleOrANameThatCouldEndAStringEarlyNeedsConfirmingInJava(String parameter, String value, boolean exact) {
        TokenFilter filter = TokenFilters.fromQuery(Map.of(parameter, value)::get);
        assertEquals(exact, new FilterSql(filter, null, TokenPolicy.DEFAULTS, NOW).exact());
    }

    @Test
    void aClientRoleAloneIsConfirmedByTheTokensRolesAlone() {
        assertTrue(sql(Map.of("role", "orders-api/read", "state", "active")).roleOnlyToConfirm());
        assertFalse(sql(Map.of("role", "orders-api/read", "scope", "a,b")).roleOnlyToConfirm());
        assertFalse(sql(Map.of("role", "reader")).roleOnlyToConfirm());
    }

    private static FilterSql sql(Map<String, String> query) {
        return new FilterSql(TokenFilters.fromQuery(query::get), null, TokenPolicy.DEFAULTS, NOW);
    }

    @Test
    void valuesAreBoundAsParametersNeverWrittenIntoTheQuery() {
        TokenFilter filter = TokenFilters.fromQuery(Map.of("scope", "x' or 1=1 --", "search", "o'brien")::get);
        FilterSql sql = new FilterSql(filter, null, TokenPolicy.DEFAULTS, NOW);
        assertFalse(sql.conditions().contains("brien"), sql::conditions);
        assertFalse(sql.conditions().contains("1=1"), sql::conditions);
        assertTrue(sql.parameters().containsValue(",\"x' or 1=1 --\","), () -> sql.parameters().toString());
    }

    @Test
    void theLifetimeCapAppearsOnlyWhereThePolicyHasOne() {
        TokenFilter expired = TokenFilters.fromQuery(Map.of("expired", "true")::get);
        TokenPolicy unlimited = new TokenPolicy(0, false, 0, 100, java.util.List.of(), "x", java.util.List.of(), 0);
        assertTrue(new FilterSql(expired, null, TokenPolicy.DEFAULTS, NOW).conditions().contains("c.createdDate"));
        assertFalse(new FilterSql(expired, null, unlimited, NOW).conditions().contains("c.createdDate"));
    }
}
