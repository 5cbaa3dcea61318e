package io.github.kcpat.rest;

import static io.github.kcpat.input.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.kcpat.credential.TokenState;

/** The bulk request's body: exactly one of keys and filter, strictly read. */
class BulkBodyTest {

    @Test
    void keysAreKeptInOrderOnce() {
        BulkBody body = BulkBody.read("{\"action\":\"disable\",\"keys\":[\"b\",\"a\",\"b\"]}");
        assertEquals(BulkBody.Action.DISABLE, body.action());
        assertEquals(List.of("b", "a"), List.copyOf(body.keys()));
        assertNull(body.filter());
        assertNull(body.expiresAt());
    }

    @Test
    void aFilterIsReadLikeTheListsParameters() {
        BulkBody body = BulkBody.read("{\"action\":\"expire\",\"filter\":{\"disabledBy\":\"idle\"},\"expiresAt\":\"2027-01-31\"}");
        assertEquals(TokenState.DISABLED, body.filter().state());
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"), body.expiresAt());
        assertNull(body.keys());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "both | {\"action\":\"delete\",\"keys\":[\"a\"],\"filter\":{}} | exactly one of keys",
            "neither | {\"action\":\"delete\"} | exactly one of keys",
            "no action | {\"keys\":[\"a\"]} | action is required",
            "an unknown action | {\"action\":\"revoke\",\"keys\":[\"a\"]} | action must be",
            "an unknown field | {\"action\":\"delete\",\"keys\":[\"a\"],\"force\":true} | Unknown field 'force'",
            "an unknown filter field | {\"action\":\"delete\",\"filter\":{\"stat\":\"active\"}} | Unknown field 'stat'",
            "a bad filter value | {\"action\":\"delete\",\"filter\":{\"unusedDays\":-1}} | unusedDays",
            "a number for a key | {\"action\":\"delete\",\"keys\":[1]} | keys must be an array",
            "a key that is one string | {\"action\":\"delete\",\"keys\":\"a\"} | keys must be an array",
            "a null key | {\"action\":\"delete\",\"keys\":[null]} | keys must be an array",
            "expiresAt without expire | {\"action\":\"disable\",\"keys\":[\"a\"],\"expiresAt\":\"2027-01-01\"} | only with the action expire",
            "a bad expiresAt | {\"action\":\"expire\",\"keys\":[\"a\"],\"expiresAt\":\"soon\"} | expiresAt must be",
            "no body | '' | JSON object"})
    void aBadRequestIsRefusedWhole(String what, String json, String rule) {
        assertRefused(rule, () -> BulkBody.read(json));
    }

    @Test
    void atMostTenThousandKeys() {
        String keys = IntStream.range(0, BulkBody.MAX_KEYS + 1).mapToObj(i -> "\"k" + i + "\"").collect(Collectors.joining(","));
        assertRefused("at most 10000", () -> BulkBody.read("{\"action\":\"delete\",\"keys\":[" + keys + "]}"));
    }
}
