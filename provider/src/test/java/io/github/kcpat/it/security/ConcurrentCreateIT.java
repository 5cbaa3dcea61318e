package io.github.kcpat.it.security;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-user limits hold when a user (or a script with a stolen login) fires creates in parallel: the count and
 * the names are checked under a lock on the owner, against the database, not against what each request's user cache
 * remembered.
 */
@ExtendWith(KeycloakExtension.class)
class ConcurrentCreateIT {

    private static final int PARALLEL = 20;

    private final DemoRealm realm;
    private final TokenAdminApi admin;

    ConcurrentCreateIT(DemoRealm realm) {
        this.realm = realm;
        this.admin = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
    }

    /** Attack: 20 parallel creates at maxTokensPerUser 5 each saw room for one more (the old code made 7). */
    @Test
    void twentyParallelCreatesAtALimitOfFiveMakeExactlyFive() {
        String username = uniqueName("parallel-limit").toLowerCase();
        String userId = realm.createUser(username);
        HttpResult original = admin.policy();
        assertEquals(200, original.status(), original::toString);
        try {
            HttpResult limited = admin.putPolicy(Map.of("maxTokensPerUser", 5));
            assertEquals(200, limited.status(), limited::toString);
            TokenApi user = realm.tokensOf(username);

            List<HttpResult> answers = inParallel(i -> user.create(Map.of("name", uniqueName("parallel-" + i))));

            List<HttpResult> created = answers.stream().filter(answer -> answer.status() == 201).toList();
            assertEquals(5, created.size(), () -> "created " + created.size() + " of " + PARALLEL + ": " + answers);
            answers.stream().filter(answer -> answer.status() != 201).forEach(refused -> {
                assertError(refused, 400, "invalid_request");
                assertTrue(refused.json().path("error_description").asText().contains("at most 5 tokens"), refused::toString);
            });
            assertEquals(5, user.count());
        } finally {
            restore(original.json());
            realm.deleteUser(userId);
        }
    }

    /** Attack: 20 parallel creates of one name each saw the name free, so one user held several tokens of that name. */
    @Test
    void twentyParallelCreatesOfOneNameMakeExactlyOne() {
        String username = uniqueName("parallel-name").toLowerCase();
        String userId = realm.createUser(username);
        try {
            TokenApi user = realm.tokensOf(username);
            String name = uniqueName("same name");

            List<HttpResult> answers = inParallel(i -> user.create(Map.of("name", i % 2 == 0 ? name : name.toUpperCase())));

            List<HttpResult> created = answers.stream().filter(answer -> answer.status() == 201).toList();
            assertEquals(1, created.size(), () -> "created " + created.size() + " of " + PARALLEL + ": " + answers);
            answers.stream().filter(answer -> answer.status() != 201).forEach(refused -> assertError(refused, 409, "conflict"));
            assertEquals(1, user.count());
        } finally {
            realm.deleteUser(userId);
        }
    }

    /** Runs {@link #PARALLEL} calls released at the same moment, and returns their answers. */
    private static List<HttpResult> inParallel(Function<Integer, HttpResult> call) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<HttpResult>> calls = new ArrayList<>();
            IntStream.range(0, PARALLEL).forEach(i -> calls.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(start);
                return call.apply(i);
            }, pool)));
            start.countDown();
            return calls.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void restore(JsonNode policy) {
        HttpResult restored = admin.putPolicy(policy);
        assertEquals(200, restored.status(), restored::toString);
    }
}
