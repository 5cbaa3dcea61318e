package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.Jwt;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(KeycloakExtension.class)
class DemoRealmIT {

    private final DemoRealm realm;

    DemoRealmIT(DemoRealm realm) {
        this.realm = realm;
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob", "carol"})
    void demoUserSignsInThroughDemoCli(String username) {
        Jwt.Verified token = realm.verifyJwt(realm.userToken(username));

        assertEquals(username, token.claims().path("preferred_username").asText());
        assertEquals(realm.userId(username), token.claims().path("sub").asText());
    }

    /** The README's example of a narrowed token, as the quick start's alice runs it. */
    @Test
    void aliceNarrowsATokenToReadingOrders() {
        TokenApi alice = realm.tokensOf("alice");
        JsonNode offered = alice.roles().json();
        assertEquals(List.of("read", "write"), Http.list(offered.path("clients").path("orders-api")), offered::toString);
        CreatedToken token = alice.createToken(Map.of("name", uniqueName("orders-report"), "scopes", List.of("demo-api"),
                "roles", Map.of("clients", Map.of("orders-api", List.of("read")))));
        try {
            HttpResult exchanged = realm.exchange(token.value());
            assertEquals(200, exchanged.status(), exchanged::toString);
            JsonNode claims = realm.verifyJwt(exchanged.text("access_token")).claims();
            assertEquals("{\"orders-api\":{\"roles\":[\"read\"]}}", claims.path("resource_access").toString(), claims::toString);
        } finally {
            alice.delete(token.key());
        }
    }
}
