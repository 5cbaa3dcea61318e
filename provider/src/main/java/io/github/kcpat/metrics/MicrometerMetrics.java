package io.github.kcpat.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.keycloak.models.RealmModel;

import io.github.kcpat.credential.DisabledBy;
import io.github.kcpat.verify.UseDoor;
import io.github.kcpat.verify.Verdict;

/**
 * The meters in a Micrometer registry. Names use dots, which the Prometheus output turns into
 * {@code personal_api_tokens_…} (counters end in {@code _total}, the timer in {@code _seconds}). Each meter is looked up
 * once per tag combination and kept, so a use costs a map lookup, not a registration.
 */
final class MicrometerMetrics implements TokenMetrics {

    static final String USES = "personal.api.tokens.uses";
    static final String DOOR_DURATION = "personal.api.tokens.door.duration";
    static final String CREATED = "personal.api.tokens.created";
    static final String ROTATED = "personal.api.tokens.rotated";
    static final String DISABLED = "personal.api.tokens.disabled";
    static final String DELETED = "personal.api.tokens.deleted";
    static final String TASK_RUNS = "personal.api.tokens.task.runs";
    static final String MAILS_SENT = "personal.api.tokens.mails.sent";

    static final String ACCEPTED = "accepted";
    static final String REFUSED = "refused";
    /** The reason of an accepted use: every series of a metric has the same labels. */
    static final String NO_REASON = "none";

    private final MeterRegistry registry;
    private final boolean histograms;
    /** Every meter registered so far, by its name and tag values. */
    private final Map<List<String>, Meter> meters = new ConcurrentHashMap<>();

    MicrometerMetrics(MeterRegistry registry, boolean histograms) {
        this.registry = registry;
        this.histograms = histograms;
    }

    @Override
    public long doorEntered() {
        return System.nanoTime();
    }

    @Override
    public void doorAnswered(UseDoor door, boolean accepted, long entered) {
        String outcome = accepted ? ACCEPTED : REFUSED;
        Timer timer = meter(List.of(DOOR_DURATION, door.text(), outcome), () -> Timer.builder(DOOR_DURATION)
                .description("Time a door took from its first step to its answer, accepted or refused token")
                .tag("door", door.text())
                .tag("outcome", outcome)
                .publishPercentileHistogram(histograms)
                .register(registry));
        timer.record(System.nanoTime() - entered, TimeUnit.NANOSECONDS);
    }

    @Override
    public void used(RealmModel realm, UseDoor door, Verdict verdict) {
        boolean accepted = verdict instanceof Verdict.Accepted;
        String reason = verdict instanceof Verdict.Refused refused ? refused.reason().eventDetail() : NO_REASON;
        count(List.of(USES, realm.getName(), door.text(), reason), () -> Counter.builder(USES)
                .description("Personal API tokens presented at a door, by realm, door, outcome and refusal reason")
                .tag("realm", realm.getName())
                .tag("door", door.text())
                .tag("outcome", accepted ? ACCEPTED : REFUSED)
                .tag("reason", reason));
    }

    @Override
    public void created(RealmModel realm) {
        countPerRealm(CREATED, realm, "Personal API tokens created (self-service, admin, provisioning)");
    }

    @Override
    public void rotated(RealmModel realm) {
        countPerRealm(ROTATED, realm, "Personal API tokens given a new value");
    }

    @Override
    public void disabled(RealmModel realm, DisabledBy by) {
        count(List.of(DISABLED, realm.getName(), by.text()), () -> Counter.builder(DISABLED)
                .description("Active personal API tokens disabled, by whom: owner, admin or idle")
                .tag("realm", realm.getName())
                .tag("by", by.text()));
    }

    @Override
    public void deleted(RealmModel realm) {
        countPerRealm(DELETED, realm, "Personal API tokens deleted");
    }

    @Override
    public void taskRan(Task task) {
        count(List.of(TASK_RUNS, task.tag), () -> Counter.builder(TASK_RUNS)
                .description("Passes of the periodic tasks on this node")
                .tag("task", task.tag));
    }

    @Override
    public void mailSent(RealmModel realm, Mail mail) {
        count(List.of(MAILS_SENT, realm.getName(), mail.tag), () -> Counter.builder(MAILS_SENT)
                .description("Mails the periodic tasks handed to the realm's SMTP server")
                .tag("realm", realm.getName())
                .tag("mail", mail.tag));
    }

    private void countPerRealm(String name, RealmModel realm, String description) {
        count(List.of(name, realm.getName()), () -> Counter.builder(name).description(description).tag("realm", realm.getName()));
    }

    private void count(List<String> key, Supplier<Counter.Builder> builder) {
        this.<Counter>meter(key, () -> builder.get().register(registry)).increment();
    }

    /** The meter of {@code key}, registered by {@code register} the first time (a plain read after that). */
    @SuppressWarnings("unchecked")
    private <M extends Meter> M meter(List<String> key, Supplier<M> register) {
        Meter meter = meters.get(key);
        return (M) (meter != null ? meter : meters.computeIfAbsent(key, k -> register.get()));
    }
}
