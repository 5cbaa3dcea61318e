package io.github.kcpat.spi;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/** Reaches one of our provider factories, and the per-node state it owns, from any session. */
public final class Factories {

    private Factories() {
    }

    public static <F extends ProviderFactory<?>> F of(KeycloakSession session, Class<? extends Provider> spi, String id,
            Class<F> type) {
        return type.cast(session.getKeycloakSessionFactory().getProviderFactory(spi, id));
    }
}
