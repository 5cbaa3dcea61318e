package io.github.kcpat.rest;

import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import io.github.kcpat.exchange.MintedTokenCache;
import io.github.kcpat.setup.Startup;
import io.github.kcpat.spi.Factories;
import io.github.kcpat.setup.StartupOptions;

/**
 * Mounts {@code /realms/{realm}/personal-api-tokens}; its options and what happens at startup are in
 * {@link StartupOptions} and {@link Startup}. It keeps what the doors it serves remember on this node: the JWTs
 * forward-auth minted.
 */
public final class PersonalApiTokensResourceProviderFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "personal-api-tokens";

    private final MintedTokenCache mintedTokens = new MintedTokenCache();
    private StartupOptions options;

    static PersonalApiTokensResourceProviderFactory of(KeycloakSession session) {
        return Factories.of(session, RealmResourceProvider.class, PROVIDER_ID, PersonalApiTokensResourceProviderFactory.class);
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PersonalApiTokensResourceProvider(session);
    }

    MintedTokenCache mintedTokens() {
        return mintedTokens;
    }

    @Override
    public void init(Config.Scope config) {
        options = StartupOptions.from(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        Startup.register(factory, options);
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
