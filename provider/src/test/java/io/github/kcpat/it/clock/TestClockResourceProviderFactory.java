package io.github.kcpat.it.clock;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Test-only: mounts {@code /realms/master/test-clock}, which shifts Keycloak's clock ({@code Time.setOffset}) so that
 * expiry, {@code auth_time} and every other server-side time move without the tests waiting. It is never in the
 * shipped JAR: the integration-test harness packs this package into a JAR of its own ({@code TestClockJar}) and puts it
 * next to ours in the test servers' {@code providers/} only.
 */
public final class TestClockResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "test-clock";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new TestClockResource(session);
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
