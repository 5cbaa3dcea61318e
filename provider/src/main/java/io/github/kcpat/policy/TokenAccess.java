package io.github.kcpat.policy;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** Who may hold and use personal API tokens: holders of one realm role. */
public final class TokenAccess {

    public static final String ROLE = "personal-api-tokens";

    private TokenAccess() {
    }

    /** Checked on the user model, not on token claims: lightweight access tokens may omit roles. */
    public static boolean isGranted(RealmModel realm, UserModel user) {
        RoleModel role = realm.getRole(ROLE);
        return role != null && user.hasRole(role);
    }
}
