package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import io.github.kcpat.it.support.AdminLogin;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Door;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Poll;
import io.github.kcpat.it.support.Postgres;
import io.github.kcpat.it.support.Smtp;
import io.github.kcpat.it.support.TestClock;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Upgrades lose nothing. Tokens of every kind are made on the oldest Keycloak of the matrix on PostgreSQL; then each
 * newer one ({@code keycloak.upgrade.path}: 26.4.7, 26.5.6, 26.7.0, then the default distribution 26.7.3 in production
 * mode) starts in turn on the same database with the same JAR: Keycloak migrates its schema, and every token is found
 * exactly as it was — the stored rows byte for byte, the representations field for field — and usable, or refused, at
 * every door as before.
 * <p>
 * The extension's own upgrade: the user {@code dora} of {@code upgrade/format-1-users.json} holds tokens as the
 * extension stored them in its credential-data format 1 (exported from a server running it, see the file's
 * {@code _comment}); imported on the oldest version, they cross the same Keycloak upgrade and are then read by this
 * extension (format 2): who disabled each one is kept, the doors accept and refuse them as before, and a token's next
 * write stores format 2.
 */
@EnabledIfSystemProperty(named = "keycloak.db", matches = "postgres", disabledReason = "needs PostgreSQL: failsafe execution 'postgres'")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("UpgradeIT's servers")
class UpgradeIT {

    private static final String DATABASE = "upgrade";
    private static final String FORMAT_1_USERS = "/upgrade/format-1-users.json";
    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(60);

    /** A token as its holder has it: the owner (for the direct grant) and the value. */
    record Held(String username, String key, String value) {
    }

    private GreenMail smtp;
    private KeycloakServer server;
    private DemoRealm realm;
    private final Map<String, Held> usable = new LinkedHashMap<>();
    private final Map<String, Held> refused = new LinkedHashMap<>();
    private CreatedToken reminded;
    private JsonNode format1;
    private JsonNode aliceListBefore;
    private JsonNode adminListBefore;
    private Map<String, String> rowsBefore;

    /** The versions in the order they run: the oldest first, the default distribution last. */
    static List<String> path() {
        List<String> path = new ArrayList<>(Arrays.stream(System.getProperty("keycloak.upgrade.path", "").split(","))
                .map(String::trim).filter(v -> !v.isEmpty()).toList());
        path.add(KeycloakServer.defaultVersion());
        return path;
    }

    List<String> laterVersions() {
        List<String> path = path();
        return path.subList(1, path.size());
    }

    @BeforeAll
    void startTheOldestVersion() {
        smtp = Smtp.start();
        String from = path().get(0);
        server = KeycloakServer.independent("upgrade-" + from, from)
                .usePostgres(DATABASE)
                .withDemoRealm()
                .addOptions(ExpiryReminderIT.INTERVAL_OPTION);
        server.start();
        realm = DemoRealm.on(server);
        Smtp.sendMailOf(realm, smtp);
        assertTrue(server.logText().contains("Keycloak " + from + " on JVM"), "not Keycloak " + from + ": " + server.log());
    }

    @AfterAll
    void stopServers() {
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    @Order(1)
    void tokensOfEveryKindOnTheOldestVersion() {
        TokenApi alice = realm.tokensOf("alice");
        TokenAdminApi admin = admin();
        CreatedToken expired = alice.createToken(Map.of("name", uniqueName("expired"),
                "expiresAt", TestClock.serverNow(realm.http()).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).toString()));
        keep(refused, "expired", expired);
        keep(usable, "scoped", alice.createToken(Map.of("name", uniqueName("scoped"), "scopes", List.of("demo-api"),
                "expiresAt", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString())));

        CreatedToken used = alice.createToken(uniqueName("used"));
        assertExchanged(realm.exchange(used.value()));
        Poll.until(Duration.ofSeconds(20), () -> !alice.get(used.key()).json().path("lastUsedAt").isNull());
        assertFalse(alice.get(used.key()).json().path("lastUsedAt").isNull(), "no last use recorded");
        keep(usable, "used", used);

        CreatedToken byOwner = alice.createToken(uniqueName("owner-disabled"));
        assertEquals(200, alice.patch(byOwner.key(), Map.of("state", "DISABLED")).status());
        keep(refused, "owner-disabled", byOwner);
        CreatedToken byAdmin = alice.createToken(uniqueName("admin-disabled"));
        assertEquals(200, admin.patch(byAdmin.key(), Map.of("state", "DISABLED")).status());
        keep(refused, "admin-disabled", byAdmin);

        CreatedToken rotated = alice.createToken(uniqueName("rotated"));
        HttpResult rotation = alice.rotate(rotated.key());
        assertEquals(200, rotation.status(), rotation::toString);
        keep(refused, "rotated-away", rotated);
        usable.put("rotated", new Held("alice", rotated.key(), rotation.text("token")));

        reminded = alice.createToken(Map.of("name", uniqueName("reminded"),
                "expiresAt", Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS).toString()));
        keep(usable, "reminded", reminded);
        assertEquals(1, awaitMails(reminded.name(), 1), "the reminder on the oldest version");
        Poll.until(Duration.ofSeconds(20), () -> alice.get(expired.key()).json().path("expired").asBoolean());
        assertTrue(alice.get(expired.key()).json().path("expired").asBoolean(), "the token did not expire");

