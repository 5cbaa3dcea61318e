package io.github.kcpat.idle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;

/**
 * A realm's active tokens not used since a cutoff (their last use, else their creation, is older), a batch at a time in
 * key order, from the database: the idle task never holds a realm's tokens in memory. The facts are read from the
 * credential data as the extension writes it ({@code "state":"ACTIVE"}, {@code "lastUsedAt":"<ISO-8601>"}, which sorts
 * as text). A token activated again since is among them too; {@link IdleClock} has the last word on each.
 */
final class IdleCandidates {

    private static final String LAST_USED = "'\"lastUsedAt\":\"'";
    private static final String NOT_USED_SINCE = " and c.credentialData like '%\"state\":\"ACTIVE\"%'"
            + " and ((locate(" + LAST_USED + ", c.credentialData) > 0"
            + " and substring(c.credentialData, locate(" + LAST_USED + ", c.credentialData) + 14, 20) < :cutoffText)"
            + " or (locate(" + LAST_USED + ", c.credentialData) = 0 and c.createdDate < :cutoffMillis))"
            + " and c.id > :after order by c.id";

    /** A candidate: the token's key and its owner's id. */
    record Candidate(String key, String ownerId) {
    }

    private IdleCandidates() {
    }

    /** Users kept by Keycloak, then users of a federation without import (their credentials are stored apart). */
    static List<Candidate> batch(KeycloakSession session, RealmModel realm, boolean federated, Instant cutoff, String after, int max) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        String select = federated
                ? "select c.id, c.userId from FederatedUserCredentialEntity c where c.realmId = :realm and c.type = :type"
                : "select c.id, u.id from CredentialEntity c join c.user u where u.realmId = :realm and c.type = :type";
        Instant seconds = cutoff.truncatedTo(ChronoUnit.SECONDS);
        return em.createQuery(select + NOT_USED_SINCE, Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("type", ApiTokenCredentialModel.TYPE)
                .setParameter("cutoffText", seconds.toString())
                .setParameter("cutoffMillis", seconds.toEpochMilli())
                .setParameter("after", after)
                .setMaxResults(max)
                .getResultList().stream()
                .map(row -> new Candidate((String) row[0], (String) row[1]))
                .toList();
    }
}
