package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
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
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.TokenApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Door 2: RFC 8693 token exchange at the standard token endpoint, only for clients that are allowed to. */
@EveryKeycloakVersion
class TokenExchangeIT {

    private final DemoRealm realm;
    private final Doors doors;
    private TokenApi bob;
    private CreatedToken scoped;

    TokenExchangeIT(DemoRealm realm) {
        this.realm = realm;
        this.doors = realm.doors();
    }

    @BeforeEach
    void createAScopedToken() {
        bob = realm.tokensOf("bob");
        scoped = bob.createToken(Map.of("name", uniqueName("rfc8693"), "scopes", List.of("demo-api")));
    }

    @AfterEach
    void deleteIt() {
        bob.delete(scoped.key());
    }

    @Test
    void clientSecretInTheFormWorksToo() {
        HttpResult exchanged = doors.tokenExchangeRaw(scoped.value(), Map.of(
                "client_id", DemoClient.API_GATEWAY.clientId(),
                "client_secret", DemoClient.API_GATEWAY.secret()));

        assertExchanged(exchanged);
        assertEquals(Doors.ACCESS_TOKEN_TYPE, exchanged.text("issued_token_type"));
        assertTrue(exchanged.json().path("expires_in").asInt() > 0, exchanged::toString);
        JsonNode claims = realm.verifyJwt(exchanged.text("access_token")).claims();
        assertEquals(realm.userId("bob"), claims.path("sub").asText(), claims::toString);
        assertEquals("api-gateway", claims.path("azp").asText(), claims::toString);
    }

    @Test
    void clientWithoutTheExchangeAttributeIsDenied() {
        HttpResult denied = doors.tokenExchange(DemoClient.OTHER_SERVICE, scoped.value());

        assertEquals(403, denied.status(), denied::toString);
        assertEquals("access_denied", denied.json().path("error").asText(), denied::toString);
    }

    @Test
    void clientThatDoesNotAuthenticateIsRefused() {
        HttpResult noSecret = doors.tokenExchangeRaw(scoped.value(), Map.of("client_id", DemoClient.API_GATEWAY.clientId()));
        HttpResult wrongSecret = doors.tokenExchange(DemoClient.API_GATEWAY.withSecret("wrong"), scoped.value());

        assertEquals(401, noSecret.status(), noSecret::toString);
        assertFalse(noSecret.body().contains("access_token"), noSecret::toString);
        assertEquals(401, wrongSecret.status(), wrongSecret::toString);
        assertFalse(wrongSecret.body().contains("access_token"), wrongSecret::toString);
    }

    @Test
    void requestedScopeTheTokenCarriesIsKept() {
        HttpResult exchanged = doors.tokenExchange(DemoClient.API_GATEWAY, scoped.value(), Map.of("scope", "demo-api"));

        assertExchanged(exchanged);
        assertTrue(scopes(exchanged.text("scope")).contains("demo-api"), exchanged::toString);
        JsonNode claims = realm.verifyJwt(exchanged.text("access_token")).claims();
        assertTrue(scopes(claims.path("scope").asText()).contains("demo-api"), claims::toString);
        assertEquals("api-gateway", claims.path("azp").asText(), claims::toString);
        assertEquals(realm.userId("bob"), claims.path("sub").asText(), claims::toString);
    }

    @Test
    void requestedScopeLimitsTheTokenScopes() {
        HttpResult exchanged = doors.tokenExchange(DemoClient.API_GATEWAY, scoped.value(), Map.of("scope", "email"));

        assertExchanged(exchanged);
        JsonNode claims = realm.verifyJwt(exchanged.text("access_token")).claims();
        assertFalse(scopes(claims.path("scope").asText()).contains("demo-api"), claims::toString);
    }

    @Test
    void requestedScopeTheTokenDoesNotCarryIsDropped() {
        CreatedToken plain = bob.createToken(uniqueName("rfc8693-plain"));
        try {
            HttpResult exchanged = doors.tokenExchange(DemoClient.API_GATEWAY, plain.value(), Map.of("scope", "demo-api"));

            assertExchanged(exchanged);
            assertFalse(scopes(exchanged.json().path("scope").asText()).contains("demo-api"), exchanged::toString);
            JsonNode claims = realm.verifyJwt(exchanged.text("access_token")).claims();
            assertFalse(scopes(claims.path("scope").asText()).contains("demo-api"), claims::toString);
            assertFalse(Http.list(claims.path("aud")).contains("demo-api") || "demo-api".equals(claims.path("aud").asText()),
                    claims::toString);
        } finally {
            bob.delete(plain.key());
        }
    }

    @Test
    void onlyAnAccessTokenCanBeRequested() {
        HttpResult refresh = doors.tokenExchange(DemoClient.API_GATEWAY, scoped.value(),
                Map.of("requested_token_type", Doors.REFRESH_TOKEN_TYPE));

        assertError(refresh, 400, "invalid_request");
    }

    private static List<String> scopes(String scope) {
        return List.of(scope.split(" "));
    }
}
