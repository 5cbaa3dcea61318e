package io.github.kcpat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.credential.CredentialModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.credential.TokenState;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.HandMadeTokens;
import io.github.kcpat.token.TokenFormat;

class TokenCliTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new TokenCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), NOW)
                .run(args);
    }

    private JsonNode output() throws Exception {
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "generate"})
    void generatesATokenAndItsKey(String command) throws Exception {
        assertEquals(0, command.isEmpty() ? run() : run(command));
        JsonNode printed = output();
        String token = printed.path("token").asText();
        assertTrue(token.matches(TokenFormat.REGEX), token);
        assertEquals(ApiToken.parse(token).orElseThrow().key(), printed.path("key").asText());
        assertEquals(2, printed.size());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void getKeyPrintsTheKeyOfAnExistingToken() throws Exception {
        ApiToken token = ApiToken.generate();
        assertEquals(0, run("--get-key", token.value()));
        assertEquals(token.key(), output().path("key").asText());
        assertEquals(token.value(), output().path("token").asText());
    }

    @Test
    void getKeyRefusesAMalformedToken() {
        String value = ApiToken.generate().value();
        // another last character (the checksum's): "x" itself one time in 62
        char other = value.endsWith("x") ? 'y' : 'x';
        assertEquals(2, run("--get-key", value.substring(0, value.length() - 1) + other));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a well-formed"), err::toString);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    /** Issue 12: a hand-made value with a valid checksum but a guessable secret is not given a key to provision with. */
    @Test
    void getKeyRefusesATokenWhoseSecretIsNotRandom() {
        String value = HandMadeTokens.allZeroSecret();
        assertTrue(ApiToken.parse(value).isPresent(), "the test value should be well-formed");
        assertEquals(2, run("--get-key", value));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.contains("not random"), error);
        assertFalse(error.contains(value.substring(6, 40)), error);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void credentialIsWhatTheServerStores() throws Exception {
        assertEquals(0, run("--credential", "--name", " ci robot ", "--expires", "2027-01-31", "--scopes", "demo-api, other", "--disabled"));
        JsonNode printed = output();
        ApiToken token = ApiToken.parse(printed.path("token").asText()).orElseThrow();
        JsonNode credential = printed.path("credential");
        assertEquals(token.key(), credential.path("id").asText());
        assertEquals("personal-api-token", credential.path("type").asText());
        assertEquals("ci robot", credential.path("userLabel").asText());
        assertEquals(NOW.toEpochMilli(), credential.path("createdDate").asLong());

        CredentialModel stored = new CredentialModel();
        stored.setId(credential.path("id").asText());
        stored.setType(credential.path("type").asText());
        stored.setUserLabel(credential.path("userLabel").asText());
        stored.setCreatedDate(credential.path("createdDate").asLong());
        stored.setCredentialData(credential.path("credentialData").asText());
        stored.setSecretData(credential.path("secretData").asText());
        ApiTokenCredentialModel model = ApiTokenCredentialModel.from(stored);
        assertTrue(model.isSecretOf(token));
        assertEquals(List.of("demo-api", "other"), model.data().scopes());
        assertEquals(TokenState.DISABLED, model.data().state());
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"), model.data().expiresAt());
        assertFalse(credential.path("credentialData").asText().contains(token.value().substring(6, 30)));
        assertFalse(credential.path("secretData").asText().contains(token.value().substring(6, 30)));
    }

    @Test
    void credentialTakesAnExactExpiryAndDefaultsToActiveWithoutScopes() throws Exception {
        assertEquals(0, run("--credential", "--name", "robot", "--expires", "2027-01-31T12:30:00Z"));
        JsonNode data = JSON.readTree(output().path("credential").path("credentialData").asText());
        assertEquals("2027-01-31T12:30:00Z", data.path("expiresAt").asText());
        assertEquals("ACTIVE", data.path("state").asText());
        assertEquals(0, data.path("scopes").size());
    }

    @Test
    void credentialCarriesChosenRolesAndAnAllowlist() throws Exception {
        assertEquals(0, run("--credential", "--name", "robot", "--roles", "reader, orders-api/read,https://api/x/write",
                "--allowed-ips", "10.1.2.3/8, 192.0.2.7"));
        JsonNode data = JSON.readTree(output().path("credential").path("credentialData").asText());
        assertEquals("{\"realm\":[\"reader\"],\"clients\":{\"https://api/x\":[\"write\"],\"orders-api\":[\"read\"]}}",
                data.path("roles").toString());
        assertEquals("[\"10.0.0.0/8\",\"192.0.2.7\"]", data.path("allowedIps").toString());
    }

    @Test
    void helpPrintsUsage() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--credential --name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "--bogus",
            "--get-key",
            "--get-key|a|b",
            "--help|extra",
            "--credential",
            "--credential|--name",
            "--credential|--name|",
            "--credential|--name|x|--expires|31/01/2027",
            "--credential|--name|x|--expires|2020-01-01",
            "--credential|--name|x|--unknown",
            "--credential|--name|0123456789012345678901234567890123456789012345678901234567890123456789",
            "--credential|--name|be\u0007ll",
            "--credential|--name|x|--allowed-ips|example.com",
            "--credential|--name|x|--allowed-ips|10.0.0.0/33",
            "--credential|--name|x|--roles|/read",
            "--credential|--name|x|--roles|api/",
            "--credential|--name|x|--roles"
    })
    void badUsageExitsWithTwoAndUsage(String args) {
        assertEquals(2, run(args.split("\\|", -1)));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith("error: "), error);
        assertTrue(error.contains("Usage:"), error);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
