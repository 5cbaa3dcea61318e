package io.github.kcpat.rest;

import static io.github.kcpat.input.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.service.TokenRequest;

/** The admin's create and PATCH bodies; cases moved here from AdminProvisioningIT, which keeps one of each as wiring. */
class AdminBodiesTest {

    @Test
    void createReadsTheOwnerTheValueAndTheTokensFields() {
        AdminCreateBody body = AdminCreateBody.read(
                "{\"user\":\"bob\",\"token\":\"kcpat_x\",\"name\":\"n\",\"scopes\":[\"demo-api\"],\"state\":\"DISABLED\"}");
        assertEquals("bob", body.user());
        assertEquals("kcpat_x", body.token());
        assertEquals("n", body.request().name());
        assertEquals(List.of("demo-api"), body.request().scopes());
        assertEquals(TokenState.DISABLED, body.request().state());
        assertFalse(body.request().expiresAtGiven());
        assertNull(AdminCreateBody.read("{\"user\":\"bob\"}").token());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no user | {\"name\":\"x\"} | user (id or username) is required",
            "a blank user | {\"user\":\" \",\"name\":\"x\"} | user (id or username) is required",
            "an unknown field (moved from AdminProvisioningIT) | {\"user\":\"bob\",\"name\":\"x\",\"secret\":\"x\"} | Unknown field 'secret'",
            "an unknown state (moved from AdminProvisioningIT) | {\"user\":\"bob\",\"name\":\"x\",\"state\":\"PAUSED\"} | state must be",
            "broken JSON (AdminProvisioningIT keeps it as wiring) | { | not valid JSON",
            "an array (moved from AdminProvisioningIT) | [] | must be a JSON object",
            "a user that is a number | {\"user\":7} | user must be a string",
            "a token that is a number | {\"user\":\"bob\",\"token\":7} | token must be a string",
            "an expiry that is no date | {\"user\":\"bob\",\"expiresAt\":\"soon\"} | expiresAt must be"})
    void createIsRefusedNamingTheRule(String what, String body, String description) {
        assertRefused(description, () -> AdminCreateBody.read(body));
    }

    @Test
    void patchTakesStateAndExpiryOnly() {
        TokenRequest request = AdminPatchBody.read("{\"state\":\"ACTIVE\",\"expiresAt\":null}");
        assertEquals(TokenState.ACTIVE, request.state());
        assertTrue(request.expiresAtGiven());
        assertNull(request.name());
        assertNull(request.scopes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a name (AdminProvisioningIT keeps it as wiring) | {\"name\":\"renamed\"} | Unknown field 'name'; allowed: allowedIps, expiresAt, roles, state",
            "scopes (moved from AdminProvisioningIT) | {\"scopes\":[\"demo-api\"]} | Unknown field 'scopes'",
            "an unknown state | {\"state\":\"PAUSED\"} | state must be"})
    void patchRefuses(String what, String body, String description) {
        assertRefused(description, () -> AdminPatchBody.read(body));
    }
}
