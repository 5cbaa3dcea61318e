package io.github.kcpat.endpoint;

import java.nio.file.Path;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import io.github.kcpat.provisioning.ProvisioningFolder;
import io.github.kcpat.reminders.ReminderSchedule;
import io.github.kcpat.setup.RealmSetup;

/**
 * Mounts {@code /realms/{realm}/personal-api-tokens}, prepares every realm, and at startup applies the
 * provisioning folder named by {@code --spi-realm-restapi-extension--personal-api-tokens--provisioning-dir} and
 * schedules the expiry reminders ({@code ...--reminder-interval}, seconds, default one hour; 0 turns them off).
 */
public final class PersonalApiTokensResourceProviderFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "personal-api-tokens";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PersonalApiTokensResourceProvider(session);
    }

    private String provisioningDir;
    private long reminderIntervalSeconds;

    @Override
    public void init(Config.Scope config) {
        provisioningDir = config.get("provisioningDir");
        reminderIntervalSeconds = config.getLong("reminderInterval", 3600L);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        RealmSetup.registerFor(factory);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                RealmSetup.prepareExisting(factory);
                if (provisioningDir != null && !provisioningDir.isBlank()) {
                    new ProvisioningFolder(Path.of(provisioningDir)).applyAll(factory);
                }
                if (reminderIntervalSeconds > 0) {
                    ReminderSchedule.start(factory, reminderIntervalSeconds);
                }
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        String version = getClass().getPackage().getImplementationVersion();
        return Map.of("version", version == null ? "development" : version);
    }
}
