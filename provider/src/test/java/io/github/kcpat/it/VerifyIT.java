package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertInactive;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoClient;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.TokenApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verify: introspection-shaped answers for resource servers, only to authenticated confidential clients. */
@EveryKeycloakVersion
class VerifyIT {

    private final DemoRealm realm;
    private final Doors doors;
    private TokenApi bob;
    private CreatedToken token;

    VerifyIT(DemoRealm realm) {
        this.realm = realm;
        this.doors = realm.doors();
    }

    @BeforeEach
    void createAToken() {
        bob = realm.tokensOf("bob");
        token = bob.createToken(Map.of("name", uniqueName("verify"), "scopes", List.of("demo-api")));
    }

    @AfterEach
    void deleteIt() {
        bob.delete(token.key());
    }

    @Test
    void describesAnActiveToken() {
        HttpResult verified = doors.verify(DemoClient.OTHER_SERVICE, token.value());

        assertEquals(200, verified.status(), verified::toString);
        JsonNode body = verified.json();
        assertTrue(body.path("active").asBoolean(false), verified::toString);
        assertEquals(realm.userId("bob"), body.path("sub").asText(), verified::toString);
        assertEquals("bob", body.path("username").asText(), verified::toString);
        assertEquals("demo-api", body.path("scope").asText(), verified::toString);
        assertEquals(epochSecond("expiresAt"), body.path("exp").asLong(), verified::toString);
        assertEquals(epochSecond("createdAt"), body.path("iat").asLong(), verified::toString);
        assertEquals(token.key(), body.path("key").asText(), verified::toString);
        assertFalse(body.path("client_id").asText().isBlank(), verified::toString);
        assertEquals("APIToken", body.path("token_type").asText(), verified::toString);
        assertFalse(verified.body().contains(token.value()), "verify echoes the token");
    }

    @Test
    void clientMayAuthenticateInTheForm() {
        HttpResult verified = doors.verifyRaw(Map.of("token", token.value(),
                "client_id", DemoClient.API_GATEWAY.clientId(), "client_secret", DemoClient.API_GATEWAY.secret()));

        assertEquals(200, verified.status(), verified::toString);
        assertTrue(verified.json().path("active").asBoolean(false), verified::toString);
    }

    @Test
    void unusableTokenIsJustInactive() {
        assertInactive(doors.verify(DemoClient.OTHER_SERVICE, "garbage"));

        assertEquals(200, bob.patch(token.key(), Map.of("state", "DISABLED")).status());

        HttpResult disabled = doors.verify(DemoClient.OTHER_SERVICE, token.value());
        assertInactive(disabled);
        assertFalse(disabled.body().contains("bob"), disabled::toString);
    }

    @Test
    void callerMustBeAnAuthenticatedConfidentialClient() {
        assertEquals(401, doors.verifyRaw(Map.of("token", token.value())).status(), "no client credentials");
        assertEquals(401, doors.verify(DemoClient.OTHER_SERVICE.withSecret("wrong"), token.value()).status(), "wrong secret");
        assertEquals(401, doors.verifyRaw(Map.of("token", token.value(), "client_id", "other-service",
                "client_secret", "wrong")).status(), "wrong secret in the form");
        HttpResult publicClient = doors.verifyRaw(Map.of("token", token.value(), "client_id", DemoClient.DEMO_CLI.clientId()));
        assertEquals(401, publicClient.status(), publicClient::toString);
        assertFalse(publicClient.body().contains("\"active\""), publicClient::toString);
    }

    private long epochSecond(String field) {
        return Instant.parse(token.representation().path(field).asText()).getEpochSecond();
    }
}
