package io.github.kcpat.token;

import java.util.Optional;

/**
 * The rule for a token's name, wherever it is set (REST, provisioning, the CLI's {@code --credential}): trimmed, 1 to
 * {@value #MAX_LENGTH} characters, no control characters. Unique per user is the service's rule: it needs the user.
 */
public final class TokenName {

    public static final int MAX_LENGTH = 64;

    private TokenName() {
    }

    /** The name as kept (trimmed), or why {@code raw} cannot be one. */
    public static String valid(String raw) {
        String name = raw == null ? "" : raw.trim();
        problem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return name;
    }

    private static Optional<String> problem(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return Optional.of("name must be 1 to " + MAX_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("name must not contain control characters");
        }
        return Optional.empty();
    }
}
