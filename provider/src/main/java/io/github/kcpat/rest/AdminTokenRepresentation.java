package io.github.kcpat.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.github.kcpat.credential.OwnedToken;
import io.github.kcpat.policy.TokenPolicy;

/** A token as admins see it: the owner's representation plus who owns it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AdminTokenRepresentation(@JsonUnwrapped TokenRepresentation token, Owner user) {

    public record Owner(String id, String username) {
    }

    static AdminTokenRepresentation of(OwnedToken owned, String value, TokenPolicy policy) {
        return new AdminTokenRepresentation(TokenRepresentation.withValue(owned.credential(), value, policy),
                new Owner(owned.owner().getId(), owned.owner().getUsername()));
    }
}
