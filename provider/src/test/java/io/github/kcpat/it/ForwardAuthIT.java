package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertForwardAuthChallengesBasic;
import static io.github.kcpat.it.support.ApiAssertions.assertForwardAuthRefused;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static io.github.kcpat.it.support.Doors.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.TokenApi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Door 3: the endpoint a gateway asks before it lets a request through (nginx auth_request, Traefik, Envoy), with
 * {@code Authorization: APIToken} or {@code Basic} (username and the token as the password).
 */
@EveryKeycloakVersion
class ForwardAuthIT {

    private static final String CHALLENGE_HEADER = "X-Auth-Request-Challenge";

    private final DemoRealm realm;
    private final KeycloakServer server;
    private final Doors doors;
    private TokenApi bob;
    private CreatedToken token;

    ForwardAuthIT(DemoRealm realm, KeycloakServer server) {
        this.realm = realm;
        this.server = server;
        this.doors = realm.doors();
    }

    @BeforeEach
    void createAToken() {
        bob = realm.tokensOf("bob");
        token = bob.createToken(uniqueName("forward-auth"));
    }

    @AfterEach
    void deleteIt() {
        bob.delete(token.key());
    }

    @Test
    void answersWithTheOwnerAndABearerTokenForTheUpstream() {
        HttpResult auth = doors.forwardAuth(token.value());

        assertEquals(200, auth.status(), auth::toString);
        assertEquals("", auth.body());
        assertEquals("bob", auth.header("X-Auth-Request-User").orElse(null), () -> auth.headers().map().toString());
        assertEquals("bob@example.com", auth.header("X-Auth-Request-Email").orElse(null), () -> auth.headers().map().toString());
        JsonNode claims = realm.verifyJwt(bearer(auth)).claims();
        assertEquals(realm.userId("bob"), claims.path("sub").asText(), claims::toString);
        assertEquals("personal-api-tokens", claims.path("azp").asText(), claims::toString);
    }

    @Test
    void reusesTheJwtButChecksTheTokenOnEveryCall() {
        HttpResult first = doors.forwardAuth(token.value());
        HttpResult second = doors.forwardAuth(token.value());
        assertEquals(200, first.status(), first::toString);
        assertEquals(200, second.status(), second::toString);
        assertEquals(bearer(first), bearer(second), "the JWT was not reused");

        HttpResult disabled = bob.patch(token.key(), Map.of("state", "DISABLED"));
        assertEquals(200, disabled.status(), disabled::toString);

        assertForwardAuthRefused(doors.forwardAuth(token.value()));
    }

    @Test
    void acceptsAnyMethodAndSubPath() {
        HttpResult post = doors.forwardAuth("POST", "/some/path", token.value());
        HttpResult delete = doors.forwardAuth("DELETE", "/api/v1/items/42", token.value());

        assertEquals(200, post.status(), post::toString);
        assertEquals(realm.userId("bob"), realm.verifyJwt(bearer(post)).claims().path("sub").asText());
        assertEquals(200, delete.status(), delete::toString);
        assertForwardAuthRefused(doors.forwardAuth("POST", "/some/path", "garbage"));
    }

