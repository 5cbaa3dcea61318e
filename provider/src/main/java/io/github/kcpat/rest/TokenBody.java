package io.github.kcpat.rest;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.input.StrictJson;
import io.github.kcpat.input.TokenFields;
import io.github.kcpat.service.TokenRequest;

/**
 * The owner's create and PATCH body: {@code {name, expiresAt, scopes, state, roles, allowedIps}}, each optional here (the
 * service decides).
 */
record TokenBody(String name, JsonNode expiresAt, List<String> scopes, TokenState state, JsonNode roles, JsonNode allowedIps) {

    /** The request the body makes; throws {@link io.github.kcpat.input.InvalidInput} naming the broken rule. */
    static TokenRequest read(String body) {
        TokenBody read = StrictJson.read(body, TokenBody.class, TokenFields.EXPECTED);
        return TokenFields.request(read.name, read.expiresAt, read.scopes, read.state, read.roles, read.allowedIps);
    }
}
