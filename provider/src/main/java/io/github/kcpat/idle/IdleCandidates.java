package io.github.kcpat.idle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.credential.FilterSql;
import io.github.kcpat.credential.TokenFilter;
import io.github.kcpat.credential.TokenState;
import io.github.kcpat.policy.TokenPolicy;

/**
 * A realm's active tokens not used for some days (their last use, else their creation, is older), a batch at a time in
 * key order, from the database: the idle task never holds a realm's tokens in memory. The condition is the admin list's
 * own ({@link FilterSql} for {@code unusedDays} and {@code state=active}), which reads only the credential row. A token
 * activated again since is among them too; {@link IdleClock} has the last word on each.
 */
final class IdleCandidates {

    /** A candidate: the token's key and its owner's id. */
    record Candidate(String key, String ownerId) {
    }

    private IdleCandidates() {
    }

    /** Users kept by Keycloak, then users of a federation without import (their credentials are stored apart). */
    static List<Candidate> batch(KeycloakSession session, RealmModel realm, boolean federated, long unusedDays, Instant now,
            String after, int max) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        String select = federated
                ? "select c.id, c.userId from FederatedUserCredentialEntity c where c.realmId = :realm and c.type = :type"
                : "select c.id, u.id from CredentialEntity c join c.user u where u.realmId = :realm and c.type = :type";
        TokenFilter unused = new TokenFilter(null, null, null, (int) unusedDays, null, null, TokenState.ACTIVE, null, null,
                null, null);
        FilterSql sql = new FilterSql(unused, null, TokenPolicy.of(realm), now.truncatedTo(ChronoUnit.SECONDS));
        TypedQuery<Object[]> query = em.createQuery(select + sql.conditions() + " and c.id > :after order by c.id", Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("type", ApiTokenCredentialModel.TYPE)
                .setParameter("after", after)
                .setMaxResults(max);
        sql.parameters().forEach(query::setParameter);
        return query.getResultList().stream()
                .map(row -> new Candidate((String) row[0], (String) row[1]))
                .toList();
    }
}
