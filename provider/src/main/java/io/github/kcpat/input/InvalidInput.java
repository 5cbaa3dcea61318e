package io.github.kcpat.input;

/**
 * A request body or provisioning file that breaks a rule; the message says which, in the caller's terms, and never
 * quotes a value (it could be a token).
 */
public final class InvalidInput extends IllegalArgumentException {

    public InvalidInput(String description) {
        super(description);
    }
}
