package io.github.kcpat.verify;

import java.time.Instant;
import java.util.List;

import org.keycloak.models.UserModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.limits.RoleChoice;

/** The outcome of checking a presented token: accepted with its owner, or refused with a reason. */
public sealed interface Verdict {

    /**
     * {@code scopes} and {@code expiresAt} are the ones in force under the realm's current policy (a scope
     * withdrawn from the policy is gone, the expiry capped by its lifetime limit): doors grant these, never the
     * stored ones. {@code forbiddenRoles}: the roles the realm's policy forbids now, which no JWT for the token may carry.
     * {@code previousSecret}: the value presented is the one a rotation replaced, during its overlap.
     */
    record Accepted(UserModel owner, ApiTokenCredentialModel credential, List<String> scopes, Instant expiresAt,
            RoleChoice forbiddenRoles, boolean previousSecret) implements Verdict {

        /** The roles chosen for the token, or null (its scopes decide). */
        public RoleChoice chosenRoles() {
            return credential.data().roles();
        }
    }

    /** {@code owner} and {@code key} are known once the key was found; null before that. */
    record Refused(RefusalReason reason, String key, UserModel owner) implements Verdict {
    }
}
