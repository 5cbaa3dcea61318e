package io.github.kcpat.setup;

import org.keycloak.common.Version;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;

import io.github.kcpat.compat.TestedVersions;
import io.github.kcpat.metrics.MetricsSwitch;
import io.github.kcpat.provisioning.ProvisioningFolder;
import io.github.kcpat.reminders.ReminderSchedule;

/**
 * What the extension does when the server starts: say whether the running Keycloak is one it is tested on, prepare
 * every realm (now and whenever one is created), then, once the database is migrated and startup imports are done,
 * choose the meters, apply the provisioning folder and schedule the expiry reminders.
 */
public final class Startup {

    private Startup() {
    }

    public static void register(KeycloakSessionFactory factory, StartupOptions options) {
        TestedVersions.ofThisBuild().logFor(Version.VERSION);
        RealmSetup.registerFor(factory);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                MetricsSwitch.start(options.metricsHistograms());
                RealmSetup.prepareExisting(factory);
                options.provisioningDir().ifPresent(dir -> new ProvisioningFolder(dir).applyAll(factory));
                if (options.reminderIntervalSeconds() > 0) {
                    ReminderSchedule.start(factory, options.reminderIntervalSeconds());
                }
            }
        });
    }
}
