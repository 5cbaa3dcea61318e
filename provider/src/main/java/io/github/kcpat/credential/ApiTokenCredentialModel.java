package io.github.kcpat.credential;

import java.time.Instant;

import org.keycloak.credential.CredentialModel;

import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.StoredCredential;

/**
 * A personal API token as a Keycloak credential: id = the token's key, user label = its name,
 * credential data = {@link TokenData}, secret data = the SHA-256 of its secret.
 */
public final class ApiTokenCredentialModel extends CredentialModel {

    public static final String TYPE = StoredCredential.TYPE;

    private final TokenData data;

    private ApiTokenCredentialModel(TokenData data) {
        this.data = data;
    }

    public static ApiTokenCredentialModel create(ApiToken token, String name, TokenData data, Instant now) {
        ApiTokenCredentialModel model = new ApiTokenCredentialModel(data);
        model.setId(token.key());
        model.setType(TYPE);
        model.setUserLabel(name);
        model.setCreatedDate(now.toEpochMilli());
        model.setCredentialData(StoredJson.write(data));
        model.setSecretData(StoredJson.writeSecret(token));
        return model;
    }

    public static ApiTokenCredentialModel from(CredentialModel stored) {
        return from(stored, StoredJson.readData(stored.getCredentialData()));
    }

    /** On the hot path: the data as {@code parsed} remembers it, parsed once per node and version. */
    static ApiTokenCredentialModel from(CredentialModel stored, ParsedData parsed) {
        return from(stored, parsed.read(stored.getCredentialData()));
    }

    private static ApiTokenCredentialModel from(CredentialModel stored, TokenData data) {
        ApiTokenCredentialModel model = new ApiTokenCredentialModel(data);
        copyInto(stored, model);
        model.setCredentialData(stored.getCredentialData());
        return model;
    }

    public String key() {
        return getId();
    }

    public String name() {
        return getUserLabel();
    }

    public TokenData data() {
        return data;
    }

    public Instant createdAt() {
        return getCreatedDate() == null ? null : Instant.ofEpochMilli(getCreatedDate());
    }

    /** True when the presented token carries this credential's secret. */
    public boolean isSecretOf(ApiToken token) {
        return token.key().equals(getId()) && token.matches(StoredJson.readSecret(getSecretData()).hashBytes());
    }

    /** True when the presented token carries the secret a rotation replaced, and its overlap lasts at {@code now}. */
    public boolean isPreviousSecretOf(ApiToken token, Instant now) {
        if (!token.key().equals(getId()) || !data.previousSecretWorksAt(now)) {
            return false;
        }
        byte[] previous = StoredJson.readSecret(getSecretData()).previousHashBytes();
        return previous != null && token.matches(previous);
    }

    /** The same credential with {@code newData}; data without a previous secret drops that secret's hash too. */
    public ApiTokenCredentialModel with(TokenData newData) {
        ApiTokenCredentialModel changed = new ApiTokenCredentialModel(newData);
        copyInto(this, changed);
        changed.setCredentialData(StoredJson.write(newData));
        if (newData.previousSecret() == null && getSecretData() != null) {
            StoredCredential.Secret secret = StoredJson.readSecret(getSecretData());
            if (secret.previousHash() != null) {
                changed.setSecretData(StoredJson.writeSecret(secret.withoutPrevious()));
            }
        }
        return changed;
    }

    public ApiTokenCredentialModel named(String newName) {
        ApiTokenCredentialModel changed = with(data);
        changed.setUserLabel(newName);
        return changed;
    }

    /**
     * The same credential holding the hash of a new secret for the same key (rotation). With {@code previousUntil}
     * the secret it replaces keeps working until then (an overlap; an older previous secret ends at once); without,
     * only the new one works.
     */
    public ApiTokenCredentialModel withSecretOf(ApiToken token, Instant previousUntil, Instant now) {
        ApiTokenCredentialModel changed = with(data.withPreviousSecret(
                previousUntil == null ? null : new PreviousSecret(previousUntil, null), now));
        changed.setSecretData(previousUntil == null ? StoredJson.writeSecret(token)
                : StoredJson.writeSecret(StoredJson.readSecret(getSecretData()).rotatedTo(token)));
        return changed;
    }

    private static void copyInto(CredentialModel source, CredentialModel target) {
        target.setId(source.getId());
        target.setType(source.getType());
        target.setUserLabel(source.getUserLabel());
        target.setCreatedDate(source.getCreatedDate());
        target.setSecretData(source.getSecretData());
        target.setFederationLink(source.getFederationLink());
    }
}
