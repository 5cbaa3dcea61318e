package io.github.kcpat.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

/** What every caller of the API may rely on, checked the same way in every test. */
public final class ApiAssertions {

    public static final String TOKEN_PATTERN = "^kcpat_[0-9A-Za-z]{65}_[0-9A-Za-z]{6}$";
    public static final String API_TOKEN_CHALLENGE = "APIToken realm=\"" + DemoRealm.NAME + "\"";
    public static final String BASIC_CHALLENGE = "Basic realm=\"" + DemoRealm.NAME + "\", charset=\"UTF-8\"";

    private ApiAssertions() {
    }

    public static void assertError(HttpResult result, int status, String error) {
        assertEquals(status, result.status(), result::toString);
        assertEquals(error, result.json().path("error").asText(), result::toString);
        assertFalse(result.json().path("error_description").asText().isBlank(), () -> "no error_description: " + result);
    }

    /** A refused token: 401 {@code invalid_token} with the challenge a client needs. */
    public static void assertRefused(HttpResult exchange) {
        assertError(exchange, 401, "invalid_token");
        assertEquals("APIToken realm=\"" + DemoRealm.NAME + "\"", exchange.header("WWW-Authenticate").orElse(null),
                exchange::toString);
    }

    /** Forward-auth refusal: 401 with the APIToken challenge alone and no bearer token for the gateway to pass on. */
    public static void assertForwardAuthRefused(HttpResult auth) {
        assertForwardAuthRefused(auth, List.of(API_TOKEN_CHALLENGE));
    }

    /** Forward-auth refusal asked for the Basic challenge: Basic's first, then APIToken's. */
    public static void assertForwardAuthChallengesBasic(HttpResult auth) {
        assertForwardAuthRefused(auth, List.of(BASIC_CHALLENGE, API_TOKEN_CHALLENGE));
    }

    private static void assertForwardAuthRefused(HttpResult auth, List<String> challenges) {
        assertEquals(401, auth.status(), auth::toString);
        assertEquals(challenges, auth.headers().allValues("WWW-Authenticate"), auth::toString);
        assertTrue(auth.header("Authorization").isEmpty(), () -> "a refused token got " + auth.headers().map());
    }

    /** A refused password grant: 400 or 401 (Keycloak's own direct grant failures use 401), error {@code invalid_grant}. */
    public static void assertInvalidGrant(HttpResult grant) {
        assertTrue(grant.status() == 400 || grant.status() == 401, grant::toString);
        assertEquals("invalid_grant", grant.json().path("error").asText(), grant::toString);
    }

    /** What verify says about any unusable token: 200 and exactly {@code {"active":false}}, nothing else. */
    public static void assertInactive(HttpResult verify) {
        assertEquals(200, verify.status(), verify::toString);
        assertEquals(Http.JSON.createObjectNode().put("active", false), verify.json(), verify::toString);
    }

    public static void assertExchanged(HttpResult exchange) {
        assertEquals(200, exchange.status(), exchange::toString);
        assertEquals("Bearer", exchange.json().path("token_type").asText(), exchange::toString);
        assertTrue(exchange.json().path("access_token").asText().length() > 0, exchange::toString);
    }

    public static void assertUuid(String value) {
        assertEquals(value, UUID.fromString(value).toString(), () -> value + " is not a UUID");
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
