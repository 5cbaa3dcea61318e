package io.github.kcpat.credential;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.StorageId;

import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.time.ServerClock;

/**
 * Listing of tokens for admins and background tasks. Realm-wide: one query over the credential table that filters
 * ({@link TokenFilter}, in SQL by {@link FilterSql}), orders ({@link TokenSort}) and pages in the database; each token
 * of the page is then read through its owner like everywhere else. A filter SQL cannot say exactly (a client's role)
 * streams its candidates from one query through a database cursor and confirms each in Java before paging or counting
 * it: never all tokens at once, and a page stops reading once it is full. Tokens of users kept only in a federation (LDAP without import) are listed by user, or
 * through {@link #federated}.
 */
public final class TokenSearch {

    /** How many candidates of a filter confirmed in Java the database hands over at a time. */
    private static final int CANDIDATES_PER_FETCH = 500;
    /** Hibernate's JDBC fetch size hint (HibernateHints.HINT_FETCH_SIZE; Hibernate is not on our compile path). */
    private static final String FETCH_SIZE_HINT = "org.hibernate.fetchSize";

    private TokenSearch() {
    }

    /**
     * @param userId  only this user's tokens, when not null
     * @param search  a case-insensitive part of the token name or the owner's username, when not null
     */
    public static List<OwnedToken> find(KeycloakSession session, RealmModel realm, String userId, String search, int first, int max) {
        return find(session, realm, userId, new TokenFilter(null, search, null, null, null, null, null, null, null, null, null),
                TokenSort.DEFAULT, first, max);
    }

    /** The page ({@code first}, {@code max}) of the tokens {@code filter} matches; {@code userId}: only that user's. */
    public static List<OwnedToken> find(KeycloakSession session, RealmModel realm, String userId, TokenFilter filter,
            TokenSort sort, int first, int max) {
        if (userId != null && !StorageId.isLocalStorage(userId)) {
            return ofUser(session, realm, userId, filter, sort).skip(first).limit(max).toList();
        }
        Query query = new Query(session, realm, userId, filter);
        List<Object[]> rows;
        if (query.sql.exact()) {
            rows = query.rows("c.id, u.id", sort, first, max);
        } else {
            try (Stream<Object[]> confirmed = query.confirmed(sort)) {
                rows = confirmed.skip(first).limit(max).toList();
            }
        }
        return rows.stream()
                .map(row -> TokenLookup.load(session, realm, (String) row[1], (String) row[0]))
                .flatMap(Optional::stream)
                .toList();
    }

    /** How many tokens {@code filter} matches. */
    public static long count(KeycloakSession session, RealmModel realm, String userId, TokenFilter filter) {
        if (userId != null && !StorageId.isLocalStorage(userId)) {
            return ofUser(session, realm, userId, filter, TokenSort.DEFAULT).count();
        }
        Query query = new Query(session, realm, userId, filter);
        if (!query.sql.exact()) {
            try (Stream<Object[]> confirmed = query.confirmed(TokenSort.DEFAULT)) {
                return confirmed.count();
            }
        }
        return query.bind(query.em.createQuery("select count(c) from CredentialEntity c join c.user u where "
                + Query.LOCAL + query.sql.conditions(), Long.class)).getSingleResult();
    }

    /** Key and owner of every token {@code filter} matches, by owner: what a bulk action resolves a filter to. */
    public static List<TokenRef> refs(KeycloakSession session, RealmModel realm, String userId, TokenFilter filter) {
        if (userId != null && !StorageId.isLocalStorage(userId)) {
            return ofUser(session, realm, userId, filter, TokenSort.DEFAULT)
                    .map(owned -> new TokenRef(owned.credential().key(), owned.owner().getId())).toList();
        }
        Query query = new Query(session, realm, userId, filter);
        try (Stream<Object[]> rows = query.sql.exact()
                ? query.rows("c.id, u.id", TokenSort.DEFAULT, 0, Integer.MAX_VALUE).stream()
                : query.confirmed(TokenSort.DEFAULT)) {
            return rows.map(row -> new TokenRef((String) row[0], (String) row[1])).toList();
        }
    }

