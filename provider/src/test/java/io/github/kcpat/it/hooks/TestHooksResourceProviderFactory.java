package io.github.kcpat.it.hooks;

import io.github.kcpat.spi.NoLifecycle;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Test-only: mounts {@code /realms/master/test-hooks} ({@link TestHooksResource}), what Keycloak's own testsuite reaches
 * inside its server: the clock, the database, the log levels. It is never in the shipped JAR: the integration-test
 * harness packs this package into a JAR of its own ({@code TestHooksJar}) and puts it next to ours in the test servers'
 * {@code providers/} only (Keycloak loads every provider JAR in one class loader, so ours is visible here).
 */
public final class TestHooksResourceProviderFactory implements RealmResourceProviderFactory, NoLifecycle<RealmResourceProvider> {

    public static final String PROVIDER_ID = "test-hooks";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new TestHooksResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
