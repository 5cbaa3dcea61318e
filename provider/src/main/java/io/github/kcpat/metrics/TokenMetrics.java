package io.github.kcpat.metrics;

import org.keycloak.models.RealmModel;

import io.github.kcpat.credential.DisabledBy;
import io.github.kcpat.verify.UseDoor;
import io.github.kcpat.verify.Verdict;

/**
 * What the extension counts and times for Keycloak's {@code /metrics}. Every method does nothing by default, which
 * is what {@link #current()} answers unless Keycloak runs with metrics on ({@link MetricsSwitch}): then no clock is
 * read and no tag is built. No meter carries a token, key or username; tags are realm names, doors, reasons.
 */
public interface TokenMetrics {

    TokenMetrics OFF = new TokenMetrics() {
    };

    /** The meters of this server: {@link #OFF} until startup found Keycloak's metrics on. */
    static TokenMetrics current() {
        return MetricsSwitch.current();
    }

    /** The periodic tasks, as the tag {@code task} names them. */
    enum Task {
        EXPIRY_REMINDERS("expiry-reminders"), IDLE_TOKENS("idle-tokens");

        final String tag;

        Task(String tag) {
            this.tag = tag;
        }
    }

    /** The mails of the periodic tasks, as the tag {@code mail} names them. */
    enum Mail {
        EXPIRY_REMINDER("expiry-reminder"), IDLE_WARNING("idle-warning"), IDLE_DISABLED("idle-disabled");

        final String tag;

        Mail(String tag) {
            this.tag = tag;
        }
    }

    /** A door's first step: the start of its latency, or 0 when nothing is timed. */
    default long doorEntered() {
        return 0;
    }

    /** A door answered after deciding on a token (accepted or refused), {@code entered} as {@link #doorEntered()} gave it. */
    default void doorAnswered(UseDoor door, boolean accepted, long entered) {
    }

    /** A presented token was decided on at {@code door}. */
    default void used(RealmModel realm, UseDoor door, Verdict verdict) {
    }

    default void created(RealmModel realm) {
    }

    default void rotated(RealmModel realm) {
    }

    /** An active token became disabled, by {@code by}. */
    default void disabled(RealmModel realm, DisabledBy by) {
    }

    default void deleted(RealmModel realm) {
    }

    /** A periodic task ran on this node (one node of a cluster runs each pass). */
    default void taskRan(Task task) {
    }

    default void mailSent(RealmModel realm, Mail mail) {
    }
}
