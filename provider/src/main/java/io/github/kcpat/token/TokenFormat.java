package io.github.kcpat.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The token string: {@code kcpat_} + 65 base62 digits holding key (16 bytes) and secret (32 bytes)
 * + {@code _} + 6 base62 digits of the CRC32 of everything before the second underscore.
 * Every check here is plain string work, so garbage is refused before any database or cache is asked.
 */
public final class TokenFormat {

    public static final String PREFIX = "kcpat_";
    /** For secret scanners (gitleaks, trufflehog, GitHub custom patterns). */
    public static final String REGEX = "kcpat_[0-9A-Za-z]{65}_[0-9A-Za-z]{6}";

    static final int KEY_BYTES = 16;
    static final int SECRET_BYTES = 32;
    private static final int BODY_BYTES = KEY_BYTES + SECRET_BYTES;
    private static final int BODY_DIGITS = 65;
    private static final int CHECKSUM_DIGITS = 6;
    private static final int SEPARATOR_AT = PREFIX.length() + BODY_DIGITS;
    public static final int LENGTH = SEPARATOR_AT + 1 + CHECKSUM_DIGITS;

    private TokenFormat() {
    }

    static String encode(byte[] body) {
        String signed = PREFIX + Base62.encode(body, BODY_DIGITS);
        return signed + '_' + checksum(signed);
    }

    /** True for a string of the token's shape (prefix, length, alphabet), whatever its checksum says. */
    public static boolean hasTokenShape(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX) || token.charAt(SEPARATOR_AT) != '_') {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (i != SEPARATOR_AT && !Base62.isDigit(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The 48 body bytes, or empty when the string is not a well-formed token. */
    static Optional<byte[]> decode(String token) {
        if (!hasTokenShape(token)) {
            return Optional.empty();
        }
        String signed = token.substring(0, SEPARATOR_AT);
        if (!checksum(signed).equals(token.substring(SEPARATOR_AT + 1))) {
            return Optional.empty();
        }
        BigInteger body = Base62.decode(signed.substring(PREFIX.length()));
        if (body.bitLength() > BODY_BYTES * 8) {
            return Optional.empty();
        }
        return Optional.of(Base62.toBytes(body, BODY_BYTES));
    }

    private static String checksum(String signed) {
        CRC32 crc = new CRC32();
        crc.update(signed.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(BigInteger.valueOf(crc.getValue()), CHECKSUM_DIGITS);
    }
}
