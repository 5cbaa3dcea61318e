package io.github.kcpat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcpat.it.support.AdminLogin;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakServer;
import org.junit.jupiter.api.Test;

/** At startup the extension says which Keycloak it runs on, and that it is one it is tested on. */
@EveryKeycloakVersion
class KeycloakVersionIT {

    private final KeycloakServer server;
    private final DemoRealm realm;

    KeycloakVersionIT(KeycloakServer server, DemoRealm realm) {
        this.server = server;
        this.realm = realm;
    }

    /** The server a run of the matrix was given answers as that version (what the admin console shows). */
    @Test
    void theServerIsTheVersionItsRunIsFor() {
        HttpResult info = realm.http().get("/admin/serverinfo", AdminLogin.master(realm.http()).headers());
        assertEquals(200, info.status(), info::toString);
        assertEquals(server.version(), info.json().path("systemInfo").path("version").asText());
    }

    @Test
    void theServerLogSaysThisKeycloakIsOneOfTheTestedVersions() {
        String log = server.logText();
        assertTrue(log.contains("Keycloak " + server.version() + " on JVM"), "the log is not Keycloak " + server.version() + "'s");
        assertTrue(log.contains("INFO  [io.github.kcpat.compat.TestedVersions]"), "no INFO line of ours in " + server.log());
        assertTrue(log.contains("Personal API Tokens: Keycloak "
                + server.version() + " is one of the versions this extension is tested on ("), "no startup line in " + server.log());
        assertFalse(log.contains("Personal API Tokens cannot run on Keycloak"), "a bridge is missing: " + server.log());
    }
}
