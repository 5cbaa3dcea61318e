package io.github.kcpat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Jwt;
import io.github.kcpat.it.support.KeycloakExtension;
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
}
