package io.github.kcpat.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.TokenFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code Authorization: Basic} as git, curl -u and browsers send it, and what it must refuse before any lookup. */
class BasicCredentialsTest {

    private static final String TOKEN = ApiToken.generate().value();

    @Test
    void theTokenIsThePasswordWhateverItsDigits() {
        for (int i = 0; i < 200; i++) {
            String token = ApiToken.generate().value();
            assertEquals(token, parse("Basic " + base64("alice:" + token)).orElseThrow().password());
        }
    }

    @Test
    void aTokenHoldsNoColonSoTheFirstColonSeparatesTheUsername() {
        assertTrue(TokenFormat.REGEX.matches("[^:]*"), TokenFormat.REGEX);
        assertFalse(TOKEN.contains(":"));
        // a colon after the first stays in the password, which is then no token and refused by the verifier
        assertEquals("a:b", parse("Basic " + base64("alice:a:b")).orElseThrow().password());
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        for (String scheme : new String[] {"Basic", "basic", "BASIC"}) {
            assertEquals(TOKEN, parse(scheme + " " + base64("alice:" + TOKEN)).orElseThrow().password(), scheme);
        }
        assertEquals(TOKEN, parse("Basic   " + base64("alice:" + TOKEN) + " ").orElseThrow().password());
    }

    @Test
    void anotherSchemeOrNoValueIsNotBasic() {
        for (String value : new String[] {null, "", "Basic", "Basic ", "Basic" + base64("alice:" + TOKEN),
                "APIToken " + TOKEN, "Bearer " + base64("alice:" + TOKEN)}) {
            assertEquals(Optional.empty(), parse(value), () -> "accepted: " + value);
        }
    }

    @Test
    void notBase64IsRefused() {
        for (String value : new String[] {"Basic !!!", "Basic alice:" + TOKEN, "Basic " + base64("alice:" + TOKEN) + "=x",
                "Basic " + base64("alice:" + TOKEN).substring(0, 8) + "*" + base64("alice:" + TOKEN).substring(8)}) {
            assertEquals(Optional.empty(), parse(value), () -> "accepted: " + value);
        }
    }

    @Test
    void paddingMayBeLeftOut() {
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(("alice:" + TOKEN + "x").getBytes(StandardCharsets.UTF_8));
        assertEquals(TOKEN + "x", parse("Basic " + unpadded).orElseThrow().password());
    }

    @Test
    void noColonOrNoUsernameIsRefused() {
        for (String decoded : new String[] {"alice", TOKEN, ":" + TOKEN, " :" + TOKEN, "\t:" + TOKEN, ""}) {
            assertEquals(Optional.empty(), parse("Basic " + base64(decoded)), () -> "accepted: " + decoded);
        }
    }

    @Test
    void anEmptyPasswordIsParsedAndLeftToTheVerifierToRefuse() {
        assertEquals("", parse("Basic " + base64("alice:")).orElseThrow().password());
    }

    @Test
    void usernamesAreUtf8() {
        BasicCredentials credentials = parse("Basic " + base64("jürgen.ß:" + TOKEN)).orElseThrow();
        assertTrue(credentials.names("jürgen.ß", null));
        assertTrue(parse("Basic " + base64("JÜRGEN.ß:" + TOKEN)).orElseThrow().names("jürgen.ß", null));
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        String latin1 = Base64.getEncoder().encodeToString(("jürgen:" + TOKEN).getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Optional.empty(), parse("Basic " + latin1));
    }

    @Test
    void theUsernameNamesTheOwnerByUsernameRegardlessOfCase() {
        for (String named : new String[] {"alice", "Alice", "ALICE"}) {
            assertTrue(credentials(named).names("alice", "alice@example.com"), named);
        }
        for (String named : new String[] {"bob", "alic", "alice ", " alice", "alice\u0000", "alice@example"}) {
            assertFalse(credentials(named).names("alice", "alice@example.com"), named);
        }
    }

    @Test
    void theUsernameNamesTheOwnerByEmailWhereTheRealmAllowsIt() {
        assertTrue(credentials("alice@example.com").names("alice", "alice@example.com"));
        assertTrue(credentials("Alice@Example.COM").names("alice", "alice@example.com"));
        assertFalse(credentials("alice@example.com").names("alice", null), "e-mail matched where the realm does not allow it");
        assertFalse(credentials("bob@example.com").names("alice", "alice@example.com"));
        assertTrue(credentials("a@b").names("a@b", null), "a username with an @ is still a username");
    }

    @Test
    void anOwnerWithoutEmailIsNamedOnlyByUsername() {
        assertFalse(credentials("alice@example.com").names("alice", null));
        assertTrue(credentials("alice").names("alice", null));
    }

    @Test
    void itsTextNamesNeitherPart() {
        String text = credentials("alice").toString() + parse("Basic " + base64(TOKEN + ":" + TOKEN)).orElseThrow();
        assertFalse(text.contains("alice"), text);
        assertFalse(text.contains(TOKEN), text);
    }

    private static BasicCredentials credentials(String username) {
        return parse("Basic " + base64(username + ":" + TOKEN)).orElseThrow();
    }

    private static Optional<BasicCredentials> parse(String authorization) {
        return BasicCredentials.parse(authorization);
    }

    private static String base64(String decoded) {
        return Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
    }
}
