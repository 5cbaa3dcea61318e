package io.github.kcpat.credential;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Listing of tokens for admins and background tasks. Realm-wide: one paged query over the credential table,
 * ordered by owner and name, each token then read through its owner like everywhere else; tokens of users
 * kept only in a federation (LDAP without import) are listed by user, or through {@link #federated}.
 */
public final class TokenSearch {

    private TokenSearch() {
    }

    /**
     * @param userId  only this user's tokens, when not null
     * @param search  a case-insensitive part of the token name or the owner's username, when not null
     */
    public static List<OwnedToken> find(KeycloakSession session, RealmModel realm, String userId, String search, int first, int max) {
        if (userId != null) {
            return ofUser(session, realm, userId, search, first, max);
        }
        return local(session, realm, search, first, max);
    }

    /**
     * One user's tokens, wherever Keycloak keeps that user's credentials (its own table, or the federated
     * store for users of a federation without import).
     */
    private static List<OwnedToken> ofUser(KeycloakSession session, RealmModel realm, String userId, String search, int first, int max) {
        UserModel owner = session.users().getUserById(realm, userId);
        if (owner == null) {
            return List.of();
        }
        String term = search == null ? null : search.toLowerCase(Locale.ROOT);
        ParsedData parsed = ApiTokenCredentialProviderFactory.of(session).parsedData();
        return owner.credentialManager().getStoredCredentialsByTypeStream(ApiTokenCredentialModel.TYPE)
                .map(stored -> ApiTokenCredentialModel.from(stored, parsed))
                .filter(token -> term == null || token.name().toLowerCase(Locale.ROOT).contains(term)
                        || owner.getUsername().contains(term))
                .sorted(Comparator.comparing(ApiTokenCredentialModel::name, String.CASE_INSENSITIVE_ORDER))
                .skip(first)
                .limit(max)
                .map(token -> new OwnedToken(owner, token))
                .toList();
    }

    /** Keys and owners of the realm's tokens kept in the federated credential store (users not imported). */
    public static List<OwnedToken> federated(KeycloakSession session, RealmModel realm, int first, int max) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        return em.createQuery("select c.id, c.userId from FederatedUserCredentialEntity c"
                        + " where c.realmId = :realm and c.type = :type order by c.id", Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("type", ApiTokenCredentialModel.TYPE)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList().stream()
                .map(row -> TokenLookup.load(session, realm, (String) row[1], (String) row[0]))
                .flatMap(Optional::stream)
                .toList();
    }

    private static List<OwnedToken> local(KeycloakSession session, RealmModel realm, String search, int first, int max) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        StringBuilder jpql = new StringBuilder("select c.id, u.id from CredentialEntity c join c.user u"
                + " where u.realmId = :realm and c.type = :type");
        if (search != null) {
            jpql.append(" and (lower(c.userLabel) like :search escape '\\' or u.username like :search escape '\\')");
        }
        jpql.append(" order by u.username, c.userLabel");
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("type", ApiTokenCredentialModel.TYPE)
                .setFirstResult(first)
                .setMaxResults(max);
        if (search != null) {
            // usernames are stored lower-case by Keycloak
            query.setParameter("search", "%" + literal(search.toLowerCase(Locale.ROOT)) + "%");
        }
        return query.getResultList().stream()
                .map(row -> TokenLookup.load(session, realm, (String) row[1], (String) row[0]))
                .flatMap(Optional::stream)
                .toList();
    }

    /** A search term matches itself only: % and _ are not wildcards here. */
    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
