package io.github.kcpat.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class ApiTokenTest {

    private final ApiToken token = ApiToken.generate();
    private final String value = token.value();

    @Test
    void roundTripKeepsKeyAndSecret() {
        ApiToken parsed = ApiToken.parse(value).orElseThrow();
        assertEquals(token.key(), parsed.key());
        assertEquals(token, parsed);
        assertTrue(parsed.matches(token.secretHash()));
    }

    @Test
    void valueMatchesTheDocumentedRegexAndLength() {
        assertTrue(value.matches(TokenFormat.REGEX), value);
        assertEquals(TokenFormat.LENGTH, value.length());
        assertEquals(78, value.length());
        assertEquals(token.key(), UUID.fromString(token.key()).toString());
    }

    @Test
    void everyTokenIsDifferent() {
        ApiToken other = ApiToken.generate();
        assertNotEquals(token.key(), other.key());
        assertNotEquals(value, other.value());
    }

    @Test
    void rotationKeepsTheKeyAndChangesTheSecret() {
        ApiToken rotated = ApiToken.withKey(token.key());
        assertEquals(token.key(), rotated.key());
        assertNotEquals(value, rotated.value());
        assertFalse(rotated.matches(token.secretHash()));
        assertFalse(token.matches(rotated.secretHash()));
    }

    @Test
    void hashIsSha256OfTheSecretAndNeverTheValue() {
        assertEquals(32, token.secretHash().length);
        assertArrayEquals(token.secretHash(), ApiToken.parse(value).orElseThrow().secretHash());
    }

    @Test
    void toStringNamesOnlyTheKey() {
        String text = token.toString();
        assertTrue(text.contains(token.key()));
        assertFalse(text.contains(value.substring(6, 40)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("malformed")
    void malformedStringsAreRefused(String presented) {
        assertTrue(ApiToken.parse(presented).isEmpty(), () -> "accepted: " + presented);
    }

    static Stream<String> malformed() {
        String valid = ApiToken.generate().value();
        String body = valid.substring(6, 71);
        String checksum = valid.substring(72);
        char last = valid.charAt(valid.length() - 1);
        return Stream.of(
                "ghp_" + valid.substring(6),                                   // wrong prefix
                "KCPAT_" + valid.substring(6),                                 // prefix is case-sensitive
                valid.substring(0, valid.length() - 1),                        // truncated
                valid + "0",                                                   // padded
                " " + valid,                                                   // leading space
                valid + "\n",                                                  // trailing newline
                valid.substring(0, valid.length() - 1) + (last == 'a' ? 'b' : 'a'), // bad checksum
                valid.substring(0, 20) + (valid.charAt(20) == 'x' ? 'y' : 'x') + valid.substring(21), // changed body
                "kcpat_" + body + "-" + checksum,                              // wrong separator
                valid.substring(0, 30) + "é" + valid.substring(31),            // non-ASCII
                valid.substring(0, 30) + "+" + valid.substring(31),            // outside the alphabet
                "kcpat_" + "z".repeat(65) + "_" + checksum,                    // body above 2^384
                "kcpat_" + "0".repeat(72),                                     // all zeros
                "x".repeat(1024 * 1024),                                       // 1 MB
                "kcpat_"                                                       // prefix alone
        );
    }

    @Test
    void shapeIsToldApartFromChecksum() {
        char last = value.charAt(value.length() - 1);
        String badChecksum = value.substring(0, value.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertTrue(TokenFormat.hasTokenShape(value));
        assertTrue(TokenFormat.hasTokenShape(badChecksum));
        assertTrue(ApiToken.parse(badChecksum).isEmpty());
        assertFalse(TokenFormat.hasTokenShape("ghp_" + value.substring(6)));
        assertFalse(TokenFormat.hasTokenShape(value + "0"));
        assertFalse(TokenFormat.hasTokenShape(null));
    }

    @Test
    void aBodyTooLargeForFortyEightBytesIsRefusedEvenWithAValidChecksum() {
        String signed = "kcpat_" + "z".repeat(65);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(signed.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String forged = signed + "_" + Base62.encode(java.math.BigInteger.valueOf(crc.getValue()), 6);
        assertTrue(forged.matches(TokenFormat.REGEX));
        assertTrue(ApiToken.parse(forged).isEmpty());
    }
}
