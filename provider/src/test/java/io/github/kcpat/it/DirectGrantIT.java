package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertInvalidGrant;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoClient;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Door 4: the "Personal API Token" authenticator in a direct grant flow, the token as the password. */
@EveryKeycloakVersion
class DirectGrantIT {

    private static final List<String> BRUTE_FORCE_SETTINGS =
            List.of("bruteForceProtected", "failureFactor", "quickLoginCheckMilliSeconds");

    private final DemoRealm realm;
    private final Doors doors;

    DirectGrantIT(DemoRealm realm) {
        this.realm = realm;
        this.doors = realm.doors();
    }

    @Test
    void tokenSignsInByUsernameOrEmail() {
        CreatedToken token = realm.tokensOf("alice").createToken(uniqueName("direct-grant"));
        try {
            for (String username : new String[] {"alice", "alice@example.com"}) {
                HttpResult grant = doors.directGrant(username, token.value());

                assertExchanged(grant);
                JsonNode claims = realm.verifyJwt(grant.text("access_token")).claims();
                assertEquals(realm.userId("alice"), claims.path("sub").asText(), claims::toString);
                assertEquals("api-token-cli", claims.path("azp").asText(), claims::toString);
                // a refresh token would outlive disabling or deleting the API token (demo client: use.refresh.tokens off)
                assertFalse(grant.json().has("refresh_token"), grant::toString);
            }
        } finally {
            realm.tokensOf("alice").delete(token.key());
        }
    }

    @Test
    void realPasswordDoesNotWork() {
        assertInvalidGrant(doors.directGrant("alice", "alice"));
    }

    @Test
    void anotherUsersTokenDoesNotWork() {
        CreatedToken bobs = realm.tokensOf("bob").createToken(uniqueName("not-alices"));
        try {
            assertInvalidGrant(doors.directGrant("alice", bobs.value()));
            assertExchanged(doors.directGrant("bob", bobs.value()));
        } finally {
            realm.tokensOf("bob").delete(bobs.key());
        }
    }

    @Test
    void failuresCountForBruteForceDetection() throws InterruptedException {
        String username = uniqueName("brute");
        String userId = realm.createUser(username);
        CreatedToken token = realm.tokensOf(username).createToken(uniqueName("brute"));
        ObjectNode before = realm.representation();
        // no lockout within this test: many failures allowed, and failures in quick succession are no reason either
        realm.updateRealm(rep -> rep.put("bruteForceProtected", true).put("failureFactor", 30).put("quickLoginCheckMilliSeconds", 0));
        try {
            // control: Keycloak's own direct grant flow counts a wrong password
            assertInvalidGrant(doors.passwordGrant(DemoClient.DEMO_CLI, username, "wrong password"));
            JsonNode control = awaitFailures(userId, 1);
            assertEquals(1, control.path("numFailures").asInt(), () -> "Keycloak did not count its own failure: " + control);

            assertInvalidGrant(doors.directGrant(username, "garbage"));
            assertInvalidGrant(doors.directGrant(username, token.value().replace("kcpat_", "glpat_")));

            JsonNode status = awaitFailures(userId, 3);
            assertTrue(status.path("numFailures").asInt() >= 3, () -> "door 4 failures were not counted: " + status);
        } finally {
            realm.clearBruteForce(userId);
            realm.updateRealm(rep -> BRUTE_FORCE_SETTINGS.forEach(field -> rep.set(field, before.get(field))));
            realm.deleteUser(userId);
        }
    }

    /** Keycloak may record failures off the request thread: wait a little for them. */
    private JsonNode awaitFailures(String userId, int failures) {
        return Poll.until(Duration.ofSeconds(5), () -> realm.bruteForceStatus(userId),
                status -> status.path("numFailures").asInt() >= failures);
    }
}
