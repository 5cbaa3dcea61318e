package io.github.kcpat.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.keycloak.common.util.Time;

/**
 * The one time source of the server side: Keycloak's {@link Time}, which also dates the JWTs, sessions and
 * {@code auth_time} we compare against. Its offset moves our clock with Keycloak's, which is how the
 * integration tests travel in time instead of waiting. Code takes a {@link Clock}, so unit tests pass a fixed one.
 */
public final class ServerClock extends Clock {

    public static final ServerClock INSTANCE = new ServerClock();

    private ServerClock() {
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }

    @Override
    public long millis() {
        return Time.currentTimeMillis();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(this, java.time.Duration.ZERO).withZone(zone);
    }
}
