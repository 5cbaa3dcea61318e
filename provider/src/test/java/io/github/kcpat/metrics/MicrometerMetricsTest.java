package io.github.kcpat.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

import org.junit.jupiter.api.Test;

import io.github.kcpat.verify.UseDoor;

class MicrometerMetricsTest {

    @Test
    void withoutAnyRegistryNothingIsMetered() {
        assertTrue(Metrics.globalRegistry.getRegistries().isEmpty(), "this JVM has no metrics registry");
        MetricsSwitch.start(true);
        assertSame(TokenMetrics.OFF, TokenMetrics.current());
        assertEquals(0, TokenMetrics.OFF.doorEntered(), "the clock is read when nothing is timed");
    }

    @Test
    void aDoorIsTimedByDoorAndOutcomeWithoutHistogramBucketsUnlessAsked() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetrics metrics = new MicrometerMetrics(registry, false);
        metrics.doorAnswered(UseDoor.FORWARD_AUTH, true, metrics.doorEntered());
        metrics.doorAnswered(UseDoor.FORWARD_AUTH, true, metrics.doorEntered());
        metrics.doorAnswered(UseDoor.FORWARD_AUTH, false, metrics.doorEntered());

        String scraped = registry.scrape();
        assertTrue(scraped.contains("personal_api_tokens_door_duration_seconds_count{door=\"forward-auth\",outcome=\"accepted\",} 2.0"),
                scraped);
        assertTrue(scraped.contains("personal_api_tokens_door_duration_seconds_count{door=\"forward-auth\",outcome=\"refused\",} 1.0"),
                scraped);
        assertFalse(scraped.contains("_bucket"), scraped);

        PrometheusMeterRegistry withBuckets = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetrics histograms = new MicrometerMetrics(withBuckets, true);
        histograms.doorAnswered(UseDoor.EXCHANGE, true, histograms.doorEntered());
        assertTrue(withBuckets.scrape().contains("personal_api_tokens_door_duration_seconds_bucket{door=\"exchange\",outcome=\"accepted\",le="),
                withBuckets::scrape);
    }

    @Test
    void taskPassesAreCountedPerTask() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetrics metrics = new MicrometerMetrics(registry, false);
        metrics.taskRan(TokenMetrics.Task.IDLE_TOKENS);
        metrics.taskRan(TokenMetrics.Task.IDLE_TOKENS);
        metrics.taskRan(TokenMetrics.Task.EXPIRY_REMINDERS);

        String scraped = registry.scrape();
        assertTrue(scraped.contains("personal_api_tokens_task_runs_total{task=\"idle-tokens\",} 2.0"), scraped);
        assertTrue(scraped.contains("personal_api_tokens_task_runs_total{task=\"expiry-reminders\",} 1.0"), scraped);
    }
}
