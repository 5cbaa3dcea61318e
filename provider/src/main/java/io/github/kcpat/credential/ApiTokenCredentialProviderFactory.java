package io.github.kcpat.credential;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

import io.github.kcpat.spi.Factories;

/**
 * The credential type, and this node's memories of the hot path: they live as long as this factory, that is as
 * long as the server, and every request reaches them through its session.
 */
public final class ApiTokenCredentialProviderFactory implements CredentialProviderFactory<ApiTokenCredentialProvider> {

    public static final String PROVIDER_ID = ApiTokenCredentialModel.TYPE;

    private final UnknownKeyCache unknownKeys = new UnknownKeyCache();
    private final KeyOwnerCache keyOwners = new KeyOwnerCache(KeyOwnerCache.CAPACITY);
    private final ParsedData parsedData = new ParsedData(ParsedData.CAPACITY);
    private final LastUsedRecorder lastUse = new LastUsedRecorder();

    static ApiTokenCredentialProviderFactory of(KeycloakSession session) {
        return Factories.of(session, CredentialProvider.class, PROVIDER_ID, ApiTokenCredentialProviderFactory.class);
    }

    @Override
    public ApiTokenCredentialProvider create(KeycloakSession session) {
        return new ApiTokenCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    UnknownKeyCache unknownKeys() {
        return unknownKeys;
    }

    KeyOwnerCache keyOwners() {
        return keyOwners;
    }

    ParsedData parsedData() {
        return parsedData;
    }

    LastUsedRecorder lastUse() {
        return lastUse;
    }
}
