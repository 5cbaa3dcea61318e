package io.github.kcpat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.kcpat.it.support.AdminLogin;
import io.github.kcpat.it.support.DemoClient;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Pause;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.token.ApiToken;

/**
 * The hot path costs no database work: counted from Hibernate's own SQL log ({@code org.hibernate.SQL}, at debug while
 * this class runs: test hook {@code log/level}) of the shared server, across 100 calls per door. The shared server's
 * classes run one after the other, so every statement logged meanwhile is this class's.
 */
@ExtendWith(KeycloakExtension.class)
class SqlStatementsIT {

    private static final String SQL_LOGGER = "[org.hibernate.SQL]";
    private static final String OWNER_LOOKUP = "select ce1_0.USER_ID from CREDENTIAL ce1_0 where ce1_0.ID=? and ce1_0.TYPE=?";

    private static KeycloakServer server;
    private static DemoRealm realm;

    @BeforeAll
    static void logSql(KeycloakServer shared, DemoRealm demo) {
        server = shared;
        realm = demo;
        sqlLogLevel("DEBUG");
    }

    @AfterAll
    static void stopLoggingSql() {
        sqlLogLevel("INFO");
    }

    private static void sqlLogLevel(String level) {
        Http http = realm.http();
        HttpResult set = http.putJson("/realms/master/test-hooks/log/level", Map.of("category", "org.hibernate.SQL", "level", level),
                AdminLogin.master(http).headers());
        assertEquals(200, set.status(), set::toString);
    }

    @Test
    void exchangeTouchesNoDatabaseAtAll() {
        String token = warmToken("exchange");

        List<String> sql = statementsDuring(() -> IntStream.range(0, 100)
                .forEach(i -> assertEquals(200, realm.exchange(token).status())));

        // Keycloak's client-credentials grant reads the client session store for every token; this mints without it
        assertEquals(List.of(), sql.stream().distinct().toList(), "SQL for 100 exchanges");
    }

    /** Forward-auth's Basic compares the name with the owner it found anyway: no user lookup by name or e-mail. */
    @Test
    void verifyAndForwardAuthTouchNoDatabaseAtAll() {
        String token = warmToken("verify");
        assertEquals(200, realm.doors().forwardAuth(token).status());

        List<String> sql = statementsDuring(() -> IntStream.range(0, 100).forEach(i -> {
            assertEquals(true, realm.doors().verify(DemoClient.API_GATEWAY, token).json().path("active").asBoolean());
            assertEquals(200, realm.doors().forwardAuth(token).status());
            assertEquals(200, realm.doors().forwardAuthBasic(i % 2 == 0 ? "alice" : "alice@example.com", token).status());
        }));

        assertEquals(List.of(), sql.stream().distinct().toList(), "SQL for 100 verify and 200 forward-auth calls");
    }

    @Test
    void aColdKeyCostsOnePrimaryKeyReadBesidesItsCoalescedLastUseWrite() {
        TokenAdminApi admin = new TokenAdminApi(realm.http(), DemoRealm.NAME, AdminLogin.master(realm.http()));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String userId = realm.createUser("cold-" + i + "-" + System.nanoTime());
            tokens.add(admin.createToken(Map.of("user", userId, "name", "cold")).path("token").asText());
            assertEquals(200, realm.credentials(userId).status()); // the owner is in Keycloak's user cache now
        }
        settle();

        List<String> sql = statementsDuring(() -> tokens.forEach(token ->
                assertEquals(true, realm.doors().verify(DemoClient.API_GATEWAY, token).json().path("active").asBoolean())));

        String all = String.join("\n", sql);
        assertEquals(10, sql.stream().filter(statement -> statement.equals(OWNER_LOOKUP)).count(), all);
        List<String> writes = writes(sql);
        assertEquals(10, writes.size(), all);
        // each a field-level write under a row lock (CredentialWrites): the row read afresh with select … for update,
        // then updated by a bulk update (rendered with an alias, "update CREDENTIAL ce1_0 set …")
        assertTrue(writes.stream().allMatch(statement -> statement.startsWith("update CREDENTIAL ")), all);
        assertEquals(10, sql.stream().filter(statement -> statement.startsWith("select ")
                && statement.contains(" from CREDENTIAL ") && statement.endsWith(" for update")).count(), all);
        // whatever else Keycloak's user cache loads, credentials are only ever read by key or by owner: never scanned
        assertTrue(sql.stream().filter(statement -> statement.contains(" from CREDENTIAL "))
                .allMatch(statement -> statement.contains(".ID=?") || statement.contains(".USER_ID=?")), all);
    }

    /** A client hammering with one checksum-valid unknown key (a deleted token in a loop, a forged one) costs one lookup. */
    @Test
    void anUnknownKeyCostsOneLookupPerMinuteNotOnePerRequest() {
        String unknown = ApiToken.generate().value();

        List<String> sql = statementsDuring(() -> IntStream.range(0, 50).forEach(i -> {
            assertEquals(401, realm.exchange(unknown).status());
            assertEquals(401, realm.doors().forwardAuth(unknown).status());
        }));

        assertEquals(1, sql.stream().filter(statement -> statement.equals(OWNER_LOOKUP)).count(), String.join("\n", sql));
    }

    /**
     * A token of alice used once, so that its owner is cached and its last-use time is written; with every check on:
     * roles chosen (checked against alice's roles and the forbidden ones at each use) and an IP allowlist.
     */
    private static String warmToken(String name) {
        String token = realm.tokensOf("alice").createToken(Map.of("name", name + "-" + System.nanoTime(),
                "roles", Map.of("realm", List.of(DemoRealm.ROLE), "clients", Map.of("account", List.of("view-profile"))),
                "allowedIps", List.of("127.0.0.0/8", "::1"))).value();
        assertEquals(200, realm.exchange(token).status());
        settle();
        assertEquals(200, realm.exchange(token).status());
        settle();
        return token;
    }

    private static List<String> statementsDuring(Runnable calls) {
        long mark = logSize();
        calls.run();
        settle();
        return sqlSince(mark);
    }

    private static List<String> writes(List<String> sql) {
        return sql.stream().filter(s -> s.startsWith("insert") || s.startsWith("update") || s.startsWith("delete")).toList();
    }

    private static List<String> sqlSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(server.log());
            String added = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
            return added.lines().filter(line -> line.contains(SQL_LOGGER))
                    .map(line -> line.substring(line.indexOf(") ", line.indexOf(SQL_LOGGER)) + 2).trim())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the server has finished writing (its log stops growing): after-request work included. A quiet spell
     * of real time is the only sign that no more statements come, so this waits rather than polls for an outcome.
     */
    private static void settle() {
        long size = -1;
        while (size != logSize()) {
            size = logSize();
            Pause.of(Duration.ofMillis(700));
        }
    }

    private static long logSize() {
        try {
            return Files.size(server.log());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
