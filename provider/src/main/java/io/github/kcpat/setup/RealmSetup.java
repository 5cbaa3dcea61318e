package io.github.kcpat.setup;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

import io.github.kcpat.policy.TokenAccess;
import io.github.kcpat.policy.TokenPolicy;

/**
 * Gives every realm what tokens need: the role {@code personal-api-tokens} (assigned to nobody) and the
 * client {@code personal-api-tokens} that exchanged access tokens are issued to. Runs for the realms
 * that exist at startup and for each realm created or imported later; only adds what is missing.
 */
public final class RealmSetup {

    /** A role of the exchange client that nobody holds, so that Keycloak's cache serves the client's role list. */
    static final String CACHE_ANCHOR_ROLE = "role-cache-anchor";
    private static final Logger LOG = Logger.getLogger(RealmSetup.class);

    private RealmSetup() {
    }

    /** Prepares every realm created from now on. */
    public static void registerFor(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                prepare(created.getKeycloakSession(), created.getCreatedRealm());
            }
        });
    }

    /**
     * Prepares the realms that exist, each in a transaction of its own, so that one realm that fails does not undo
     * or hide the others; run once the database is migrated and startup imports are done.
     */
    public static void prepareExisting(KeycloakSessionFactory factory) {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    if (realm != null) {
                        prepare(session, realm);
                    }
                });
            } catch (RuntimeException e) {
                // e.g. two nodes starting at once, both adding the role: the next start completes what is missing
                LOG.warnf(e, "realm %s: could not prepare it for personal API tokens", realmId);
            }
        }
    }

    static void prepare(KeycloakSession session, RealmModel realm) {
        if (realm.getRole(TokenAccess.ROLE) == null) {
            RoleModel role = realm.addRole(TokenAccess.ROLE);
            role.setDescription("May create and use personal API tokens");
            LOG.infof("realm %s: created the role %s", realm.getName(), TokenAccess.ROLE);
        }
        ClientModel client = realm.getClientByClientId(TokenPolicy.DEFAULT_EXCHANGE_CLIENT);
        if (client == null) {
            client = createExchangeClient(realm);
            LOG.infof("realm %s: created the client %s", realm.getName(), TokenPolicy.DEFAULT_EXCHANGE_CLIENT);
        }
        if (!client.isFullScopeAllowed() && client.getRolesStream().findAny().isEmpty()) {
            RoleModel anchor = client.addRole(CACHE_ANCHOR_ROLE);
            anchor.setDescription("Assign to nobody. Keycloak caches a client's role list only when it is not empty, and"
                    + " without full scope it reads that list for every access token it issues to the client.");
        }
    }

    /** A confidential client with every flow off: it only receives the access tokens minted for API tokens. */
    private static ClientModel createExchangeClient(RealmModel realm) {
        ClientModel client = realm.addClient(TokenPolicy.DEFAULT_EXCHANGE_CLIENT);
        client.setName("Personal API tokens");
        client.setDescription("Access tokens exchanged for personal API tokens are issued to this client."
                + " Its mappers, scopes and access token lifespan apply to them.");
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setSecret(KeycloakModelUtils.generateSecret(client));
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        // roles reach the access token only through the scope mappings of its client scopes: a token's scopes narrow the owner's rights
        client.setFullScopeAllowed(false);
        // setting the protocol makes Keycloak attach the realm's default client scopes (basic, profile, roles…)
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        return client;
    }
}
