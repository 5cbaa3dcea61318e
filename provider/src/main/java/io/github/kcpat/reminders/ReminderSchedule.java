package io.github.kcpat.reminders;

import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.TimerProvider;

import io.github.kcpat.idle.IdleTokens;
import io.github.kcpat.time.ServerClock;

/** Runs the expiry reminders and the idle task every interval, on one node of a cluster at a time. */
public final class ReminderSchedule {

    static final String TASK = "personal-api-token-expiry-reminders";

    private ReminderSchedule() {
    }

    public static void start(KeycloakSessionFactory factory, long intervalSeconds) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .schedule(() -> runOnce(factory, intervalSeconds), intervalSeconds * 1000, TASK));
    }

    static void runOnce(KeycloakSessionFactory factory, long intervalSeconds) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                .executeIfNotExecuted(TASK, (int) Math.max(intervalSeconds, 60), () -> {
                    ExpiryReminders.run(factory, ServerClock.INSTANCE.instant());
                    IdleTokens.run(factory, ServerClock.INSTANCE.instant());
                    return null;
                }));
    }
}
