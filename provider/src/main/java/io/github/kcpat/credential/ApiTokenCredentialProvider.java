package io.github.kcpat.credential;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Stores tokens through the user's credential manager, so Keycloak's caches stay in step on every node. */
public final class ApiTokenCredentialProvider implements CredentialProvider<ApiTokenCredentialModel> {

    private final KeycloakSession session;

    ApiTokenCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return ApiTokenCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, ApiTokenCredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public ApiTokenCredentialModel getCredentialFromModel(CredentialModel model) {
        return ApiTokenCredentialModel.from(model);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.BASIC_AUTHENTICATION)
                .displayName("personal-api-token-display-name")
                .helpText("personal-api-token-help-text")
                .iconCssClass("kcAuthenticatorPasswordClass")
                .removeable(true)
                .build(session);
    }
}
