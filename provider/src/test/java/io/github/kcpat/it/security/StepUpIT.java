package io.github.kcpat.it.security;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TestClock;
import io.github.kcpat.it.support.TokenAdminApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Step-up ("sudo mode"): with {@code recentLoginMinutes} set, only a recent login may create or rotate a token,
 * the calls that hand out a token value. The attack: a bearer token of an old login (a browser left signed in, a
 * session or access token taken from a machine) mints a long-lived API token that outlives that session.
 *
 * <p>The old login is made once for the class and aged for real: the policy's unit is a minute, and Keycloak's
 * clock offset (what its own test suite shifts) is not exposed by the server the tests run, so one pause of a
 * little over a minute is the price. Each test sets the policy it needs and puts back the one it found.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepUpIT {

    private static final String API = DemoRealm.API;

    private final DemoRealm realm;
    private final Http http;
    private final TokenAdminApi admin;
    private final String username = uniqueName("stepup").toLowerCase();
    private String userId;
    /** An access token whose {@code auth_time} is more than a minute old when the tests run. */
    private String oldLogin;
    private JsonNode originalPolicy;

    StepUpIT(DemoRealm realm) {
        this.realm = realm;
        this.http = realm.http();
        this.admin = new KeycloakAdmin(http).tokens(DemoRealm.NAME);
    }

    /** The login ages by moving the server's clock 65 s ahead (until {@link #removeTheUser()}), not by waiting. */
    @BeforeAll
    void signInAndLetTheLoginAge() {
        userId = realm.createUser(username);
        oldLogin = login("demo-cli");
        TestClock.of(http).shiftBy(Duration.ofSeconds(65));
    }

    @AfterAll
    void removeTheUser() {
        TestClock.of(http).reset();
        realm.deleteUser(userId);
    }

    @BeforeEach
    void rememberPolicy() {
        HttpResult policy = admin.policy();
        assertEquals(200, policy.status(), policy::toString);
        originalPolicy = policy.json();
    }

    @AfterEach
    void restorePolicy() {
        HttpResult restored = admin.putPolicy(originalPolicy);
        assertEquals(200, restored.status(), restored::toString);
    }

    /** Attack: an old session's bearer token creates a fresh long-lived API token. Old code: 201. */
    @Test
    void anOldLoginCannotCreateAToken() {
        setRecentLoginMinutes(1);
        int before = list(oldLogin).json().size();

        HttpResult refused = http.postJson(API + "/tokens", Map.of("name", uniqueName("stepup")), bearer(oldLogin));

        assertReauthenticationRequired(refused, 60);
        assertEquals(before, list(oldLogin).json().size(), "nothing was created");
    }

    /** Attack: an old session's bearer token rotates a token and so learns a working value. Old code: 200. */
    @Test
    void anOldLoginCannotRotateAToken() {
        JsonNode token = create(login("demo-cli"));
        setRecentLoginMinutes(1);

        HttpResult refused = http.post(API + "/tokens/" + token.path("key").asText() + "/rotate", bearer(oldLogin));

        assertReauthenticationRequired(refused, 60);
        assertExchanged(realm.exchange(token.path("token").asText()));
    }

    @Test
    void anOldLoginStillListsDisablesAndDeletes() {
        JsonNode token = create(login("demo-cli"));
        String key = token.path("key").asText();
        setRecentLoginMinutes(1);

        assertEquals(200, list(oldLogin).status());
        assertEquals(200, http.get(API + "/tokens/" + key, bearer(oldLogin)).status());
        HttpResult disabled = http.patchJson(API + "/tokens/" + key, Map.of("state", "DISABLED"), bearer(oldLogin));
        assertEquals(200, disabled.status(), disabled::toString);
        assertEquals("DISABLED", disabled.json().path("state").asText());
        assertEquals(200, http.get(API + "/policy", bearer(oldLogin)).status());
        assertEquals(200, http.get(API + "/scopes", bearer(oldLogin)).status());
        HttpResult deleted = http.delete(API + "/tokens/" + key, bearer(oldLogin));
        assertEquals(204, deleted.status(), deleted::toString);
    }

    @Test
    void aFreshLoginCreatesAndRotates() {
        setRecentLoginMinutes(1);
        String fresh = login("demo-cli");

        JsonNode created = create(fresh);
        HttpResult rotated = http.post(API + "/tokens/" + created.path("key").asText() + "/rotate", bearer(fresh));

        assertEquals(200, rotated.status(), rotated::toString);
        assertNotEquals(created.path("token").asText(), rotated.json().path("token").asText());
        assertExchanged(realm.exchange(rotated.json().path("token").asText()));
    }

    /**
     * A client without Keycloak's {@code basic} scope gets no {@code auth_time} claim: the user session's
     * authentication time decides then, so a fresh login is not refused for the claim's absence.
     */
    @Test
    void withoutTheAuthTimeClaimTheSessionDecides() {
        KeycloakAdmin keycloak = new KeycloakAdmin(http);
        String clientId = uniqueName("stepup-no-basic").toLowerCase();
        String client = keycloak.createClient(DemoRealm.NAME, Map.of(
                "clientId", clientId,
                "publicClient", true,
                "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false,
                "defaultClientScopes", List.of("roles"),
                "optionalClientScopes", List.of()));
        try {
            setRecentLoginMinutes(1);
            String fresh = login(clientId);
            assertFalse(claims(fresh).has("auth_time"), () -> "the claim is there after all: " + claims(fresh));

            create(fresh);
        } finally {
            keycloak.deleteClient(DemoRealm.NAME, client);
        }
    }

    @Test
    void policyZeroChecksNothing() {
        setRecentLoginMinutes(0);

        JsonNode created = create(oldLogin);
        HttpResult rotated = http.post(API + "/tokens/" + created.path("key").asText() + "/rotate", bearer(oldLogin));

        assertEquals(200, rotated.status(), rotated::toString);
    }

    @Test
    void thePolicyFieldIsServedAndValidated() {
        HttpResult set = admin.putPolicy(Map.of("recentLoginMinutes", 15));
        assertEquals(200, set.status(), set::toString);
        assertEquals(15, set.json().path("recentLoginMinutes").asInt());
        assertEquals(15, http.get(API + "/policy", bearer(oldLogin)).json().path("recentLoginMinutes").asInt());

        for (Object wrong : List.of(-1, 1441, "15", 1.5)) {
            assertError(admin.putPolicy(Map.of("recentLoginMinutes", wrong)), 400, "invalid_request");
        }
        assertEquals(15, admin.policy().json().path("recentLoginMinutes").asInt(), "a refused value changes nothing");
    }

    private static void assertReauthenticationRequired(HttpResult refused, int maxAge) {
        assertError(refused, 401, "reauthentication_required");
        assertEquals(maxAge, refused.json().path("max_age").asInt(), refused::toString);
        String challenge = refused.header("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer ") && challenge.contains("error=\"insufficient_user_authentication\"")
                && challenge.contains("max_age=" + maxAge), challenge);
        assertFalse(refused.body().contains("kcpat_"), refused::toString);
    }

    private void setRecentLoginMinutes(int minutes) {
        HttpResult set = admin.putPolicy(Map.of("recentLoginMinutes", minutes));
        assertEquals(200, set.status(), set::toString);
    }

    private String login(String clientId) {
        HttpResult token = http.postForm("/realms/" + DemoRealm.NAME + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", username,
                "password", username));
        assertEquals(200, token.status(), token::toString);
        return token.text("access_token");
    }

    private JsonNode create(String accessToken) {
        HttpResult created = http.postJson(API + "/tokens", Map.of("name", uniqueName("stepup"),
                "expiresAt", Instant.now().plus(Duration.ofDays(7)).toString()), bearer(accessToken));
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    private HttpResult list(String accessToken) {
        return http.get(API + "/tokens", bearer(accessToken));
    }

    private static String[] bearer(String accessToken) {
        return new String[] {"Authorization", "Bearer " + accessToken};
    }

    private static JsonNode claims(String jwt) {
        try {
            return Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
