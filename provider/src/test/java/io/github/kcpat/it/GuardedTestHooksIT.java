package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kcpat.it.support.AdminLogin;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test servers' test-only hooks answer a master admin only, and change nothing for anyone else. */
@ExtendWith(KeycloakExtension.class)
class GuardedTestHooksIT {

    private static final String HOOKS = "/test-hooks";
    private static final String OFFSET = HOOKS + "/clock/offset";

    private final Http http;

    GuardedTestHooksIT(DemoRealm realm) {
        this.http = realm.http();
    }

    @Test
    void onlyAMasterAdminMayMoveTheClock() {
        assertError(http.putJson("/realms/master" + OFFSET, Map.of("seconds", 3600)), 401, "invalid_token");
        String[] demoUser = AdminLogin.password(http, DemoRealm.NAME, "alice", "alice").headers();
        assertError(http.putJson("/realms/" + DemoRealm.NAME + OFFSET, Map.of("seconds", 3600), demoUser), 404, "not_found");
        assertError(http.putJson("/realms/master" + OFFSET, Map.of("seconds", "soon"), AdminLogin.master(http).headers()),
                400, "invalid_request");

        HttpResult offset = http.get("/realms/master" + OFFSET, AdminLogin.master(http).headers());
        assertEquals(200, offset.status(), offset::toString);
        assertEquals(0, offset.json().path("seconds").asInt(-1), "refused calls moved nothing: " + offset);
    }

    @Test
    void onlyAMasterAdminMayBackUpTheDatabaseOrChangeALogLevel() {
        String[] demoUser = AdminLogin.password(http, DemoRealm.NAME, "alice", "alice").headers();
        assertError(http.postJson("/realms/master" + HOOKS + "/database/backup", Map.of()), 401, "invalid_token");
        assertError(http.postJson("/realms/" + DemoRealm.NAME + HOOKS + "/database/backup", Map.of(), demoUser), 404, "not_found");
        Map<String, String> sqlDebug = Map.of("category", "org.hibernate.SQL", "level", "DEBUG");
        assertError(http.putJson("/realms/master" + HOOKS + "/log/level", sqlDebug), 401, "invalid_token");
        assertError(http.putJson("/realms/" + DemoRealm.NAME + HOOKS + "/log/level", sqlDebug, demoUser), 404, "not_found");
        assertError(http.putJson("/realms/master" + HOOKS + "/log/level", Map.of("category", "org.hibernate.SQL", "level", "LOUD"),
                AdminLogin.master(http).headers()), 400, "invalid_request");
    }
}
