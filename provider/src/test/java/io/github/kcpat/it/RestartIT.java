package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.TokenApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tokens live in Keycloak's database: a restart on the same data keeps them, with their state. */
@ExtendWith(KeycloakExtension.class)
class RestartIT {

    private final KeycloakServer server;
    private final DemoRealm realm;

    RestartIT(KeycloakServer server, DemoRealm realm) {
        this.server = server;
        this.realm = realm;
    }

    @Test
    void tokensSurviveARestart() {
        TokenApi alice = realm.tokensOf("alice");
        CreatedToken active = alice.createToken(uniqueName("before-restart"));
        CreatedToken disabled = alice.createToken(uniqueName("disabled-before-restart"));
        assertEquals(200, alice.patch(disabled.key(), Map.of("state", "DISABLED")).status());

        server.restart();

        assertExchanged(realm.exchange(active.value()));
        assertRefused(realm.exchange(disabled.value()));
        TokenApi aliceAgain = realm.tokensOf("alice");
        assertNotNull(aliceAgain.listed(active.key()));
        assertEquals(active.name(), aliceAgain.get(active.key()).text("name"));
    }
}
