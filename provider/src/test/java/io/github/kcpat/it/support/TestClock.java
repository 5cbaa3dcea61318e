package io.github.kcpat.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Travels in time on a test server instead of waiting: {@code PUT /realms/master/test-hooks/clock/offset} (the
 * test-only provider of {@code it/hooks}) moves Keycloak's clock, which our code reads through {@code ServerClock}. The offset
 * is the server's whole JVM: a test that shifts it runs alone on that server (the shared server's classes run one
 * after the other; only classes with servers of their own run beside them) and calls {@link #reset()} in a
 * {@code finally} or {@code @AfterEach}/{@code @AfterAll}. {@link #serverNow(Http)} is a server's time as this JVM last
 * set it, so cached admin tokens are renewed in time — per server, as the servers of their own are never shifted.
 */
public final class TestClock {

    /** The offset this JVM last set on the server it shifted ({@link #serverNow()}). */
    private static volatile long offsetSeconds;
    /** Per base URL: the offset this JVM last set on that server. */
    private static final Map<String, Long> OFFSETS = new ConcurrentHashMap<>();

    private final Http http;
    private final AdminLogin admin;

    private TestClock(Http http) {
        this.http = http;
        this.admin = AdminLogin.master(http);
    }

    public static TestClock of(Http http) {
        return new TestClock(http);
    }

    public static TestClock of(KeycloakServer server) {
        return of(new Http(server.baseUrl()));
    }

    /** The shifted server time (now, plus the offset this JVM last set on a test server). */
    public static Instant serverNow() {
        return Instant.now().plusSeconds(offsetSeconds);
    }

    /** The time of the server {@code http} talks to: now, plus the offset this JVM last set there. */
    public static Instant serverNow(Http http) {
        return Instant.now().plusSeconds(OFFSETS.getOrDefault(http.baseUrl(), 0L));
    }

    /** Moves the server's clock {@code by} further ahead (whole seconds, rounded up). */
    public void shiftBy(Duration by) {
        long seconds = by.toSeconds() + (by.toNanosPart() > 0 ? 1 : 0);
        set(Math.toIntExact(OFFSETS.getOrDefault(http.baseUrl(), 0L) + seconds));
    }

    /** Puts the server's clock back to real time. */
    public void reset() {
        set(0);
    }

    private void set(int seconds) {
        HttpResult result = http.putJson("/realms/master/test-hooks/clock/offset", Map.of("seconds", seconds), admin.headers());
        assertEquals(200, result.status(), result::toString);
        offsetSeconds = seconds;
        OFFSETS.put(http.baseUrl(), (long) seconds);
    }
}
