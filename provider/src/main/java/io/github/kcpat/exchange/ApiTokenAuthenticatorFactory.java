package io.github.kcpat.exchange;

import java.util.List;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import io.github.kcpat.spi.NoLifecycle;

public final class ApiTokenAuthenticatorFactory implements AuthenticatorFactory, NoLifecycle<Authenticator> {

    public static final String PROVIDER_ID = "personal-api-token-authenticator";
    private static final Authenticator SINGLETON = new ApiTokenAuthenticator();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Personal API Token";
    }

    @Override
    public String getHelpText() {
        return "Direct Grant: authenticates the user named by 'username' with one of their personal API tokens given as 'password'.";
    }

    /**
     * None: tied to no credential type, the account console does not offer tokens as a sign-in method, and
     * Keycloak's brute-force detection counts the failures (it skips authenticators of unknown categories).
     */
    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.DISABLED };
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
