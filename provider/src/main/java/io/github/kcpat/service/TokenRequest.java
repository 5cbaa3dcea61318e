package io.github.kcpat.service;

import java.time.Instant;
import java.util.List;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.limits.RoleChoice;

/**
 * What a caller asks to set on a token. A null field leaves the value as it is (or takes the default
 * on create); {@code expiresAtGiven} tells an explicit {@code "expiresAt": null} ("never") from absence, and
 * {@code rolesGiven} an explicit {@code "roles": null} (no roles chosen) from absence.
 */
public record TokenRequest(String name, boolean expiresAtGiven, Instant expiresAt, List<String> scopes, TokenState state,
        boolean rolesGiven, RoleChoice roles, IpAllowlist allowedIps) {

    public TokenRequest(String name, boolean expiresAtGiven, Instant expiresAt, List<String> scopes, TokenState state) {
        this(name, expiresAtGiven, expiresAt, scopes, state, false, null, null);
    }
}
