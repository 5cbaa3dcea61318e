package io.github.kcpat.token;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of the secret. The secret carries 256 bits from SecureRandom, so a slow password hash
 * would add cost per request and no safety.
 */
public final class SecretHash {

    public static final String ALGORITHM = "SHA-256";

    private SecretHash() {
    }

    static byte[] of(byte[] secret) {
        try {
            return MessageDigest.getInstance(ALGORITHM).digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    static boolean matches(byte[] secret, byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(of(secret), storedHash);
    }
}
