package io.github.kcpat.exchange;

import org.keycloak.models.ClientModel;
import org.keycloak.models.delegate.ClientModelLazyDelegate;

/**
 * A client as the RFC 8693 door issues to it: "Full scope allowed" switched off for this one token, so that
 * Keycloak's {@code TokenManager.getAccess} maps only the roles that the client's own scope mappings and the
 * granted client scopes allow, never every role of the token's owner.
 */
final class ScopeLimitedClient extends ClientModelLazyDelegate {

    ScopeLimitedClient(ClientModel client) {
        super(() -> client);
    }

    @Override
    public boolean isFullScopeAllowed() {
        return false;
    }
}
