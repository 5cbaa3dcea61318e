package io.github.kcpat.it.support;

import com.fasterxml.jackson.databind.JsonNode;

/** A token as its creator received it: the representation and the value shown this one time. */
public record CreatedToken(String key, String name, String value, JsonNode representation) {

    static CreatedToken from(HttpResult created) {
        JsonNode body = created.json();
        return new CreatedToken(created.text("key"), created.text("name"), created.text("token"), body);
    }
}
