package io.github.kcpat.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.github.kcpat.spi.NoLifecycle;


/** Mounts {@code /admin/realms/{realm}/personal-api-tokens}; Keycloak has authenticated the admin before. */
public final class AdminTokensResourceProviderFactory implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider,
        NoLifecycle<AdminRealmResourceProvider> {

    public static final String PROVIDER_ID = "personal-api-tokens";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new AdminTokensResource(session, realm, auth, adminEvent);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
