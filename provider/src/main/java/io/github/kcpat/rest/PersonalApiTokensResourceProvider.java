package io.github.kcpat.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

final class PersonalApiTokensResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    PersonalApiTokensResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new RealmEndpoints(session);
    }

    @Override
    public void close() {
    }
}
