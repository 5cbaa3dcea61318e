package io.github.kcpat.rest;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.input.InvalidInput;
import io.github.kcpat.input.StrictJson;
import io.github.kcpat.input.TokenFields;
import io.github.kcpat.service.TokenRequest;

/**
 * An admin's create (provisioning over REST): the owner's fields plus {@code user} (id or username) and, optionally,
 * {@code token}, a value made by our CLI.
 */
record AdminCreateBody(String user, String token, TokenRequest request) {

    /** The body's fields as read, before they are split into who, which value and what. */
    private record Fields(String user, String token, String name, JsonNode expiresAt, List<String> scopes, TokenState state,
            JsonNode roles, JsonNode allowedIps) {
    }

    /** Throws {@link InvalidInput} naming the broken rule. */
    static AdminCreateBody read(String body) {
        Fields read = StrictJson.read(body, Fields.class, TokenFields.EXPECTED);
        if (read.user == null || read.user.isBlank()) {
            throw new InvalidInput("user (id or username) is required");
        }
        return new AdminCreateBody(read.user, read.token, TokenFields.request(read.name, read.expiresAt, read.scopes, read.state,
                read.roles, read.allowedIps));
    }
}
