package io.github.kcpat.exchange;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.protocol.oidc.TokenExchangeProviderFactory;

import io.github.kcpat.spi.NoLifecycle;

public final class ApiTokenExchangeProviderFactory implements TokenExchangeProviderFactory, NoLifecycle<TokenExchangeProvider> {

    public static final String PROVIDER_ID = "personal-api-token";

    @Override
    public TokenExchangeProvider create(KeycloakSession session) {
        return new ApiTokenExchangeProvider();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    /** Above Keycloak's own providers (standard 10, external-internal 20): it only claims our subject_token_type. */
    @Override
    public int order() {
        return 100;
    }
}
