package io.github.kcpat.limits;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

import io.github.kcpat.policy.TokenPolicy;

/**
 * The roles a token may carry, worked out from Keycloak's roles as they are now: what a user may choose, whether a
 * choice is allowed, and which roles a JWT minted for the token carries. A forbidden role taints every composite that
 * contains it: forbidding {@code manage-users} forbids {@code realm-admin} too, which would carry it in.
 */
public final class RoleLimits {

    private RoleLimits() {
    }

    /** What {@code user} may choose for a token under {@code policy}: nothing where it offers no choice. */
    public static RoleChoice choosable(RealmModel realm, UserModel user, TokenPolicy policy) {
        return policy.roleSelection() ? holdable(user, policy.forbiddenRoles(), realm) : RoleChoice.NONE;
    }

    /** The roles {@code user} holds (directly, through groups and composites) that a token may carry. */
    public static RoleChoice holdable(UserModel user, RoleChoice forbidden, RealmModel realm) {
        Set<RoleModel> forbiddenRoles = resolve(realm, forbidden);
        return choiceOf(RoleUtils.getDeepUserRoleMappings(user).stream()
                .filter(role -> !tainted(role, forbiddenRoles)));
    }

    /**
     * Why {@code chosen} cannot be chosen for a token of {@code owner} (a role that does not exist, that the owner does
     * not hold, or that the policy forbids), or null when it can.
     */
    public static String refusal(RealmModel realm, UserModel owner, RoleChoice chosen, RoleChoice forbidden) {
        Set<RoleModel> forbiddenRoles = resolve(realm, forbidden);
        for (String name : chosen.realm()) {
            String refusal = refusal(realm.getRole(name), name, owner, forbiddenRoles);
            if (refusal != null) {
                return refusal;
            }
        }
        for (Map.Entry<String, List<String>> entry : chosen.clients().entrySet()) {
            ClientModel client = realm.getClientByClientId(entry.getKey());
            for (String name : entry.getValue()) {
                String refusal = refusal(client == null ? null : client.getRole(name), entry.getKey() + "/" + name, owner,
                        forbiddenRoles);
                if (refusal != null) {
                    return refusal;
                }
            }
        }
        return null;
    }

    private static String refusal(RoleModel role, String label, UserModel owner, Set<RoleModel> forbiddenRoles) {
        if (role == null || !owner.hasRole(role)) {
            return "roles: '" + label + "' is not a role the token's owner holds";
        }
        return tainted(role, forbiddenRoles) ? "roles: '" + label + "' cannot be carried by a token in this realm" : null;
    }

    /**
     * The roles a JWT minted for the token carries now. {@code base}: the roles Keycloak's scope rules give the client
     * the JWT is issued to, worked out only when needed (not for chosen roles that override the scope). With roles chosen, the chosen ones the owner still holds (composites expanded), limited to
     * {@code base} unless {@code choiceOverridesScope} (the realm's exchange client, for which the choice is the grant);
     * without, {@code base}. Never a forbidden role, nor a composite holding one.
     */
    public static Set<RoleModel> granted(RealmModel realm, UserModel owner, RoleChoice chosen, RoleChoice forbidden,
            Supplier<Set<RoleModel>> base, boolean choiceOverridesScope) {
        Set<RoleModel> forbiddenRoles = resolve(realm, forbidden);
        Set<RoleModel> granted;
        if (chosen == null || chosen.isEmpty()) {
            granted = new LinkedHashSet<>(base.get());
        } else {
            Set<RoleModel> held = new HashSet<>();
            resolve(realm, chosen).stream().filter(owner::hasRole).forEach(held::add);
            granted = new LinkedHashSet<>(RoleUtils.expandCompositeRoles(held));
            if (!choiceOverridesScope) {
                granted.retainAll(base.get());
            }
        }
        if (!forbiddenRoles.isEmpty()) {
            granted.removeIf(role -> tainted(role, forbiddenRoles));
        }
        return granted;
    }

    /** The ids of the chosen roles the owner holds right now, joined ("" when none were chosen): cheap to compare. */
    public static String heldIds(RealmModel realm, UserModel owner, RoleChoice chosen) {
        if (chosen == null) {
            return "";
        }
        StringBuilder ids = new StringBuilder();
        for (RoleModel role : resolve(realm, chosen)) {
            if (owner.hasRole(role)) {
                ids.append(role.getId()).append(',');
            }
        }
        return ids.toString();
    }

    /** The roles as a {@link RoleChoice}: realm roles by name, client roles by client id and name. */
    public static RoleChoice choiceOf(Stream<RoleModel> roles) {
        List<String> realmRoles = new ArrayList<>();
        Map<String, List<String>> clientRoles = new TreeMap<>();
        roles.forEach(role -> {
            if (role.getContainer() instanceof ClientModel client) {
                clientRoles.computeIfAbsent(client.getClientId(), id -> new ArrayList<>()).add(role.getName());
            } else {
                realmRoles.add(role.getName());
            }
        });
        return new RoleChoice(realmRoles, clientRoles);
    }

    private static boolean tainted(RoleModel role, Set<RoleModel> forbidden) {
        return forbidden.stream().anyMatch(role::hasRole);
    }

    /** The roles {@code choice} names that exist in the realm. */
    private static Set<RoleModel> resolve(RealmModel realm, RoleChoice choice) {
        Set<RoleModel> roles = new LinkedHashSet<>();
        if (choice == null) {
            return roles;
        }
        choice.realm().stream().map(realm::getRole).filter(java.util.Objects::nonNull).forEach(roles::add);
        choice.clients().forEach((clientId, names) -> {
            ClientModel client = realm.getClientByClientId(clientId);
            if (client != null) {
                names.stream().map(client::getRole).filter(java.util.Objects::nonNull).forEach(roles::add);
            }
        });
        return roles;
    }
}
