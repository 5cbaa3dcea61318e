package io.github.kcpat.rest;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.input.StrictJson;
import io.github.kcpat.input.TokenFields;
import io.github.kcpat.service.TokenRequest;

/**
 * An admin's PATCH: state, expiry and the token's limits (roles, allowedIps: an admin may fence in a token it suspects);
 * name and scopes stay the owner's.
 */
record AdminPatchBody(JsonNode expiresAt, TokenState state, JsonNode roles, JsonNode allowedIps) {

    /** Throws {@link io.github.kcpat.input.InvalidInput} naming the broken rule. */
    static TokenRequest read(String body) {
        AdminPatchBody read = StrictJson.read(body, AdminPatchBody.class, TokenFields.EXPECTED);
        return TokenFields.request(null, read.expiresAt, null, read.state, read.roles, read.allowedIps);
    }
}
