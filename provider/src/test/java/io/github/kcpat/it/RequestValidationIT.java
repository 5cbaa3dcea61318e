package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenApi;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Self-service input over HTTP: the rules that need the server (names, policy, duplicates, access) and, as wiring, one
 * bad body per endpoint (malformed JSON on create, an unknown state on PATCH) answered 400 with nothing changed. The
 * pure body rules (types, unknown fields, the expiry grammar, e.g. "an expiry that is no date") are unit tests:
 * {@code rest/TokenBodyTest} and {@code token/ExpiryTest}; so is the name rule ({@code token/TokenNameTest}: the
 * 65-character, blank and empty names), of which "no name" and the 64-character name stay here as wiring.
 */
@ExtendWith(KeycloakExtension.class)
class RequestValidationIT {

    private final DemoRealm realm;
    private TokenApi alice;

    RequestValidationIT(DemoRealm realm) {
        this.realm = realm;
    }

    @BeforeEach
    void signInAlice() {
        alice = realm.tokensOf("alice");
    }

    @Nested
    class DuplicateNames {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"%s", "%S", "  %s  "})
        void areRefusedWithConflict(String variant) {
            String name = uniqueName("duplicate");
            alice.createToken(name);
            int before = alice.count();

            assertError(alice.create(Map.of("name", variant.formatted(name))), 409, "conflict");
            assertEquals(before, alice.count());
        }

        @Test
        void areRefusedOnRename() {
            String taken = uniqueName("taken");
            alice.createToken(taken);
            CreatedToken other = alice.createToken(uniqueName("other"));

            assertError(alice.patch(other.key(), Map.of("name", taken.toUpperCase())), 409, "conflict");
            assertEquals(other.name(), alice.get(other.key()).text("name"));
        }
    }

    @Nested
    class InvalidCreate {

        static Stream<Arguments> invalidBodies() {
            String beyondMaxLifetime = Instant.now().plus(Duration.ofDays(366)).toString();
            return Stream.of(
                    Arguments.of("no name", json(Map.of("scopes", List.of()))),
                    Arguments.of("an expiry in the past", json(Map.of("name", uniqueName("past"), "expiresAt", Instant.now().minusSeconds(60).toString()))),
                    Arguments.of("an expiry beyond 365 days", json(Map.of("name", uniqueName("far"), "expiresAt", beyondMaxLifetime))),
                    Arguments.of("an unknown scope", json(Map.of("name", uniqueName("scope"), "scopes", List.of("no-such-scope")))),
                    Arguments.of("malformed JSON", "{\"name\": \"broken"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidBodies")
        void isRefusedAndCreatesNothing(String what, String body) {
            int before = alice.count();

            assertError(alice.createRaw(body), 400, "invalid_request");
            assertEquals(before, alice.count());
        }

        @Test
        void acceptsA64CharacterName() {
            String name = uniqueName("n").concat("n".repeat(64)).substring(0, 64);

            assertEquals(name, alice.createToken(name).name());
        }
    }

    @Nested
    class InvalidUpdate {

        @Test
        void removingTheExpiryIsRefusedWhileThePolicyRequiresOne() {
            CreatedToken token = alice.createToken(uniqueName("keep-expiry"));
            Map<String, Object> body = new HashMap<>();
            body.put("expiresAt", null);

            assertError(alice.patch(token.key(), body), 400, "invalid_request");
            assertEquals(token.representation().path("expiresAt"), alice.get(token.key()).json().path("expiresAt"));
        }

        @Test
        void anExpiryInThePastIsRefused() {
            CreatedToken token = alice.createToken(uniqueName("past-expiry"));

            assertError(alice.patch(token.key(), Map.of("expiresAt", Instant.now().minusSeconds(60).toString())), 400, "invalid_request");
        }

        @Test
        void anUnknownStateIsRefused() {
            CreatedToken token = alice.createToken(uniqueName("bad-state"));

            assertError(alice.patch(token.key(), Map.of("state", "SLEEPING")), 400, "invalid_request");
            assertEquals("ACTIVE", alice.get(token.key()).text("state"));
        }

        @Test
        void anUnknownKeyIsNotFound() {
            assertError(alice.patch("00000000-0000-0000-0000-000000000000", Map.of("state", "DISABLED")), 404, "not_found");
        }
    }

    @Nested
    class Access {

        @Test
        void userWithoutTheRoleIsForbidden() {
            TokenApi carol = realm.tokensOf("carol");

            assertError(carol.list(), 403, "forbidden");
            assertError(carol.create(Map.of("name", uniqueName("carol"))), 403, "forbidden");
        }

        @Test
        void callerWithoutBearerIsUnauthorized() {
            assertError(realm.http().get(DemoRealm.API + "/tokens"), 401, "invalid_token");
            assertError(realm.http().postJson(DemoRealm.API + "/tokens", Map.of("name", uniqueName("anonymous"))), 401, "invalid_token");
        }

        @Test
        void callerWithAForgedBearerIsUnauthorized() {
            HttpResult forged = realm.http().get(DemoRealm.API + "/tokens", "Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln");

            assertError(forged, 401, "invalid_token");
        }
    }

    @Nested
    class CreateForm {

        @Test
        void listsTheRealmsAvailableScopes() {
            HttpResult scopes = alice.scopes();

            assertEquals(200, scopes.status(), scopes::toString);
            assertEquals(1, scopes.json().size(), scopes::toString);
            assertEquals("demo-api", scopes.json().get(0).path("name").asText(), scopes::toString);
            assertEquals("Call the demo API", scopes.json().get(0).path("description").asText(), scopes::toString);
        }

        @Test
        void showsThePolicy() {
            HttpResult policy = alice.policy();

            assertEquals(200, policy.status(), policy::toString);
            assertEquals(true, policy.json().isObject(), policy::toString);
        }
    }

    private static String json(Map<String, ?> body) {
        try {
            return Http.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
