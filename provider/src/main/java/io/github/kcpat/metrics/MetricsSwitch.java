package io.github.kcpat.metrics;

import io.micrometer.core.instrument.Metrics;

import org.jboss.logging.Logger;

/**
 * Chooses the meters once, at startup: Keycloak's Micrometer registry when Keycloak runs with
 * {@code --metrics-enabled=true} (Quarkus then adds its Prometheus registry to Micrometer's global one), else
 * {@link TokenMetrics#OFF}.
 */
public final class MetricsSwitch {

    private static final Logger LOG = Logger.getLogger(MetricsSwitch.class);

    private static volatile TokenMetrics current = TokenMetrics.OFF;

    private MetricsSwitch() {
    }

    static TokenMetrics current() {
        return current;
    }

    /** {@code histograms}: latency histogram buckets as well (off by default, as Keycloak's own HTTP metrics). */
    public static void start(boolean histograms) {
        current = chosen(histograms);
    }

    private static TokenMetrics chosen(boolean histograms) {
        try {
            if (Metrics.globalRegistry.getRegistries().isEmpty()) {
                LOG.debug("Keycloak's metrics are off: personal API tokens are not metered");
                return TokenMetrics.OFF;
            }
            LOG.infof("personal API token metrics on (personal_api_tokens_*)%s", histograms ? ", with latency histograms" : "");
            return new MicrometerMetrics(Metrics.globalRegistry, histograms);
        } catch (LinkageError e) {
            // a Keycloak without Micrometer: nothing to meter into
            return TokenMetrics.OFF;
        }
    }
}
