package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertForwardAuthRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.TokenApi;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Door 3: the endpoint a gateway asks before it lets a request through (nginx auth_request, Traefik, Envoy). */
@EveryKeycloakVersion
class ForwardAuthIT {

    private final DemoRealm realm;
    private final Doors doors;
    private TokenApi bob;
    private CreatedToken token;

    ForwardAuthIT(DemoRealm realm) {
        this.realm = realm;
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

    @Test
    void requestWithoutATokenIsChallenged() {
        assertForwardAuthRefused(realm.http().get(DemoRealm.API + "/auth"));
        assertForwardAuthRefused(realm.http().get(DemoRealm.API + "/auth", "Authorization", "Bearer " + token.value()));
    }

    private static String bearer(HttpResult auth) {
        String authorization = auth.header("Authorization").orElse("");
        assertTrue(authorization.startsWith("Bearer "), () -> "Authorization: " + authorization + " in " + auth);
        return authorization.substring("Bearer ".length());
    }
}
