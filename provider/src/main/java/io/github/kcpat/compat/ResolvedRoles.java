package io.github.kcpat.compat;

import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.representations.AccessToken;

/**
 * The roles Keycloak's own grants put into a JWT, fixed in advance. Its role mappers read a token's roles through
 * {@code RoleResolveUtil}, which works them out once per request and keeps them in a session attribute named
 * {@code RESOLVED_ROLES:<user session id>:<client id>}; an attribute already there is used as it is. The Direct Grant
 * door sets it before Keycloak mints, for the user session the flow is about to open, whose id is the root
 * authentication session's (the same on 26.4 to 26.7). {@code DirectGrantIT} shows on every supported version that
 * the JWT carries exactly these roles: if Keycloak ever renames the attribute, that test fails, not silently a user.
 */
public final class ResolvedRoles {

    private static final String ATTRIBUTE = "RESOLVED_ROLES:%s:%s";

    private ResolvedRoles() {
    }

    public static void preset(KeycloakSession session, String userSessionId, ClientModel client, Set<RoleModel> roles) {
        AccessToken resolved = new AccessToken();
        for (RoleModel role : roles) {
            if (role.getContainer() instanceof ClientModel owner) {
                resolved.addAccess(owner.getClientId()).addRole(role.getName());
            } else {
                if (resolved.getRealmAccess() == null) {
                    resolved.setRealmAccess(new AccessToken.Access());
                }
                resolved.getRealmAccess().addRole(role.getName());
            }
        }
        session.setAttribute(String.format(ATTRIBUTE, userSessionId, client.getId()), resolved);
    }
}
