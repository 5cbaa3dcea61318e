package io.github.kcpat.token;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Well-formed token values (right prefix, length, alphabet and checksum) with a secret chosen by hand, as an
 * attacker or a careless operator would make them: the test side of the supplied-value rule (issue 12).
 */
public final class HandMadeTokens {

    private HandMadeTokens() {
    }

    /** A fresh random key and the secret {@code 00…00}: passes every format check, guessable by anyone. */
    public static String allZeroSecret() {
        return withSecret(new byte[TokenFormat.SECRET_BYTES]);
    }

    public static String withSecret(byte[] secret) {
        UUID key = UUID.randomUUID();
        ByteBuffer body = ByteBuffer.allocate(TokenFormat.KEY_BYTES + TokenFormat.SECRET_BYTES)
                .putLong(key.getMostSignificantBits()).putLong(key.getLeastSignificantBits()).put(secret);
        return TokenFormat.encode(body.array());
    }
}
