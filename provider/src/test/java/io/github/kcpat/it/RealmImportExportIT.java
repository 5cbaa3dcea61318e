package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.CliJar;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.TokenApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Tokens are ordinary credentials (issue 6): {@code kc.sh export} carries them to a fresh Keycloak where every one works
 * as before, and a realm import file holding a credential printed by the JAR's CLI yields a working token at first
 * start. Keycloak servers of their own: the export's source, and the fresh Keycloak that imports the export — whose
 * import file also holds the CLI-made user {@code robot}, so the second test looks at the same first start instead of
 * starting a third server (it starts one of its own when it runs without the first).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("RealmImportExportIT's servers")
@Order(2)
class RealmImportExportIT {

    private static final Path DEMO_REALM = Path.of(System.getProperty("demo.realm", "../demo/demo-realm.json"));
    private static final String ROBOT_EXPIRES = LocalDate.now(ZoneOffset.UTC).plusDays(60).toString();

    /** The CLI's {@code {"token","key","credential"}} of robot's two tokens (the second disabled). */
    private static JsonNode robot;
    private static JsonNode robotOff;
    /** The fresh Keycloak that imported the export and robot, started by the first test. */
    private static KeycloakServer target;

    @BeforeAll
    static void printRobotsCredentials() {
        robot = CliJar.credential("--name", "robot", "--expires", ROBOT_EXPIRES, "--scopes", "demo-api");
        robotOff = CliJar.credential("--name", "robot-off", "--expires", ROBOT_EXPIRES, "--disabled");
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @Test
    @Order(1)
    void exportedTokensWorkInAFreshKeycloakThatImportsTheRealm() throws IOException {
        List<CreatedToken> active = new ArrayList<>();
        CreatedToken disabled;
        CreatedToken bobs;
        Map<String, JsonNode> alicesListBefore;
        Path exported;

        KeycloakServer source = KeycloakServer.independent("export-source").withDemoRealm();
        try {
            source.start();
            DemoRealm realm = DemoRealm.on(source);
            TokenApi alice = realm.tokensOf("alice");
            active.add(alice.createToken(Map.of("name", "scoped", "scopes", List.of("demo-api"),
                    "expiresAt", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString())));
            active.add(alice.createToken("defaults"));
            disabled = alice.createToken("switched-off");
            HttpResult off = alice.patch(disabled.key(), Map.of("state", "DISABLED"));
            assertEquals(200, off.status(), off::toString);
            bobs = realm.tokensOf("bob").createToken("bobs");
            active.add(bobs);
            for (CreatedToken token : active) {
                assertExchanged(realm.exchange(token.value()));
            }
            assertRefused(realm.exchange(disabled.value()));
            alicesListBefore = byKey(alice.list());
            assertEquals(3, alicesListBefore.size(), alicesListBefore::toString);

            source.stop();
            Path exportDir = source.workDir().resolve("export");
            KeycloakServer.CommandResult export = source.runCommand(Duration.ofMinutes(5),
                    "export", "--dir", exportDir.toString(), "--realm", DemoRealm.NAME, "--users", "realm_file");
            assertEquals(0, export.exitCode(), () -> "kc.sh export failed:\n" + export.output());
            exported = exportDir.resolve("demo-realm.json");
            assertTrue(Files.exists(exported), () -> "no " + exported + "; kc.sh export said:\n" + export.output());
        } finally {
            source.close();
        }

        String exportText = Files.readString(exported);
        for (CreatedToken token : List.of(active.get(0), active.get(1), disabled, bobs)) {
            assertFalse(exportText.contains(token.value()), "the export holds a token value");
        }
        JsonNode aliceExported = user(Http.JSON.readTree(exportText), "alice");
        List<String> exportedKeys = new ArrayList<>();
        aliceExported.path("credentials").forEach(credential -> {
            if ("personal-api-token".equals(credential.path("type").asText())) {
                exportedKeys.add(credential.path("id").asText());
            }
        });
        assertEquals(new TreeSet<>(alicesListBefore.keySet()), new TreeSet<>(exportedKeys),
                () -> "alice's exported credentials: " + aliceExported.path("credentials"));

        target = KeycloakServer.independent("export-target");
        Path importFile = Files.createDirectories(target.workDir().resolve("realm")).resolve("demo-realm.json");
        Http.JSON.writeValue(importFile.toFile(), withRobot((ObjectNode) Http.JSON.readTree(exportText)));
        target.importRealm(importFile).start();
        DemoRealm realm = DemoRealm.on(target);
        for (CreatedToken token : active) {
            assertExchanged(realm.exchange(token.value()));
        }
        assertRefused(realm.exchange(disabled.value()));
        HttpResult scoped = realm.exchange(active.get(0).value());
        assertTrue(List.of(scoped.text("scope").split(" ")).contains("demo-api"), scoped::toString);

        Map<String, JsonNode> alicesListAfter = byKey(realm.tokensOf("alice").list());
        assertEquals(alicesListBefore.keySet(), alicesListAfter.keySet());
        for (String key : alicesListBefore.keySet()) {
            JsonNode before = alicesListBefore.get(key);
            JsonNode after = alicesListAfter.get(key);
            for (String field : List.of("name", "state", "scopes", "expiresAt", "createdAt")) {
                assertEquals(before.path(field), after.path(field), () -> field + " changed: " + before + " -> " + after);
            }
        }
        assertNotNull(realm.tokensOf("bob").listed(bobs.key()));
    }

    @Test
    @Order(2)
    void aRealmImportFileWithACliMadeCredentialYieldsAWorkingTokenAtFirstStart() throws IOException {
        KeycloakServer server = target;
        boolean own = server == null;
        if (own) {
            server = KeycloakServer.independent("realm-import-cli");
            Path file = Files.createDirectories(server.workDir().resolve("realm")).resolve("demo-realm.json");
            Http.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), withRobot((ObjectNode) Http.JSON.readTree(DEMO_REALM.toFile())));
            server.importRealm(file).start();
        }
        try {
            DemoRealm realm = DemoRealm.on(server);

            HttpResult exchange = realm.exchange(robot.path("token").asText());
            assertExchanged(exchange);
            assertTrue(List.of(exchange.text("scope").split(" ")).contains("demo-api"), exchange::toString);
            JsonNode claims = realm.verifyJwt(exchange.text("access_token")).claims();
            assertEquals("robot", claims.path("preferred_username").asText(), claims::toString);
            assertRefused(realm.exchange(robotOff.path("token").asText()));

            TokenApi robotsApi = realm.tokensOf("robot");
            JsonNode listed = robotsApi.listed(robot.path("key").asText());
            assertNotNull(listed, () -> "robot's list: " + robotsApi.list());
            assertEquals("robot", listed.path("name").asText(), listed::toString);
            assertEquals("ACTIVE", listed.path("state").asText(), listed::toString);
            assertEquals(List.of("demo-api"), Http.list(listed.path("scopes")), listed::toString);
            // a date alone means "valid through that day, UTC"
            assertEquals(LocalDate.parse(ROBOT_EXPIRES).plusDays(1) + "T00:00:00Z", listed.path("expiresAt").asText(), listed::toString);
            assertEquals("DISABLED", robotsApi.listed(robotOff.path("key").asText()).path("state").asText());
        } finally {
            if (own) {
                server.close();
            }
        }
    }

    /** {@code realmFile} with the user {@code robot}: a password and the two credentials the CLI printed. */
    private static ObjectNode withRobot(ObjectNode realmFile) {
        ObjectNode user = ((ArrayNode) realmFile.get("users")).addObject();
        user.put("username", "robot").put("enabled", true).put("emailVerified", true)
                .put("firstName", "Build").put("lastName", "Robot").put("email", "robot@example.com");
        ArrayNode credentials = user.putArray("credentials");
        credentials.addObject().put("type", "password").put("value", "robot").put("temporary", false);
        credentials.add(robot.path("credential"));
        credentials.add(robotOff.path("credential"));
        user.putArray("realmRoles").add("default-roles-demo").add(DemoRealm.ROLE);
        return realmFile;
    }

    private static Map<String, JsonNode> byKey(HttpResult list) {
        assertEquals(200, list.status(), list::toString);
        Map<String, JsonNode> tokens = new TreeMap<>();
        list.json().forEach(token -> tokens.put(token.path("key").asText(), token));
        return tokens;
    }

    private static JsonNode user(JsonNode realm, String username) {
        for (JsonNode user : realm.path("users")) {
            if (username.equals(user.path("username").asText())) {
                return user;
            }
        }
        throw new AssertionError("no user " + username + " in the export");
    }
}
