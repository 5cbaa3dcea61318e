package io.github.kcpat.rest;

import static io.github.kcpat.input.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import java.util.Map;
import io.github.kcpat.limits.RoleChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.input.InvalidInput;
import io.github.kcpat.service.TokenRequest;

/** The owner's create and PATCH body; cases moved here from RequestValidationIT, which keeps the wiring. */
class TokenBodyTest {

    @Test
    void readsEveryField() {
        TokenRequest request = TokenBody.read(
                "{\"name\":\"ci\",\"expiresAt\":\"2027-01-31T12:00:00Z\",\"scopes\":[\" demo-api \",\"demo-api\",\"b\"],\"state\":\"DISABLED\"}");
        assertEquals("ci", request.name());
        assertTrue(request.expiresAtGiven());
        assertEquals(Instant.parse("2027-01-31T12:00:00Z"), request.expiresAt());
        assertEquals(List.of("demo-api", "b"), request.scopes());
        assertEquals(TokenState.DISABLED, request.state());
    }

    @Test
    void anAbsentExpiryIsNotANullOne() {
        TokenRequest absent = TokenBody.read("{\"name\":\"ci\"}");
        assertFalse(absent.expiresAtGiven());
        assertNull(absent.scopes());
        assertNull(absent.state());

        TokenRequest never = TokenBody.read("{\"expiresAt\":null}");
        assertTrue(never.expiresAtGiven());
        assertNull(never.expiresAt());
    }

    @Test
    void rolesAndAllowedIpsAreReadNormalised() {
        TokenRequest request = TokenBody.read(
                "{\"roles\":{\"realm\":[\"writer\",\" reader\"],\"clients\":{\"orders-api\":[\"read\"]}},"
                        + "\"allowedIps\":[\"10.1.2.3/8\",\"192.0.2.7/32\"]}");
        assertTrue(request.rolesGiven());
        assertEquals(new RoleChoice(List.of("reader", "writer"), Map.of("orders-api", List.of("read"))), request.roles());
        assertEquals(List.of("10.0.0.0/8", "192.0.2.7"), request.allowedIps().texts());

        TokenRequest cleared = TokenBody.read("{\"roles\":null,\"allowedIps\":[]}");
        assertTrue(cleared.rolesGiven());
        assertNull(cleared.roles());
        assertTrue(cleared.allowedIps().isAnywhere());

        TokenRequest absent = TokenBody.read("{\"name\":\"x\"}");
        assertFalse(absent.rolesGiven());
        assertNull(absent.allowedIps());
    }

    @Test
    void aDateAloneIsValidThroughThatDay() {
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"), TokenBody.read("{\"expiresAt\":\"2027-01-31\"}").expiresAt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an expiry that is no date (moved from RequestValidationIT) | {\"name\":\"x\",\"expiresAt\":\"tomorrow\"} | expiresAt must be",
            "an expiry that is a number | {\"name\":\"x\",\"expiresAt\":1798675200} | expiresAt must be",
            "malformed JSON (moved from RequestValidationIT) | {\"name\": \"broken | not valid JSON",
            "an array | [] | must be a JSON object",
            "a string | \"x\" | must be a JSON object",
            "an unknown field | {\"name\":\"x\",\"colour\":\"blue\"} | Unknown field 'colour'; allowed: allowedIps, expiresAt, name, roles, scopes, state",
            "a name that is a number | {\"name\":5} | name must be a string",
            "a name that is true | {\"name\":true} | name must be a string",
            "a name that is an object | {\"name\":{}} | name must be a string",
            "scopes as a string | {\"scopes\":\"demo-api\"} | scopes must be an array",
            "a scope that is a number | {\"scopes\":[42]} | scopes must be an array",
            "a blank scope | {\"scopes\":[\" \"]} | scopes must be an array",
            "a null scope | {\"scopes\":[null]} | scopes must be an array",
            "an unknown state (RequestValidationIT keeps it as PATCH wiring) | {\"state\":\"SLEEPING\"} | state must be ACTIVE or DISABLED",
            "a state in lower case | {\"state\":\"active\"} | state must be ACTIVE or DISABLED",
            "a state by number | {\"state\":0} | state must be ACTIVE or DISABLED",
            "roles as an array | {\"roles\":[\"reader\"]} | roles must be {",
            "roles with an unknown member | {\"roles\":{\"realm\":[],\"groups\":[]}} | roles must be {",
            "realm roles as a string | {\"roles\":{\"realm\":\"reader\"}} | roles must be {",
            "a blank role | {\"roles\":{\"realm\":[\" \"]}} | roles must be {",
            "a role that is a number | {\"roles\":{\"clients\":{\"api\":[1]}}} | roles must be {",
            "client roles as an array | {\"roles\":{\"clients\":[\"api\"]}} | roles must be {",
            "a blank client id | {\"roles\":{\"clients\":{\" \":[\"read\"]}}} | roles must be {",
            "allowedIps as a string | {\"allowedIps\":\"10.0.0.0/8\"} | allowedIps must be an array",
            "an address that is a host name | {\"allowedIps\":[\"example.com\"]} | allowedIps must be an array",
            "a prefix out of range | {\"allowedIps\":[\"10.0.0.0/33\"]} | allowedIps must be an array",
            "an address that is a number | {\"allowedIps\":[10]} | allowedIps must be an array",
            "allowedIps null | {\"allowedIps\":null} | allowedIps must be an array"})
    void isRefusedNamingTheRule(String what, String body, String description) {
        assertRefused(description, () -> TokenBody.read(body));
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertEquals("The request body must be a JSON object", assertThrows(InvalidInput.class, () -> TokenBody.read("")).getMessage());
        assertThrows(InvalidInput.class, () -> TokenBody.read(null));
    }
}