        format1 = importFormat1Users();
        assertEveryVerdict("before the upgrade");
        // every usable token's first use is recorded (after its request); later uses within 10 minutes write nothing
        Poll.until(Duration.ofSeconds(20), () -> usable.values().stream()
                .noneMatch(held -> alice.get(held.key()).json().path("lastUsedAt").isNull()));
        usable.forEach((kind, held) -> assertFalse(alice.get(held.key()).json().path("lastUsedAt").isNull(), kind + ": no last use"));
        aliceListBefore = alice.list().json();
        adminListBefore = admin.list("max=100").json();
        rowsBefore = storedRows();
        assertEquals(10, rowsBefore.size(), () -> "alice's 7 tokens and dora's 3: " + rowsBefore.keySet());
    }

    /** One step of the path: the next version on the same database finds everything as the last one left it. */
    @ParameterizedTest(name = "to Keycloak {0}")
    @MethodSource("laterVersions")
    @Order(2)
    void theNextVersionOnTheSameDatabaseFindsEveryTokenAsItWas(String version) {
        server.close();
        server = version.equals(KeycloakServer.defaultVersion())
                // the newest as production runs it, on the PostgreSQL execution's production build
                ? KeycloakServer.copyOf(KeycloakServer.postgresBuild(), "upgrade-" + version).productionMode().clustered()
                : KeycloakServer.independent("upgrade-" + version, version);
        server.usePostgres(DATABASE).addOptions(ExpiryReminderIT.INTERVAL_OPTION);
        server.start();
        realm = DemoRealm.through(server);
        assertTrue(server.logText().contains("Keycloak " + version + " on JVM"), "not Keycloak " + version + ": " + server.log());

        assertEquals(rowsBefore, storedRows(), "Keycloak " + version + "'s upgrade changed a stored token");
        assertEquals(aliceListBefore, realm.tokensOf("alice").list().json(), "alice's tokens as she sees them");
        assertEquals(adminListBefore, admin().list("max=100").json(), "the realm's tokens as an admin sees them");
        assertEveryVerdict("on Keycloak " + version);
        assertEquals(rowsBefore, storedRows(), "a use on Keycloak " + version + " within 10 minutes of the last wrote");
    }

    @Test
    @Order(3)
    void anOwnerStillCannotActivateWhatAnAdminDisabled() {
        TokenApi alice = realm.tokensOf("alice");
        assertError(alice.patch(refused.get("admin-disabled").key(), Map.of("state", "ACTIVE")), 403, "forbidden");
        Held byOwner = refused.get("owner-disabled");
        assertEquals(200, alice.patch(byOwner.key(), Map.of("state", "ACTIVE")).status());
        assertAccepted(Door.EXCHANGE, byOwner, "the owner's token activated again after the upgrade");
    }

    /** The reminder sent on the oldest version is remembered: the newest sends none for the same threshold. */
    @Test
    @Order(4)
    void aRemindedTokenIsNotRemindedAgain() {
        // bob's mail proves a whole reminder run on the newest version: a run reads tokens by owner, alice's first
        CreatedToken sentinel = realm.tokensOf("bob").createToken(Map.of("name", uniqueName("sentinel"),
                "expiresAt", Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString()));
        assertEquals(1, awaitMails(sentinel.name(), 1), "no reminder run on the newest version");
        assertEquals(1, mailsNaming(reminded.name()), "the token was reminded again after the upgrade");
    }

    /**
     * Format 1 data keeps its meaning: who disabled each token (the owner may activate only its own), and what the
     * doors answer; the data stays as it was until the token's next write, which stores format 2.
     */
    @Test
    @Order(5)
    void format1TokensOfAnEarlierExtensionKeepTheirMeaningAndMigrateOnTheirNextWrite() {
        TokenApi dora = realm.tokensOf("dora");
        JsonNode tokens = format1.path("_tokens");
        Held active = held("dora", tokens.path("active"));
        Held byOwner = held("dora", tokens.path("owner-disabled"));
        Held byAdmin = held("dora", tokens.path("admin-disabled"));
        for (Door door : Door.values()) {
            assertAccepted(door, active, "format 1 active at " + door);
            assertRefusedAt(door, byOwner, "format 1 owner-disabled at " + door);
            assertRefusedAt(door, byAdmin, "format 1 admin-disabled at " + door);
        }
        assertEquals("admin", dora.get(byAdmin.key()).json().path("disabledBy").asText());
        assertEquals("owner", dora.get(byOwner.key()).json().path("disabledBy").asText());
        assertTrue(row(byAdmin.key()).contains("\"disabledByAdmin\":true"), "format 1 rewritten before any write");

        assertError(dora.patch(byAdmin.key(), Map.of("state", "ACTIVE")), 403, "forbidden");
        HttpResult renamed = dora.patch(byAdmin.key(), Map.of("name", uniqueName("renamed")));
        assertEquals(200, renamed.status(), renamed::toString);
        String migrated = row(byAdmin.key());
        assertTrue(migrated.contains(",\"disabledBy\":\"admin\",\"disabledByAdmin\":true}"), migrated);
        assertError(dora.patch(byAdmin.key(), Map.of("state", "ACTIVE")), 403, "forbidden");

        assertEquals(200, dora.patch(byOwner.key(), Map.of("state", "ACTIVE")).status());
        assertAccepted(Door.EXCHANGE, byOwner, "format 1 owner-disabled token activated by its owner");
        assertFalse(row(byOwner.key()).contains("disabled"), row(byOwner.key()));
        assertEquals(200, dora.patch(byOwner.key(), Map.of("state", "DISABLED")).status());
        assertTrue(row(byOwner.key()).contains(",\"disabledBy\":\"owner\""), row(byOwner.key()));
    }

    private void assertEveryVerdict(String when) {
        for (Door door : Door.values()) {
            usable.forEach((kind, held) -> assertAccepted(door, held, kind + " at " + door + " " + when));
            refused.forEach((kind, held) -> assertRefusedAt(door, held, kind + " at " + door + " " + when));
        }
    }

    private void assertAccepted(Door door, Held held, String what) {
        HttpResult result = door.call(realm.doors(), held.username(), held.value());
        try {
            switch (door) {
                case EXCHANGE, RFC8693, DIRECT_GRANT -> assertExchanged(result);
                case FORWARD_AUTH, FORWARD_AUTH_BASIC -> assertEquals(200, result.status(), result::toString);
                case VERIFY -> {
                    assertTrue(result.json().path("active").asBoolean(), result::toString);
                    assertEquals(held.key(), result.text("key"));
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    private void assertRefusedAt(Door door, Held held, String what) {
        try {
            door.assertRefused(door.call(realm.doors(), held.username(), held.value()));
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    private static void keep(Map<String, Held> kinds, String kind, CreatedToken token) {
        kinds.put(kind, new Held("alice", token.key(), token.value()));
    }

    private static Held held(String username, JsonNode token) {
        return new Held(username, token.path("key").asText(), token.path("value").asText());
    }

    /**
     * Adds dora and her format 1 tokens through Keycloak's partial import, which stores credentials as given; only their
     * creation and expiry move to today (the realm's policy caps a token's life, and the file must not age out).
     */
    private JsonNode importFormat1Users() {
        JsonNode file = readFormat1Users();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String expiresAt = "\"expiresAt\":\"" + now.plus(Duration.ofDays(90)) + "\"";
        for (JsonNode credential : file.path("users").get(0).path("credentials")) {
            if (credential.path("type").asText().equals("personal-api-token")) {
                ((ObjectNode) credential).put("createdDate", now.toEpochMilli())
                        .put("credentialData", credential.path("credentialData").asText().replaceFirst("\"expiresAt\":\"[^\"]+\"", expiresAt));
            }
        }
        ObjectNode body = Http.JSON.createObjectNode().put("ifResourceExists", "FAIL");
        body.set("users", file.path("users"));
        HttpResult imported = realm.http().postJson("/admin/realms/" + DemoRealm.NAME + "/partialImport", body,
                AdminLogin.master(realm.http()).headers());
        assertEquals(200, imported.status(), imported::toString);
        assertEquals(1, imported.json().path("added").asInt(), imported::toString);
        return file;
    }

    private static JsonNode readFormat1Users() {
        try (InputStream in = UpgradeIT.class.getResourceAsStream(FORMAT_1_USERS)) {
            return Http.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TokenAdminApi admin() {
        return new TokenAdminApi(realm.http(), DemoRealm.NAME, AdminLogin.master(realm.http()));
    }

    /** Every stored token, by key: what Keycloak keeps of it, as PostgreSQL has it. */
    private static Map<String, String> storedRows() {
        Map<String, String> rows = new TreeMap<>();
        query("select c.id, c.user_id, c.user_label, c.created_date, c.credential_data, c.secret_data, c.priority"
                + " from credential c where c.type = 'personal-api-token'", null, rows);
        return rows;
    }

    private static String row(String key) {
        Map<String, String> rows = new TreeMap<>();
        query("select c.id, c.credential_data from credential c where c.id = ?", key, rows);
        return rows.getOrDefault(key, "(no row)");
    }

    private static void query(String sql, String parameter, Map<String, String> into) {
        try (Connection db = Postgres.shared().connect(DATABASE); var statement = db.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int column = 2; column <= columns; column++) {
                        row.append(result.getString(column)).append(" | ");
                    }
                    into.put(result.getString(1), row.toString());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the credential table", e);
        }
    }

    private int awaitMails(String tokenName, int count) {
        Poll.until(MAIL_TIMEOUT, () -> mailsNaming(tokenName) >= count);
        return mailsNaming(tokenName);
    }

    private int mailsNaming(String tokenName) {
        return (int) Arrays.stream(smtp.getReceivedMessages()).filter(mail -> subject(mail).contains("\"" + tokenName + "\"")).count();
    }

    private static String subject(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