    /** A gateway forwards the original request's method and path: every one a gateway may send passes a valid token. */
    @Test
    void everyMethodPassesAValidTokenAtTheDoorAndAtAOneSegmentSubPath() {
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            for (String subPath : List.of("", "/items")) {
                HttpResult auth = doors.forwardAuth(method, subPath, token.value());
                assertEquals(200, auth.status(), auth::toString);
                assertTrue(auth.header("Authorization").orElse("").startsWith("Bearer "), auth::toString);
                assertForwardAuthRefused(doors.forwardAuth(method, subPath, "garbage"));
            }
        }
    }

    @Test
    void requestWithoutATokenIsChallenged() {
        assertForwardAuthRefused(realm.http().get(DemoRealm.API + "/auth"));
        assertForwardAuthRefused(realm.http().get(DemoRealm.API + "/auth", "Authorization", "Bearer " + token.value()));
    }

    @Test
    void basicWithTheOwnersUsernameOrEmailIsAcceptedAndGetsTheSameJwt() {
        String viaApiToken = bearer(doors.forwardAuth(token.value()));
        for (String username : List.of("bob", "BOB", "bob@example.com", "Bob@Example.COM")) {
            HttpResult auth = doors.forwardAuthBasic(username, token.value());

            assertEquals(200, auth.status(), () -> username + ": " + auth);
            assertEquals("bob", auth.header("X-Auth-Request-User").orElse(null), username);
            assertEquals("bob@example.com", auth.header("X-Auth-Request-Email").orElse(null), username);
            // one API token, one reused JWT, whichever header carried the token
            assertEquals(viaApiToken, bearer(auth), username);
        }
        assertEquals(realm.userId("bob"), realm.verifyJwt(viaApiToken).claims().path("sub").asText());
    }

    /** Attack: a token pasted under another user's name, or a leaked token tried with guessed usernames. */
    @Test
    void basicUnderAnotherNameIsRefusedAndLoggedAsTokenOfAnotherUser() {
        KeycloakAdmin keycloak = new KeycloakAdmin(realm.http());
        boolean eventsWereOn = keycloak.realm(DemoRealm.NAME).path("eventsEnabled").asBoolean();
        keycloak.updateRealm(DemoRealm.NAME, rep -> rep.put("eventsEnabled", true));
        List<String> others = List.of("alice", "alice@example.com", "carol", "nobody", "bob.", "bob@example.org");
        try {
            for (String other : others) {
                assertForwardAuthRefused(doors.forwardAuthBasic(other, token.value()));
            }
            HttpResult stored = keycloak.events(DemoRealm.NAME, 500);
            assertEquals(200, stored.status(), stored::toString);
            List<JsonNode> mismatches = new ArrayList<>();
            stored.json().forEach(event -> {
                if ("TOKEN_EXCHANGE_ERROR".equals(event.path("type").asText())
                        && token.key().equals(event.path("details").path("credential_id").asText())) {
                    mismatches.add(event);
                }
            });
            assertEquals(others.size(), mismatches.size(), () -> "refusals logged for " + token.key() + ": " + mismatches);
            for (JsonNode event : mismatches) {
                assertEquals("token_of_another_user", event.path("details").path("reason").asText(), event::toString);
                assertEquals("invalid_token", event.path("error").asText(), event::toString);
                assertEquals(realm.userId("bob"), event.path("userId").asText(), () -> "not the owner's event: " + event);
            }
            String credentials = basic("alice", token.value())[1].substring("Basic ".length());
            for (String secret : List.of(token.value(), credentials)) {
                assertFalse(stored.body().contains(secret), "an event holds the token or the Basic credentials");
                assertFalse(server.logText().contains(secret), "Keycloak's log holds the token or the Basic credentials");
            }
        } finally {
            keycloak.updateRealm(DemoRealm.NAME, rep -> rep.put("eventsEnabled", eventsWereOn));
        }
        assertEquals(200, doors.forwardAuthBasic("bob", token.value()).status(), "the owner was locked out");
    }

    @Test
    void malformedBasicIsRefused() {
        String noColon = Base64.getEncoder().encodeToString(("bob" + token.value()).getBytes(StandardCharsets.UTF_8));
        String latin1 = Base64.getEncoder().encodeToString(("bøb:" + token.value()).getBytes(StandardCharsets.ISO_8859_1));
        List<String[]> headers = List.of(
                new String[] {"Authorization", "Basic"},
                new String[] {"Authorization", "Basic !!!" + token.value()},
                new String[] {"Authorization", "Basic " + noColon},
                new String[] {"Authorization", "Basic " + latin1},
                basic("", token.value()),
                basic(" ", token.value()),
                basic("bob", ""),
                basic("bob", "garbage"),
                basic("bob", token.value() + "x"),
                basic("bob", token.value() + ":" + token.value()),
                basic(token.value(), token.value()));
        for (String[] header : headers) {
            assertForwardAuthRefused(doors.forwardAuthRaw("", header));
        }
    }

    @Test
    void theBasicChallengeComesOnlyWhenTheGatewayAsksForIt() {
        assertForwardAuthRefused(doors.forwardAuthRaw(""));
        assertForwardAuthRefused(doors.forwardAuthRaw("?challenge=digest"));
        assertForwardAuthRefused(doors.forwardAuthRaw("", CHALLENGE_HEADER, "digest"));

        assertForwardAuthChallengesBasic(doors.forwardAuthRaw("?challenge=basic"));
        assertForwardAuthChallengesBasic(doors.forwardAuthRaw("?challenge=Basic", basic("alice", token.value())));
        // Envoy appends the original path: the parameter still counts after a sub-path
        assertForwardAuthChallengesBasic(doors.forwardAuthRaw("/git/repo.git/info/refs?service=git-upload-pack&challenge=basic"));
        assertForwardAuthChallengesBasic(doors.forwardAuthRaw("", CHALLENGE_HEADER, "basic"));
        assertForwardAuthChallengesBasic(doors.forwardAuthRaw("/api/items", CHALLENGE_HEADER, "BASIC",
                "Authorization", "APIToken garbage"));

        HttpResult accepted = doors.forwardAuthRaw("?challenge=basic", basic("bob", token.value()));
        assertEquals(200, accepted.status(), accepted::toString);
        assertTrue(accepted.header("WWW-Authenticate").isEmpty(), accepted::toString);
    }

    /** Basic is for clients behind a gateway; the exchange door answers a script, which can send the APIToken header. */
    @Test
    void theExchangeDoorTakesNoBasic() {
        assertRefused(realm.http().post(DemoRealm.API + "/exchange", basic("bob", token.value())));
    }

    private static String bearer(HttpResult auth) {
        String authorization = auth.header("Authorization").orElse("");
        assertTrue(authorization.startsWith("Bearer "), () -> "Authorization: " + authorization + " in " + auth);
        return authorization.substring("Bearer ".length());
    }
}
