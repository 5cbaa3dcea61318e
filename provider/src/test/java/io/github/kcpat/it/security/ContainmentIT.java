package io.github.kcpat.it.security;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoClient;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.TokenApi;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Containment: whatever an API token yields through a door cannot manage tokens, so deleting a leaked token ends
 * the leak. Tokens are managed only with the access token of an interactive login.
 */
@EveryKeycloakVersion
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainmentIT {

    enum Door { EXCHANGE, RFC8693, FORWARD_AUTH, FORWARD_AUTH_BASIC, DIRECT_GRANT }

    /** The flow {@code api-token-direct-grant} of {@code demo/demo-realm.json}. */
    private static final String DIRECT_GRANT_FLOW_ID = "6b1f3d2e-4c7a-4e59-9a0d-1f2e3c4b5a60";
    private static final String TOKEN_ENDPOINT = "/realms/" + DemoRealm.NAME + "/protocol/openid-connect/token";

    private final DemoRealm realm;
    private final Doors doors;
    private TokenApi alice;
    /** What the attacker holds: a one-day token without any scope. */
    private CreatedToken leaked;
    /** Tokens of the owner the attacker would like to re-activate, rotate or delete. */
    private CreatedToken disabled;
    private CreatedToken target;

    ContainmentIT(DemoRealm realm) {
        this.realm = realm;
        this.doors = realm.doors();
    }

    @BeforeAll
    void ownerHasTokens() {
        alice = realm.tokensOf("alice");
        leaked = alice.createToken(Map.of("name", uniqueName("leaked"),
                "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        disabled = alice.createToken(uniqueName("disabled"));
        assertEquals(200, alice.patch(disabled.key(), Map.of("state", "DISABLED")).status());
        target = alice.createToken(uniqueName("target"));
    }

    @AfterAll
    void deleteThem() {
        TokenApi owner = realm.tokensOf("alice");
        List.of(leaked, disabled, target).forEach(token -> owner.delete(token.key()));
    }

    /**
     * Attack: with a leaked short, scope-less token, get a JWT from a door and use it on the self-service API to
     * mint a long-lived token with every scope (which survives the deletion of the leaked one), re-activate a
     * disabled token, rotate or delete the owner's other tokens. Old code: 201/200/204 for all of them.
     */
    @ParameterizedTest(name = "JWT from {0}")
    @EnumSource(Door.class)
    void jwtBornFromAnApiTokenCannotManageTokens(Door door) {
        TokenApi attacker = realm.tokensWith(jwtFrom(door));
        int before = alice.count();
        // the Direct Grant's session is transient like every door's, and Keycloak finds no session for its JWT's sid
        Consumer<HttpResult> refused = door == Door.DIRECT_GRANT
                ? result -> assertError(result, 401, "invalid_token")
                : ContainmentIT::assertInteractiveLoginRequired;

        refused.accept(attacker.list());
        refused.accept(attacker.create(everythingThePolicyAllows()));
        refused.accept(attacker.patch(disabled.key(), Map.of("state", "ACTIVE")));
        refused.accept(attacker.rotate(target.key()));
        refused.accept(attacker.delete(target.key()));
        refused.accept(attacker.get(target.key()));

        assertEquals(before, alice.count(), "the attacker's JWT changed the number of tokens");
        assertEquals("DISABLED", alice.listed(disabled.key()).path("state").asText());
        assertNotNull(alice.listed(target.key()), "the attacker's JWT deleted a token");
        assertExchanged(doors.exchange(target.value()));
    }

    /** Attack: a JWT that cannot be told from an interactive login's. Old code: no claim, acr "1", no amr. */
    @ParameterizedTest(name = "JWT from {0}")
    @EnumSource(value = Door.class, names = {"EXCHANGE", "RFC8693", "FORWARD_AUTH", "FORWARD_AUTH_BASIC"})
    void mintedJwtSaysWhereItCameFrom(Door door) {
        JsonNode claims = realm.verifyJwt(jwtFrom(door)).claims();

        assertEquals(leaked.key(), claims.path("api_token_key").asText(), claims::toString);
        assertEquals("0", claims.path("acr").asText(), claims::toString);
        assertEquals(List.of("api-token"), Http.list(claims.path("amr")), claims::toString);
    }

    /** The Direct Grant JWT is marked by its user session (refused above) and by its acr. Old code: acr "1". */
    @Test
    void directGrantJwtIsNoInteractiveLogin() {
        JsonNode claims = realm.verifyJwt(jwtFrom(Door.DIRECT_GRANT)).claims();

        assertEquals("0", claims.path("acr").asText(), claims::toString);
    }

    /** The control: the access token of a real password login still manages tokens. */
    @Test
    void passwordLoginStillManagesTokens() {
        HttpResult login = doors.passwordGrant(DemoClient.DEMO_CLI, "alice", "alice");
        assertExchanged(login);
        TokenApi owner = realm.tokensWith(login.text("access_token"));

        CreatedToken created = owner.createToken(uniqueName("interactive"));
        assertEquals(200, owner.rotate(created.key()).status());
        assertEquals(204, owner.delete(created.key()).status());
    }

    /**
     * Attack: a bearer token of some other client of the realm, which Keycloak's Account REST API would refuse (no
     * audience {@code account}, no {@code manage-account}), manages tokens. Old code: 200.
     */
    @Test
    void tokenWithoutAccountAccessIsRefused() {
        KeycloakAdmin admin = new KeycloakAdmin(realm.http());
        String clientId = uniqueName("no-account-access");
        String client = admin.createClient(DemoRealm.NAME, Map.of(
                "clientId", clientId,
                "publicClient", true,
                "standardFlowEnabled", false,
                "directAccessGrantsEnabled", true,
                "fullScopeAllowed", false,
                "defaultClientScopes", List.of("basic", "profile")));
        try {
            HttpResult login = doors.passwordGrant(new DemoClient(clientId, null), "alice", "alice");
            assertExchanged(login);

            assertError(realm.tokensWith(login.text("access_token")).list(), 403, "insufficient_scope");
        } finally {
            admin.deleteClient(DemoRealm.NAME, client);
        }
    }

    /**
     * Attack: a refresh token from door 4 keeps working after the API token is deleted. A client that issues
     * refresh tokens is refused, with the reason. Old code: 200 with a refresh token.
     */
    @Test
    void directGrantRefusesAClientThatIssuesRefreshTokens() {
        KeycloakAdmin admin = new KeycloakAdmin(realm.http());
        String clientId = uniqueName("refreshing-cli");
        String client = admin.createClient(DemoRealm.NAME, Map.of(
                "clientId", clientId,
                "publicClient", true,
                "standardFlowEnabled", false,
                "directAccessGrantsEnabled", true,
                "authenticationFlowBindingOverrides", Map.of("direct_grant", DIRECT_GRANT_FLOW_ID)));
        try {
            HttpResult grant = doors.passwordGrant(new DemoClient(clientId, null), "alice", leaked.value());

            assertError(grant, 400, "unauthorized_client");
            assertTrue(grant.json().path("error_description").asText().contains("refresh tokens"), grant::toString);
            assertFalse(grant.json().has("access_token"), grant::toString);
        } finally {
            admin.deleteClient(DemoRealm.NAME, client);
        }
    }

    /** Attack: ask door 4 for an offline session, which outlives the API token. Old code: 200. */
    @Test
    void directGrantRefusesOfflineAccess() {
        HttpResult grant = directGrant(leaked.value(), "openid offline_access");

        assertError(grant, 400, "invalid_scope");
        assertTrue(grant.json().path("error_description").asText().contains("offline_access"), grant::toString);
        assertFalse(grant.json().has("access_token"), grant::toString);
    }

    /**
     * Attack: a scope-less token asks door 4 for a scope the client offers and gets it. The access token carries
     * the API token's scopes instead, whatever the caller asks. Old code: demo-api for the scope-less token, and
     * none for the scoped token that does not ask.
     */
    @Test
    void directGrantCarriesTheTokensScopesNotTheCallers() {
        CreatedToken scoped = alice.createToken(Map.of("name", uniqueName("scoped"), "scopes", List.of("demo-api")));
        try {
            JsonNode asked = claimsOf(directGrant(leaked.value(), "demo-api"));
            assertFalse(scopes(asked).contains("demo-api"), asked::toString);
            assertFalse(audiences(asked).contains("demo-api"), asked::toString);

            JsonNode granted = claimsOf(directGrant(scoped.value(), "phone"));
            assertTrue(scopes(granted).contains("demo-api"), granted::toString);
            assertFalse(scopes(granted).contains("phone"), granted::toString);
            assertTrue(audiences(granted).contains("demo-api"), granted::toString);
        } finally {
            alice.delete(scoped.key());
        }
    }

    private String jwtFrom(Door door) {
        HttpResult result = switch (door) {
            case EXCHANGE -> doors.exchange(leaked.value());
            case RFC8693 -> doors.tokenExchange(DemoClient.API_GATEWAY, leaked.value());
            case FORWARD_AUTH -> doors.forwardAuth(leaked.value());
            case FORWARD_AUTH_BASIC -> doors.forwardAuthBasic("alice", leaked.value());
            case DIRECT_GRANT -> doors.directGrant("alice", leaked.value());
        };
        assertEquals(200, result.status(), result::toString);
        if (door == Door.FORWARD_AUTH || door == Door.FORWARD_AUTH_BASIC) {
            return result.header("Authorization").orElseThrow().substring("Bearer ".length());
        }
        return result.text("access_token");
    }

    /** Every scope the realm offers and the longest lifetime the policy allows. */
    private Map<String, Object> everythingThePolicyAllows() {
        HttpResult scopes = alice.scopes();
        HttpResult policy = alice.policy();
        assertEquals(200, scopes.status(), scopes::toString);
        assertEquals(200, policy.status(), policy::toString);
        Map<String, Object> body = new HashMap<>();
        body.put("name", uniqueName("escalated"));
        body.put("scopes", scopes.json().findValuesAsText("name"));
        int maxDays = policy.json().path("maxLifetimeDays").asInt();
        body.put("expiresAt", maxDays > 0
                ? Instant.now().plus(maxDays, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString()
                : null);
        return body;
    }

    private HttpResult directGrant(String token, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", DemoClient.API_TOKEN_CLI.clientId());
        form.put("username", "alice");
        form.put("password", token);
        form.put("scope", scope);
        return realm.http().postForm(TOKEN_ENDPOINT, form);
    }

    private JsonNode claimsOf(HttpResult grant) {
        assertExchanged(grant);
        return realm.verifyJwt(grant.text("access_token")).claims();
    }

    private static List<String> scopes(JsonNode claims) {
        return List.of(claims.path("scope").asText().split(" "));
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? Http.list(aud) : List.of(aud.asText());
    }

    private static void assertInteractiveLoginRequired(HttpResult result) {
        assertError(result, 403, "interactive_login_required");
    }
}