    /** A token's key and its owner's id. */
    public record TokenRef(String key, String ownerId) {
    }

    /**
     * One user's tokens, wherever Keycloak keeps that user's credentials (for a federation without import: the
     * federated store, which the realm-wide query does not join), filtered and sorted in Java: a user holds few tokens.
     */
    private static Stream<OwnedToken> ofUser(KeycloakSession session, RealmModel realm, String userId, TokenFilter filter,
            TokenSort sort) {
        UserModel owner = session.users().getUserById(realm, userId);
        if (owner == null) {
            return Stream.empty();
        }
        String term = filter.search();
        TokenPolicy policy = TokenPolicy.of(realm);
        Instant now = now();
        ParsedData parsed = ApiTokenCredentialProviderFactory.of(session).parsedData();
        return owner.credentialManager().getStoredCredentialsByTypeStream(ApiTokenCredentialModel.TYPE)
                .map(stored -> ApiTokenCredentialModel.from(stored, parsed))
                .filter(token -> term == null || token.name().toLowerCase(Locale.ROOT).contains(term)
                        || owner.getUsername().contains(term))
                .filter(token -> filter.matches(token.data(), token.createdAt(), owner.isEnabled(), policy, now))
                .sorted(sort.comparator())
                .map(token -> new OwnedToken(owner, token));
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

    /** The filtered query over local users' credentials, at one instant (whole seconds, as tokens store theirs). */
    private static final class Query {

        static final String LOCAL = "u.realmId = :realm and c.type = :type";
        /** The credential data from its roles object on (null without one): what a role's confirmation reads. */
        static final String ROLES_AND_AFTER = "case when locate('\"roles\":{', c.credentialData) > 0 then"
                + " substring(c.credentialData, locate('\"roles\":{', c.credentialData) + 8) else null end";

        final EntityManager em;
        final TokenFilter filter;
        final TokenPolicy policy;
        final Instant now = now();
        final FilterSql sql;
        final String realmId;

        Query(KeycloakSession session, RealmModel realm, String userId, TokenFilter filter) {
            this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            this.filter = filter;
            this.policy = TokenPolicy.of(realm);
            this.sql = new FilterSql(filter, userId, policy, now);
            this.realmId = realm.getId();
        }

        List<Object[]> rows(String columns, TokenSort sort, int first, int max) {
            return bind(em.createQuery("select " + columns + " from CredentialEntity c join c.user u where " + LOCAL
                    + sql.conditions() + " order by " + sort.jpql(), Object[].class))
                    .setFirstResult(first)
                    .setMaxResults(max)
                    .getResultList();
        }

        /**
         * The candidates SQL finds, in order, streamed from one query (a database cursor, a batch at a time) and kept when
         * {@link TokenFilter#matches}: a page stops reading once it is full. When the client's role is all SQL could not
         * say exactly, only the roles object is read and parsed, so the sort stays narrow. The caller closes the stream.
         */
        Stream<Object[]> confirmed(TokenSort sort) {
            boolean byRoles = sql.roleOnlyToConfirm();
            String facts = byRoles ? ROLES_AND_AFTER : "c.credentialData";
            return bind(em.createQuery("select c.id, u.id, " + facts + ", c.createdDate, u.enabled from CredentialEntity c"
                    + " join c.user u where " + LOCAL + sql.conditions() + " order by " + sort.jpql(), Object[].class))
                    .setHint(FETCH_SIZE_HINT, CANDIDATES_PER_FETCH)
                    .getResultStream()
                    .filter(row -> byRoles ? row[2] != null && filter.role().heldBy(StoredJson.readRoles((String) row[2]))
                            : filter.matches(StoredJson.readData((String) row[2]),
                                    row[3] == null ? null : Instant.ofEpochMilli((Long) row[3]), (Boolean) row[4], policy, now));
        }

        <T> TypedQuery<T> bind(TypedQuery<T> query) {
            query.setParameter("realm", realmId).setParameter("type", ApiTokenCredentialModel.TYPE);
            sql.parameters().forEach(query::setParameter);
            return query;
        }
    }

    private static Instant now() {
        return ServerClock.INSTANCE.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
