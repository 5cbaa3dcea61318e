package io.github.kcpat.token;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * A personal API token: a public key (the id of the stored credential) and a 256-bit secret.
 * Only {@link #value()} is ever shown to the owner, once; only {@link SecretHash#of} of the secret is stored.
 */
public final class ApiToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UUID key;
    private final byte[] secret;

    private ApiToken(UUID key, byte[] secret) {
        this.key = key;
        this.secret = secret;
    }

    /** A new token with a random key and secret. */
    public static ApiToken generate() {
        return withKey(UUID.randomUUID());
    }

    /** A new random secret for an existing key (rotation). */
    public static ApiToken withKey(String key) {
        return withKey(UUID.fromString(key));
    }

    private static ApiToken withKey(UUID key) {
        byte[] secret = new byte[TokenFormat.SECRET_BYTES];
        do {
            RANDOM.nextBytes(secret);
        } while (SecretRandomness.flaw(secret).isPresent()); // ~2^-67: so that a generated token always passes
        return new ApiToken(key, secret);
    }

    /** Parses a presented token; empty when its prefix, length, alphabet or checksum is wrong. */
    public static Optional<ApiToken> parse(String presented) {
        return TokenFormat.decode(presented).map(body -> {
            ByteBuffer buffer = ByteBuffer.wrap(body);
            UUID key = new UUID(buffer.getLong(), buffer.getLong());
            byte[] secret = new byte[TokenFormat.SECRET_BYTES];
            buffer.get(secret);
            return new ApiToken(key, secret);
        });
    }

    /**
     * Why this token's secret is plainly not random (all one byte, a repeated pattern, a long run, a counting
     * sequence), for values a person supplies; empty for every generated token. Never quotes the secret.
     */
    public Optional<String> secretFlaw() {
        return SecretRandomness.flaw(secret);
    }

    /** The public identifier, in UUID form: the id of the stored credential. */
    public String key() {
        return key.toString();
    }

    /** The full token string; hand it to the owner once and never keep it. */
    public String value() {
        ByteBuffer body = ByteBuffer.allocate(TokenFormat.KEY_BYTES + TokenFormat.SECRET_BYTES);
        body.putLong(key.getMostSignificantBits()).putLong(key.getLeastSignificantBits()).put(secret);
        return TokenFormat.encode(body.array());
    }

    /** SHA-256 of the secret, the only form that is stored. */
    public byte[] secretHash() {
        return SecretHash.of(secret);
    }

    public boolean matches(byte[] storedHash) {
        return SecretHash.matches(secret, storedHash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiToken that && key.equals(that.key) && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** Names the key only: a token must never reach a log line through string concatenation. */
    @Override
    public String toString() {
        return "ApiToken[key=" + key + "]";
    }
}
