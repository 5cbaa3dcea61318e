package io.github.kcpat.it.hooks;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Test-only: mounts {@code /realms/master/test-hooks} ({@link TestHooksResource}), what Keycloak's own testsuite reaches
 * inside its server: the clock, the database, the log levels. It is never in the shipped JAR: the integration-test
 * harness packs this package into a JAR of its own ({@code TestHooksJar}) and puts it next to ours in the test servers'
 * {@code providers/} only.
 */
public final class TestHooksResourceProviderFactory implements RealmResourceProviderFactory {

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
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
