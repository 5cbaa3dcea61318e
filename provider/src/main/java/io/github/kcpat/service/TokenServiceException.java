package io.github.kcpat.service;

/** A request the token service refuses; the message is safe to show to the caller. */
public final class TokenServiceException extends RuntimeException {

    public enum Kind {
        INVALID, NOT_FOUND, CONFLICT, FORBIDDEN
    }

    private final Kind kind;

    TokenServiceException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static TokenServiceException notFound() {
        return new TokenServiceException(Kind.NOT_FOUND, "No such token");
    }
}
