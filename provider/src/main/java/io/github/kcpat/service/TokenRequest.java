package io.github.kcpat.service;

import java.time.Instant;
import java.util.List;

import io.github.kcpat.credential.TokenState;

/**
 * What a caller asks to set on a token. A null field leaves the value as it is (or takes the default
 * on create); {@code expiresAtGiven} tells an explicit {@code "expiresAt": null} ("never") from absence.
 */
public record TokenRequest(String name, boolean expiresAtGiven, Instant expiresAt, List<String> scopes, TokenState state) {
}
