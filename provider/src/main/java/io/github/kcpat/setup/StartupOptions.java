package io.github.kcpat.setup;

import java.nio.file.Path;
import java.util.Optional;

import org.keycloak.Config;

/**
 * The extension's server options, read once at startup from
 * {@code --spi-realm-restapi-extension--personal-api-tokens--<option>}:
 * {@code provisioning-dir} (a folder of token files applied at startup; none by default),
 * {@code reminder-interval} (seconds between expiry-reminder passes, default one hour; 0 turns them off) and
 * {@code metrics-histograms-enabled} (latency histogram buckets on {@code /metrics}; off by default).
 */
public record StartupOptions(Optional<Path> provisioningDir, long reminderIntervalSeconds, boolean metricsHistograms) {

    public static final long DEFAULT_REMINDER_INTERVAL_SECONDS = 3600L;

    public static StartupOptions from(Config.Scope config) {
        String dir = config.get("provisioningDir");
        return new StartupOptions(
                dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)),
                config.getLong("reminderInterval", DEFAULT_REMINDER_INTERVAL_SECONDS),
                config.getBoolean("metricsHistogramsEnabled", false));
    }
}
