package io.github.kcpat.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
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
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

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
        List<String> key = List.of(door.text(), outcome);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder(DOOR_DURATION)
                    .description("Time a door took from its first step to its answer, accepted or refused token")
                    .tag("door", door.text())
                    .tag("outcome", outcome)
                    .publishPercentileHistogram(histograms)
                    .register(registry));
        }
        timer.record(System.nanoTime() - entered, TimeUnit.NANOSECONDS);
    }

    @Override
    public void used(RealmModel realm, UseDoor door, Verdict verdict) {
        boolean accepted = verdict instanceof Verdict.Accepted;
        String reason = verdict instanceof Verdict.Refused refused ? refused.reason().eventDetail() : NO_REASON;
        count(List.of(USES, realm.getName(), door.text(), reason), key -> Counter.builder(USES)
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
        String byTag = by.name().toLowerCase(Locale.ROOT);
        count(List.of(DISABLED, realm.getName(), byTag), key -> Counter.builder(DISABLED)
                .description("Active personal API tokens disabled, by whom: owner, admin or idle")
                .tag("realm", realm.getName())
                .tag("by", byTag));
    }

    @Override
    public void deleted(RealmModel realm) {
        countPerRealm(DELETED, realm, "Personal API tokens deleted");
    }

    @Override
    public void taskRan(Task task) {
        count(List.of(TASK_RUNS, task.tag), key -> Counter.builder(TASK_RUNS)
                .description("Passes of the periodic tasks on this node")
                .tag("task", task.tag));
    }

    @Override
    public void mailSent(RealmModel realm, Mail mail) {
        count(List.of(MAILS_SENT, realm.getName(), mail.tag), key -> Counter.builder(MAILS_SENT)
                .description("Mails the periodic tasks handed to the realm's SMTP server")
                .tag("realm", realm.getName())
                .tag("mail", mail.tag));
    }

    private void countPerRealm(String name, RealmModel realm, String description) {
        count(List.of(name, realm.getName()), key -> Counter.builder(name).description(description).tag("realm", realm.getName()));
    }

    private void count(List<String> key, Function<List<String>, Counter.Builder> builder) {
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> builder.apply(k).register(registry));
        }
        counter.increment();
    }
}
