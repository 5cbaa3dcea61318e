package io.github.kcpat.credential;

import org.keycloak.models.UserModel;

/** A stored token together with the user it belongs to. */
public record OwnedToken(UserModel owner, ApiTokenCredentialModel credential) {
}
