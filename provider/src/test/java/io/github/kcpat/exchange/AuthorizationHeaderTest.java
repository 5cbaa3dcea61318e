package io.github.kcpat.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What the APIToken and Basic schemes share: finding their credentials, and quoting a realm into a challenge. */
class AuthorizationHeaderTest {

    @Test
    void credentialsFollowTheSchemeInAnyCaseAndASpace() {
        assertEquals("abc", AuthorizationHeader.credentials("APIToken abc", "APIToken"));
        assertEquals("abc", AuthorizationHeader.credentials("apitoken  abc ", "APIToken"));
        assertNull(AuthorizationHeader.credentials("APITokenabc", "APIToken"));
        assertNull(AuthorizationHeader.credentials("APIToken", "APIToken"));
        assertNull(AuthorizationHeader.credentials("Basic abc", "APIToken"));
        assertNull(AuthorizationHeader.credentials(null, "Basic"));
    }

    @Test
    void aRealmNameCannotBreakOutOfItsQuotes() {
        assertEquals("\"demo\"", AuthorizationHeader.quoted("demo"));
        assertEquals("\"a\\\"b\\\\c\"", AuthorizationHeader.quoted("a\"b\\c"));
    }
}
