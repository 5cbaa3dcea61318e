package io.github.kcpat.token;

import java.math.BigInteger;

/** Fixed-width base62 (0-9, A-Z, a-z): no padding characters and nothing a shell or URL would escape. */
final class Base62 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {
    }

    static String encode(BigInteger value, int width) {
        char[] out = new char[width];
        BigInteger rest = value;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = rest.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            rest = qr[0];
        }
        if (rest.signum() != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }

    static String encode(byte[] bytes, int width) {
        return encode(new BigInteger(1, bytes), width);
    }

    /** Decodes a string already known to hold only alphabet characters. */
    static BigInteger decode(CharSequence digits) {
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < digits.length(); i++) {
            value = value.multiply(BASE).add(BigInteger.valueOf(indexOf(digits.charAt(i))));
        }
        return value;
    }

    static boolean isDigit(char c) {
        return indexOf(c) >= 0;
    }

    private static int indexOf(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        return -1;
    }

    /** The unsigned value as exactly {@code length} big-endian bytes; the caller checked that it fits. */
    static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
