package io.github.kcpat.exchange;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

import io.github.kcpat.rest.JsonResponses;
import io.github.kcpat.policy.TokenPolicy;

/** The client that access tokens from the APIToken exchange and forward-auth are issued to. */
final class ExchangeClient {

    private static final Logger LOG = Logger.getLogger(ExchangeClient.class);

    private ExchangeClient() {
    }

    /** The realm's exchange client, or null (logged) when it is missing or disabled. */
    static ClientModel of(RealmModel realm) {
        String clientId = TokenPolicy.of(realm).exchangeClientId();
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled()) {
            LOG.warnf("realm %s: the API token exchange client '%s' is missing or disabled", realm.getName(), clientId);
            return null;
        }
        return client;
    }

    /** The realm's exchange client; or throws the answer that the exchange is unavailable (logged). */
    static ClientModel require(RealmModel realm) {
        ClientModel client = of(realm);
        if (client == null) {
            throw JsonResponses.failure(Response.Status.INTERNAL_SERVER_ERROR, "server_error",
                    "The realm's API token exchange client is not available");
        }
        return client;
    }
}
