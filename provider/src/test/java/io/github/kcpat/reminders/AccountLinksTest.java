package io.github.kcpat.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reminder links come from configuration alone (issue 12): the realm's Frontend URL, else the hostname option. */
class AccountLinksTest {

    @Test
    void theRealmsFrontendUrlComesFirst() {
        assertEquals(Optional.of("https://id.example.org/auth/realms/demo/account/api-tokens"),
                AccountLinks.apiTokensPage("demo", "https://id.example.org/auth", "https://kc.example.org"));
    }

    @Test
    void elseTheHostnameOptionAsAUrl() {
        assertEquals(Optional.of("https://kc.example.org/realms/demo/account/api-tokens"),
                AccountLinks.apiTokensPage("demo", null, "https://kc.example.org/"));
        assertEquals(Optional.of("http://localhost:8080/kc/realms/demo/account/api-tokens"),
                AccountLinks.apiTokensPage("demo", " ", "http://localhost:8080/kc"));
    }

    @Test
    void aBareHostnameIsServedOverHttps() {
        assertEquals(Optional.of("https://kc.example.org/realms/demo/account/api-tokens"),
                AccountLinks.apiTokensPage("demo", "", "kc.example.org"));
    }

    @Test
    void nothingConfiguredMeansNoLink() {
        assertTrue(AccountLinks.apiTokensPage("demo", null, null).isEmpty());
        assertTrue(AccountLinks.apiTokensPage("demo", "", " ").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://kc.example.org", "https://user@kc.example.org", "https://kc.example.org/?x=1",
            "https://kc.example.org/#x", "/relative/path", "https://"})
    void aFrontendUrlThatIsNoBaseUrlIsIgnored(String frontendUrl) {
        assertEquals(Optional.of("https://kc.example.org/realms/demo/account/api-tokens"),
                AccountLinks.apiTokensPage("demo", frontendUrl, "https://kc.example.org"));
        assertTrue(AccountLinks.apiTokensPage("demo", frontendUrl, null).isEmpty(), frontendUrl);
    }

    @Test
    void theRealmNameIsOnePathSegment() {
        assertEquals(Optional.of("https://kc.example.org/realms/my%20realm%2Fx/account/api-tokens"),
                AccountLinks.apiTokensPage("my realm/x", null, "https://kc.example.org"));
    }
}
