package io.github.kcpat.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.keycloak.models.ClientScopeModel;

/** A scope a token may carry, as the create form lists it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ScopeRepresentation(String name, String description) {

    static ScopeRepresentation of(ClientScopeModel scope) {
        return new ScopeRepresentation(scope.getName(), scope.getDescription());
    }
}
