package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Pause;
import io.github.kcpat.it.support.Poll;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two Keycloak nodes in production mode ({@code kc.sh start}: Infinispan clustered caches, the default
 * {@code jdbc-ping} discovery stack) on one PostgreSQL database, JGroups bound to loopback. The extension keeps no
 * state of its own: what one node changes, the other enforces on its very next request, through Keycloak's cluster
 * invalidation. Runs in the failsafe execution {@code postgres} ({@code -Dkeycloak.db=postgres}); skipped on H2.
 */
@EnabledIfSystemProperty(named = "keycloak.db", matches = "postgres", disabledReason = "needs PostgreSQL: failsafe execution 'postgres'")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("ClusterIT's servers")
class ClusterIT {

    private static final int TRIES = 20;
    private static final int RACE_ROUNDS = 8;
    private static final int RACERS = 5;
    /** What A does to a token while it is used: every order of rotations and state changes a user might send. */
    private static final List<List<String>> RACE_COMMANDS = List.of(
            List.of("rotate"), List.of("DISABLED"), List.of("rotate", "DISABLED"), List.of("DISABLED", "rotate"),
            List.of("DISABLED", "ACTIVE"), List.of("rotate", "rotate"), List.of("DISABLED", "rotate", "ACTIVE"));
    private static final Duration REFUSAL_DEADLINE = Duration.ofSeconds(10);
    private static final Duration VIEW_DEADLINE = Duration.ofSeconds(120);
    /** Load on node B after node A's death: its view shrinks within ~1.5 s of the kill, Infinispan rebalances after. */
    private static final Duration AFTER_THE_KILL = Duration.ofSeconds(10);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final Pattern CLUSTER_VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^\\]]*\\] \\((\\d+)\\)");

    private static KeycloakServer nodeA;
    private static KeycloakServer nodeB;
    private static DemoRealm realmA;
    private static DemoRealm realmB;
    private static Instant classStart;
    private static final List<String> report = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startTwoNodes() throws Exception {
        classStart = Instant.now();
        // the shared server's production build (kc.sh build --db=postgres) for both nodes: started at once on a
        // distribution of their own, each would re-augment Keycloak (~45 s on 2 cores)
        KeycloakServer built = KeycloakServer.postgresBuild();
        nodeA = node(KeycloakServer.copyOf(built, "cluster-a"));
        nodeB = node(KeycloakServer.copyOf(built, "cluster-b"));
        nodeA.importRealm(Path.of(System.getProperty("demo.realm")));
        // one after the other: two nodes starting at once on an empty database race to create Liquibase's changelog
        // table before Keycloak's database lock exists (PostgreSQL: "duplicate key … pg_type_typname_nsp_index"), a
        // Keycloak start-up race that is not ours to test
        nodeA.start();
        nodeB.start();
        report.add("two nodes ready in " + Duration.between(classStart, Instant.now()).toSeconds() + " s");
        realmA = DemoRealm.on(nodeA);
        realmB = DemoRealm.through(nodeB);
    }

    @AfterAll
    static void stopNodes() {
        try {
            if (nodeA != null) {
                nodeA.close();
            }
        } finally {
            if (nodeB != null) {
                nodeB.close();
            }
            report.add("ClusterIT ran " + (classStart == null ? "?" : Duration.between(classStart, Instant.now()).toSeconds()) + " s");
            System.out.println("ClusterIT report:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", report));
            writeReport();
        }
    }

    @Test
    @Order(1)
    void bothNodesSeeATwoMemberClusterView() {
        assertEquals(2, awaitClusterView(nodeA, 2), "node A's view");
        assertEquals(2, awaitClusterView(nodeB, 2), "node B's view");
    }

    @Test
    @Order(2)
    void aTokenCreatedOnAWorksOnB() {
        String user = clusterUser("created");
        CreatedToken token = realmA.tokensOf(user).createToken(uniqueName("made-on-a"));

        assertExchanged(realmB.exchange(token.value()));
        assertNotNull(realmB.tokensOf(user).listed(token.key()), "node B lists the token made on A");
        // B records the use in the credential (after its request's transaction): A sees it once B's write invalidated it
        TokenApi onA = realmA.tokensOf(user);
        Poll.until(Duration.ofSeconds(10), () -> !onA.get(token.key()).json().path("lastUsedAt").isNull());
        assertFalse(onA.get(token.key()).json().path("lastUsedAt").isNull(), "node A does not see B's lastUsedAt");
        CreatedToken onB = realmB.tokensOf(user).createToken(uniqueName("made-on-b"));
        assertExchanged(realmA.exchange(onB.value()));
    }

    @Test
    @Order(3)
    void aDisabledTokenIsRefusedOnBAtOnce() {
        measureRevocation("disable", (api, token) -> api.patch(token.key(), Map.of("state", "DISABLED")));
    }

    @Test
    @Order(4)
    void aRotatedTokensOldValueIsRefusedOnBAtOnce() {
        measureRevocation("rotate", (api, token) -> api.rotate(token.key()));
    }

    @Test
    @Order(5)
    void aDeletedTokenIsRefusedOnBAtOnce() {
        measureRevocation("delete", (api, token) -> api.delete(token.key()));
    }

    /**
     * Attack: a write that read the token before another node's change wrote all of it back, so a last-use write on B
     * brought back the secret A had just rotated away, or re-enabled what A had disabled. Here every token is changed on
     * A (rotations, disables, re-enables in a random order) while it is used on both nodes for the first time, so
     * that each node's last-use write races the changes; afterwards both nodes must show the last command's state.
     */
    @Test
    @Order(6)
    void racesOfChangesOnAAgainstUsesOnBEndInTheLastCommandsState() throws Exception {
        String user = clusterUser("race");
        TokenApi onA = realmA.tokensOf(user);
        TokenApi onB = realmB.tokensOf(user);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(RACERS * 3);
        Random random = new Random();
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                List<CompletableFuture<Void>> races = new ArrayList<>();
                for (int racer = 0; racer < RACERS; racer++) {
                    CreatedToken token = onA.createToken(uniqueName("race-" + round + "-" + racer));
                    List<String> commands = RACE_COMMANDS.get(random.nextInt(RACE_COMMANDS.size()));
                    int headStart = random.nextInt(40);
                    races.add(CompletableFuture.runAsync(() -> race(onA, onB, token, commands, headStart, failures, pool), pool));
                }
                CompletableFuture.allOf(races.toArray(CompletableFuture[]::new)).get();
            }
        } finally {
            pool.shutdownNow();
        }
        report.add("races of changes on A against uses on B: " + RACE_ROUNDS * RACERS + " tokens, " + failures.size()
                + " ended in a state other than the last command's");
        assertEquals(List.of(), failures, "tokens whose final state is not the last command's");
    }

    /** One token: its first uses on B and on A race the commands on A; then both nodes are asked for the outcome. */
    private static void race(TokenApi onA, TokenApi onB, CreatedToken token, List<String> commands, int headStart,
            List<String> failures, ExecutorService pool) {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Void> usesOnB = CompletableFuture.runAsync(() -> {
            await(start);
            realmB.exchange(token.value());
        }, pool);
        CompletableFuture<Void> usesOnA = CompletableFuture.runAsync(() -> {
            await(start);
            realmA.exchange(token.value());
        }, pool);
        start.countDown();
        // a real head start: the race is between requests in flight, which no clock shift orders
        Pause.of(Duration.ofMillis(headStart));
        List<String> values = new ArrayList<>(List.of(token.value()));
        String state = "ACTIVE";
        for (String command : commands) {
            HttpResult answer = command.equals("rotate") ? onA.rotate(token.key()) : onA.patch(token.key(), Map.of("state", command));
            if (answer.status() != 200) {
                failures.add(token.name() + ": " + command + " answered " + answer);
                return;
            }
            if (command.equals("rotate")) {
                values.add(answer.json().path("token").asText());
            } else {
                state = command;
            }
        }
        usesOnA.join();
        usesOnB.join();
        // the last-use writes run after each request's response, invisible to the caller: nothing to poll for
        Pause.of(Duration.ofMillis(500));
        String latest = values.get(values.size() - 1);
        String expected = commands + " → " + state;
        for (DemoRealm node : List.of(realmA, realmB)) {
            String where = token.name() + " on " + (node == realmA ? "A" : "B") + " after " + expected + ": ";
            for (String earlier : values.subList(0, values.size() - 1)) {
                if (node.exchange(earlier).status() != 401) {
                    failures.add(where + "a rotated-away value works again");
                }
            }
            int latestAnswer = node.exchange(latest).status();
            if (latestAnswer != (state.equals("ACTIVE") ? 200 : 401)) {
                failures.add(where + "the latest value answered " + latestAnswer);
            }
            String stored = (node == realmA ? onA : onB).get(token.key()).json().path("state").asText();
            if (!stored.equals(state)) {
                failures.add(where + "state " + stored);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Order(7)
    void aPolicyChangedOnAIsEnforcedOnBAtOnce() {
        TokenAdminApi adminA = new KeycloakAdmin(realmA.http()).tokens(DemoRealm.NAME);
        HttpResult original = adminA.policy();
        assertEquals(200, original.status(), original::toString);
        String user = clusterUser("policy");
        TokenApi onB = realmB.tokensOf(user);
        // B reads the realm (and so caches it) before the change
        assertEquals(365, onB.policy().json().path("maxLifetimeDays").asInt(), "the default policy first");
        try {
            HttpResult changed = adminA.putPolicy(Map.of("maxLifetimeDays", 30, "defaultLifetimeDays", 30));
            assertEquals(200, changed.status(), changed::toString);

            HttpResult refused = onB.create(Map.of("name", uniqueName("ninety"), "expiresAt", in(90)));
            assertEquals(400, refused.status(), () -> "node B still allows 90 days after A set 30: " + refused);
            assertEquals(30, onB.policy().json().path("maxLifetimeDays").asInt());
            HttpResult allowed = onB.create(Map.of("name", uniqueName("twenty-nine"), "expiresAt", in(29)));
            assertEquals(201, allowed.status(), allowed::toString);
        } finally {
            HttpResult restored = adminA.putPolicy(original.json());
            assertEquals(200, restored.status(), restored::toString);
        }
    }

    /** Last: node A dies (SIGKILL) while node B serves exchanges of tokens made on both nodes. */
    @Test
    @Order(8)
    void nodeBKeepsServingWhenNodeAIsKilled() throws Exception {
        String user = clusterUser("survivor");
        List<CreatedToken> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tokens.add(realmA.tokensOf(user).createToken(uniqueName("a-" + i)));
            tokens.add(realmB.tokensOf(user).createToken(uniqueName("b-" + i)));
        }
        tokens.forEach(token -> assertExchanged(realmB.exchange(token.value())));

        AtomicBoolean running = new AtomicBoolean(true);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int i = 0; running.get(); i++) {
                CreatedToken token = tokens.get(i % tokens.size());
                long started = System.nanoTime();
                try {
                    HttpResult exchanged = realmB.exchange(token.value());
                    latencies.add((System.nanoTime() - started) / 1_000_000);
                    if (exchanged.status() != 200) {
                        failures.add(exchanged.toString());
                    }
                } catch (RuntimeException e) {
                    failures.add(token.name() + ": " + e);
                }
            }
        });
        // real seconds of load before and after the kill: what is measured is availability over wall time, which no
        // clock shift can stand in for
        Pause.of(Duration.ofSeconds(2));
        int beforeKill = latencies.size();
        Instant killed = Instant.now();
        nodeA.crash();
        assertFalse(nodeA.isRunning());
        Pause.of(AFTER_THE_KILL);
        running.set(false);
        load.get();

        long worst = latencies.stream().mapToLong(Long::longValue).max().orElse(-1);
        report.add("kill of node A: " + latencies.size() + " exchanges on B (" + (latencies.size() - beforeKill)
                + " in the " + AFTER_THE_KILL.toSeconds() + " s after the kill), " + failures.size() + " failed, slowest " + worst + " ms");
        assertEquals(List.of(), failures, "exchanges on node B that failed while node A died");

        for (CreatedToken token : tokens) {
            assertExchanged(realmB.exchange(token.value()));
        }
        CreatedToken afterwards = realmB.tokensOf(user).createToken(uniqueName("after-the-kill"));
        assertExchanged(realmB.exchange(afterwards.value()));
        assertEquals(200, realmB.tokensOf(user).patch(afterwards.key(), Map.of("state", "DISABLED")).status());
        assertRefused(realmB.exchange(afterwards.value()));
        assertEquals(1, awaitClusterView(nodeB, 1), "node B's view after the kill");
        report.add("node B's view shrank to 1 member " + Duration.between(killed, lastClusterViewTime(nodeB.log())).toMillis()
                + " ms after the kill (log time)");
    }

    /**
     * {@link #TRIES} times: a token made on A, used on B (so B has its owner cached), changed on A; then B is asked at
     * once and again until it refuses. Records the time from A's answer to B's first refusal and the number of B's
     * answers that still accepted the token.
     */
    private void measureRevocation(String change, BiFunction<TokenApi, CreatedToken, HttpResult> onA) {
        String user = clusterUser(change);
        TokenApi apiA = realmA.tokensOf(user);
        long worstMillis = 0;
        int lateRefusals = 0;
        List<String> late = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            CreatedToken token = apiA.createToken(uniqueName(change + "-" + i));
            assertExchanged(realmB.exchange(token.value()));

            HttpResult changed = onA.apply(apiA, token);
            Instant answered = Instant.now();
            assertTrue(changed.status() / 100 == 2, changed::toString);

            int accepted = 0;
            HttpResult onB = realmB.exchange(token.value());
            while (onB.status() == 200 && Duration.between(answered, Instant.now()).compareTo(REFUSAL_DEADLINE) < 0) {
                accepted++;
                onB = realmB.exchange(token.value());
            }
            long millis = Duration.between(answered, Instant.now()).toMillis();
            assertRefused(onB);
            worstMillis = Math.max(worstMillis, millis);
            if (accepted > 0) {
                lateRefusals++;
                late.add("try " + i + ": " + accepted + " accepted, refused after " + millis + " ms");
            }
            if (!change.equals("delete")) {
                assertEquals(204, apiA.delete(token.key()).status());
            }
        }
        report.add(change + " on A → refused on B: worst " + worstMillis + " ms over " + TRIES + " tries; "
                + lateRefusals + " tries where B still accepted the token at first" + (late.isEmpty() ? "" : " " + late));
        assertEquals(0, lateRefusals, () -> "node B accepted a token after node A's " + change + ": " + late);
    }

    private static int awaitClusterView(KeycloakServer node, int members) {
        return Poll.until(VIEW_DEADLINE, () -> lastClusterView(node.log()), view -> view == members);
    }

    /** The member count of the last ISPN000094 line of the log, or -1. */
    private static int lastClusterView(Path log) {
        try {
            Matcher matcher = CLUSTER_VIEW.matcher(Files.readString(log));
            int members = -1;
            while (matcher.find()) {
                members = Integer.parseInt(matcher.group(1));
            }
            return members;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the last ISPN000094 line of the log was written (Keycloak logs local time). */
    private static Instant lastClusterViewTime(Path log) {
        try {
            String last = null;
            for (String line : Files.readAllLines(log)) {
                if (line.contains("ISPN000094")) {
                    last = line;
                }
            }
            LocalDateTime time = LocalDateTime.parse(last.substring(0, 23), LOG_TIME);
            return time.atZone(ZoneId.systemDefault()).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user of the demo realm holding the role, made on node A. */
    private static String clusterUser(String purpose) {
        String username = uniqueName("cluster-" + purpose).toLowerCase();
        realmA.createUser(username);
        return username;
    }

    private static KeycloakServer node(KeycloakServer server) {
        return server
                .usePostgres("keycloak_cluster")
                .productionMode()
                .clustered();
    }

    private static String in(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void writeReport() {
        try {
            Path file = Path.of(System.getProperty("keycloak.home")).getParent().resolve("cluster-report.txt");
            Files.write(file, report);
        } catch (IOException | RuntimeException e) {
            System.out.println("cannot write the cluster report: " + e);
        }
    }
}
