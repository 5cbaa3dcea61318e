package io.github.kcpat.credential;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.storage.StorageId;

/**
 * The one way a stored token changes after its creation. Keycloak's {@code updateStoredCredential} copies every
 * field of a model read earlier (from the user cache, maybe before another node's commit) over the row, so a
 * last-use write could bring back a rotated secret or re-enable a disabled token. Here the row is read afresh under
 * a row lock ({@code select … for update}) until the transaction ends, the caller's change is applied to that fresh
 * state, only then written back, and the owner evicted from Keycloak's user cache on every node.
 */
public final class CredentialWrites {

    private CredentialWrites() {
    }

    /**
     * Applies {@code change} to the token as stored now and stores the result.
     *
     * @param change a function of the fresh token that alters only what the caller means to alter; it may throw
     *               to refuse the change, and return its argument to write nothing
     * @return the token as stored afterwards, or empty when the owner has no such token (any more)
     */
    public static Optional<ApiTokenCredentialModel> change(KeycloakSession session, RealmModel realm, UserModel owner,
            String key, UnaryOperator<ApiTokenCredentialModel> change) {
        Store store = Store.of(owner);
        EntityManager em = em(session);
        List<Object[]> rows = em.createQuery("select c.userLabel, c.createdDate, c.credentialData, c.secretData from "
                        + store.entity + " c where c.id = :key and c.type = :type and " + store.ownedBy, Object[].class)
                .setParameter("key", key)
                .setParameter("type", ApiTokenCredentialModel.TYPE)
                .setParameter("owner", owner.getId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        ApiTokenCredentialModel fresh = fromRow(key, rows.get(0));
        ApiTokenCredentialModel changed = change.apply(fresh);
        if (sameContent(fresh, changed)) {
            return Optional.of(fresh);
        }
        // a bulk update: whatever entity of this row an earlier read left in the persistence context cannot leak in
        em.createQuery("update " + store.entity + " c set c.userLabel = :label, c.credentialData = :data,"
                        + " c.secretData = :secret" + store.versionBump + " where c.id = :key")
                .setParameter("label", changed.getUserLabel())
                .setParameter("data", changed.getCredentialData())
                .setParameter("secret", changed.getSecretData())
                .setParameter("key", key)
                .executeUpdate();
        UserCache cache = session.getProvider(UserCache.class);
        if (cache != null) {
            cache.evict(realm, owner);
        }
        return Optional.of(changed);
    }

    /**
     * Serializes the changes that depend on all of an owner's tokens (their number, their names) until the
     * transaction ends: the owner's user row is locked; for a user of a federation without import, which has no
     * row of its own, the row of its federation provider (so such creates wait for each other per provider).
     */
    public static void lockOwner(KeycloakSession session, UserModel owner) {
        String providerId = StorageId.providerId(owner.getId());
        TypedQuery<String> lock = providerId == null
                ? em(session).createQuery("select u.id from UserEntity u where u.id = :id", String.class)
                        .setParameter("id", owner.getId())
                : em(session).createQuery("select c.id from ComponentEntity c where c.id = :id", String.class)
                        .setParameter("id", providerId);
        lock.setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** The names of the owner's tokens as the database holds them now (not as a user cache remembers them). */
    public static List<String> storedNames(KeycloakSession session, UserModel owner, String exceptKey) {
        Store store = Store.of(owner);
        TypedQuery<String> query = em(session).createQuery("select c.userLabel from " + store.entity
                        + " c where c.type = :type and " + store.ownedBy + (exceptKey == null ? "" : " and c.id <> :key"), String.class)
                .setParameter("type", ApiTokenCredentialModel.TYPE)
                .setParameter("owner", owner.getId());
        if (exceptKey != null) {
            query.setParameter("key", exceptKey);
        }
        return query.getResultList();
    }

    /** Where Keycloak keeps a user's credentials: its own table, or the federated store (LDAP without import). */
    private record Store(String entity, String ownedBy, String versionBump) {

        static Store of(UserModel owner) {
            return StorageId.isLocalStorage(owner.getId())
                    ? new Store("CredentialEntity", "c.user.id = :owner", ", c.version = c.version + 1")
                    : new Store("FederatedUserCredentialEntity", "c.userId = :owner", "");
        }
    }

    private static ApiTokenCredentialModel fromRow(String key, Object[] row) {
        CredentialModel stored = new CredentialModel();
        stored.setId(key);
        stored.setType(ApiTokenCredentialModel.TYPE);
        stored.setUserLabel((String) row[0]);
        stored.setCreatedDate((Long) row[1]);
        stored.setCredentialData((String) row[2]);
        stored.setSecretData((String) row[3]);
        return ApiTokenCredentialModel.from(stored);
    }

    private static boolean sameContent(ApiTokenCredentialModel fresh, ApiTokenCredentialModel changed) {
        return fresh.data().equals(changed.data())
                && Objects.equals(fresh.getUserLabel(), changed.getUserLabel())
                && Objects.equals(fresh.getSecretData(), changed.getSecretData());
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
