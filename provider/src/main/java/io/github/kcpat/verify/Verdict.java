package io.github.kcpat.verify;

import org.keycloak.models.UserModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;

/** The outcome of checking a presented token: accepted with its owner, or refused with a reason. */
public sealed interface Verdict {

    record Accepted(UserModel owner, ApiTokenCredentialModel credential) implements Verdict {
    }

    /** {@code owner} and {@code key} are known once the key was found; null before that. */
    record Refused(RefusalReason reason, String key, UserModel owner) implements Verdict {
    }
}
