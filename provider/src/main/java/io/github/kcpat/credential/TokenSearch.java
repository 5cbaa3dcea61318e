package io.github.kcpat.credential;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Realm-wide listing of tokens for admins: one paged query over the credential table, ordered by
 * owner and name, then each token read through its owner like everywhere else. Tokens of users kept
 * only in a federation (LDAP without import) are not listed here; they are reachable by user.
 */
public final class TokenSearch {

    private TokenSearch() {
    }

    /**
     * @param userId  only this user's tokens, when not null
     * @param search  a case-insensitive part of the token name or the owner's username, when not null
     */
    public static List<OwnedToken> find(KeycloakSession session, RealmModel realm, String userId, String search, int first, int max) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        StringBuilder jpql = new StringBuilder("select c.id, u.id from CredentialEntity c join c.user u"
                + " where u.realmId = :realm and c.type = :type");
        if (userId != null) {
            jpql.append(" and u.id = :user");
        }
        if (search != null) {
            jpql.append(" and (lower(c.userLabel) like :search escape '\\' or u.username like :search escape '\\')");
        }
        jpql.append(" order by u.username, c.userLabel");
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("type", ApiTokenCredentialModel.TYPE)
                .setFirstResult(first)
                .setMaxResults(max);
        if (userId != null) {
            query.setParameter("user", userId);
        }
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
