package io.github.kcpat.credential;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds a token's credential by its key without scanning users or credentials: the owner comes from
 * a per-node cache, else from one primary-key query; the credential itself from the owner's
 * (cached) credentials.
 */
public final class TokenLookup {

    private TokenLookup() {
    }

    public static Optional<OwnedToken> find(KeycloakSession session, RealmModel realm, String key) {
        KeyOwnerCache owners = ApiTokenCredentialProviderFactory.of(session).keyOwners();
        String cachedOwner = owners.get(realm.getId(), key);
        if (cachedOwner != null) {
            Optional<OwnedToken> found = load(session, realm, cachedOwner, key);
            if (found.isPresent()) {
                return found;
            }
            owners.forget(realm.getId(), key);
        }
        Optional<OwnedToken> found = ownerOf(session, realm, key).flatMap(owner -> load(session, realm, owner, key));
        found.ifPresent(token -> owners.put(realm.getId(), key, token.owner().getId()));
        return found;
    }

    /** True when any stored credential, of any user, realm or type, already has this id. */
    public static boolean keyExists(KeycloakSession session, String key) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        return !em.createQuery("select c.id from CredentialEntity c where c.id = :key", String.class)
                .setParameter("key", key).getResultList().isEmpty()
                || !em.createQuery("select c.id from FederatedUserCredentialEntity c where c.id = :key", String.class)
                .setParameter("key", key).getResultList().isEmpty();
    }

    static Optional<OwnedToken> load(KeycloakSession session, RealmModel realm, String userId, String key) {
        UserModel owner = session.users().getUserById(realm, userId);
        if (owner == null) {
            return Optional.empty();
        }
        CredentialModel stored = owner.credentialManager().getStoredCredentialById(key);
        if (stored == null || !ApiTokenCredentialModel.TYPE.equals(stored.getType())) {
            return Optional.empty();
        }
        return Optional.of(new OwnedToken(owner, ApiTokenCredentialModel.from(stored, ApiTokenCredentialProviderFactory.of(session).parsedData())));
    }

    /** Local users' credentials, then those Keycloak keeps for federated users (LDAP without import). */
    private static Optional<String> ownerOf(KeycloakSession session, RealmModel realm, String key) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        List<String> local = em.createQuery(
                        "select c.user.id from CredentialEntity c where c.id = :key and c.type = :type", String.class)
                .setParameter("key", key)
                .setParameter("type", ApiTokenCredentialModel.TYPE)
                .getResultList();
        if (!local.isEmpty()) {
            return Optional.of(local.get(0));
        }
        List<String> federated = em.createQuery(
                        "select c.userId from FederatedUserCredentialEntity c"
                                + " where c.id = :key and c.type = :type and c.realmId = :realm", String.class)
                .setParameter("key", key)
                .setParameter("type", ApiTokenCredentialModel.TYPE)
                .setParameter("realm", realm.getId())
                .getResultList();
        return federated.stream().findFirst();
    }
}
