package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.TOKEN_PATTERN;
import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.HandMadeTokens;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Provisioning over the admin API: tokens made for a user, with a value our CLI generated or one the server makes. One
 * bad body per endpoint stays here as wiring (broken JSON on create, a name on PATCH); the other pure body rules (an
 * unknown field, an unknown state, an array, scopes on PATCH) are unit tests in {@code rest/AdminBodiesTest}.
 */
@ExtendWith(KeycloakExtension.class)
class AdminProvisioningIT {

    private final DemoRealm realm;
    private final KeycloakAdmin keycloak;
    private final TokenAdminApi admin;

    AdminProvisioningIT(DemoRealm realm) {
        this.realm = realm;
        this.keycloak = new KeycloakAdmin(realm.http());
        this.admin = keycloak.tokens(DemoRealm.NAME);
    }

    @Test
    void suppliedValueIsStoredWithoutBeingEchoedAndWorks() {
        String value = ApiToken.generate().value();
        String name = uniqueName("provisioned");
        String expiresAt = in(30);

        HttpResult created = admin.create(Map.of("user", "bob", "name", name, "token", value, "expiresAt", expiresAt,
                "scopes", List.of("demo-api")));

        assertEquals(201, created.status(), created::toString);
        JsonNode body = created.json();
        assertFalse(body.has("token"), () -> "the supplied value is echoed: " + created);
        assertFalse(created.body().contains(value), created::toString);
        assertEquals(ApiToken.parse(value).orElseThrow().key(), body.path("key").asText(), "key not taken from the value");
        assertEquals(name, body.path("name").asText());
        assertEquals(expiresAt, body.path("expiresAt").asText());
        assertEquals(List.of("demo-api"), Http.list(body.path("scopes")));
        assertEquals("ACTIVE", body.path("state").asText());
        assertEquals("bob", body.path("user").path("username").asText());
        assertEquals(realm.userId("bob"), body.path("user").path("id").asText());

        HttpResult exchange = realm.exchange(value);
        assertExchanged(exchange);
        JsonNode claims = realm.verifyJwt(exchange.text("access_token")).claims();
        assertEquals(realm.userId("bob"), claims.path("sub").asText(), claims::toString);
        assertTrue(List.of(exchange.text("scope").split(" ")).contains("demo-api"), exchange::toString);
        // bob sees it among his own tokens
        assertEquals(name, realm.tokensOf("bob").listed(body.path("key").asText()).path("name").asText());
    }

    @Test
    void serverGeneratedValueIsShownOnceAndWorks() {
        HttpResult created = admin.create(Map.of("user", realm.userId("bob"), "name", uniqueName("generated")));

        assertEquals(201, created.status(), created::toString);
        String value = created.text("token");
        assertTrue(value.matches(TOKEN_PATTERN), created::toString);
        assertEquals(ApiToken.parse(value).orElseThrow().key(), created.text("key"));
        assertExchanged(realm.exchange(value));
        HttpResult read = admin.read(created.text("key"));
        assertEquals(200, read.status(), read::toString);
        assertFalse(read.json().has("token"), read::toString);
        assertFalse(read.body().contains(value), read::toString);
    }

    @Test
    void sameValueOrKeyTwiceIsAConflict() {
        String value = ApiToken.generate().value();
        admin.createToken(Map.of("user", "bob", "name", uniqueName("once"), "token", value));
        String sameKeyOtherSecret = ApiToken.withKey(ApiToken.parse(value).orElseThrow().key()).value();

        assertError(admin.create(Map.of("user", "bob", "name", uniqueName("twice"), "token", value)), 409, "conflict");
        assertError(admin.create(Map.of("user", "alice", "name", uniqueName("twice"), "token", value)), 409, "conflict");
        assertError(admin.create(Map.of("user", "bob", "name", uniqueName("twice"), "token", sameKeyOtherSecret)), 409, "conflict");
        assertRefused(realm.exchange(sameKeyOtherSecret));
        assertExchanged(realm.exchange(value));
    }

    @Test
    void malformedValueIsRefused() {
        String good = ApiToken.generate().value();
        String badChecksum = good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A");
        for (String bad : List.of("kcpat_abc", "not a token", good.toUpperCase(Locale.ROOT), badChecksum, good + "x",
                good.replace("kcpat_", "kcpot_"))) {
            HttpResult refused = admin.create(Map.of("user", "bob", "name", uniqueName("malformed"), "token", bad));
            assertError(refused, 400, "invalid_request");
            assertTrue(refused.json().path("error_description").asText().contains("token"), refused::toString);
            assertFalse(refused.body().contains(bad), () -> "the refused value is echoed: " + refused);
        }
        assertError(admin.create(Map.of("user", "bob", "name", uniqueName("malformed"), "token", 42)), 400, "invalid_request");
        assertEquals(0, admin.list("user=bob&search=malformed").json().size(), "a refused provisioning stored a token");
    }

    /**
     * Issue 12, the attack: a supplied value with a valid checksum but a secret anyone could guess (here all zeros; the
     * key is public, it is in every event and list). Once stored, whoever guesses the pattern holds the user's token.
     */
    @Test
    void aSuppliedValueWhoseSecretIsNotRandomIsRefusedAndNothingIsCreated() {
        String weak = HandMadeTokens.allZeroSecret();
        String key = ApiToken.parse(weak).orElseThrow().key();
        String name = uniqueName("weak");

        HttpResult refused = admin.create(Map.of("user", "bob", "name", name, "token", weak));

        assertError(refused, 400, "invalid_request");
        assertTrue(refused.json().path("error_description").asText().contains("not random"), refused::toString);
        assertFalse(refused.body().contains(weak.substring(6, 40)), () -> "the refused value is echoed: " + refused);
        assertError(admin.read(key), 404, "not_found");
        assertEquals(0, admin.list("user=bob&search=" + name).json().size(), "a refused value was stored");
        assertRefused(realm.exchange(weak));
    }

    @Test
    void duplicateNameIsAConflict() {
        String name = uniqueName("dup");
        admin.createToken(Map.of("user", "bob", "name", name));

        String value = ApiToken.generate().value();
        HttpResult again = admin.create(Map.of("user", "bob", "name", name.toUpperCase(Locale.ROOT), "token", value));
        assertError(again, 409, "conflict");
        assertRefused(realm.exchange(value));
        assertError(admin.create(Map.of("user", "bob", "name", name)), 409, "conflict");
        // another user may use the same name
        HttpResult alices = admin.create(Map.of("user", "alice", "name", name));
        assertEquals(201, alices.status(), alices::toString);
        assertEquals(204, admin.delete(alices.text("key")).status());
    }

    @Test
    void serviceAccountCannotHoldTokens() {
        String client = keycloak.createClient(DemoRealm.NAME, Map.of(
                "clientId", uniqueName("robot"),
                "publicClient", false,
                "serviceAccountsEnabled", true,
                "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false));
        try {
            JsonNode serviceAccount = keycloak.serviceAccountUser(DemoRealm.NAME, client);
            for (String user : List.of(serviceAccount.path("id").asText(), serviceAccount.path("username").asText())) {
                String value = ApiToken.generate().value();
                HttpResult refused = admin.create(Map.of("user", user, "name", uniqueName("robot-token"), "token", value));
                assertError(refused, 400, "invalid_request");
                assertTrue(refused.json().path("error_description").asText().toLowerCase(Locale.ROOT).contains("service account"),
                        refused::toString);
                assertRefused(realm.exchange(value));
            }
            assertEquals(0, admin.list("user=" + serviceAccount.path("id").asText()).json().size());
        } finally {
            keycloak.deleteClient(DemoRealm.NAME, client);
        }
    }

    @Test
    void badRequestsAreRefused() {
        assertError(admin.create(Map.of("name", uniqueName("no-user"))), 400, "invalid_request");
        assertError(admin.create(Map.of("user", "nobody-" + uniqueName("x"), "name", uniqueName("x"))), 404, "not_found");
        assertError(admin.create(Map.of("user", "bob")), 400, "invalid_request");
        assertError(admin.create(Map.of("user", "bob", "name", uniqueName("x"), "scopes", List.of("no-such-scope"))),
                400, "invalid_request");
        assertError(admin.createRaw("{"), 400, "invalid_request");
    }

    @Test
    void provisionedDisabledTokenWorksOnceActivated() {
        String value = ApiToken.generate().value();
        String key = admin.createToken(Map.of("user", "bob", "name", uniqueName("staged"), "token", value, "state", "DISABLED"))
                .path("key").asText();
        assertRefused(realm.exchange(value));

        HttpResult activated = admin.patch(key, Map.of("state", "ACTIVE"));
        assertEquals(200, activated.status(), activated::toString);
        assertEquals("ACTIVE", activated.json().path("state").asText());
        assertExchanged(realm.exchange(value));
    }

    @Test
    void adminPatchChangesStateAndExpiryOnly() {
        String value = ApiToken.generate().value();
        String name = uniqueName("patched");
        String key = admin.createToken(Map.of("user", "bob", "name", name, "token", value)).path("key").asText();

        HttpResult disabled = admin.patch(key, Map.of("state", "DISABLED"));
        assertEquals(200, disabled.status(), disabled::toString);
        assertEquals("DISABLED", disabled.json().path("state").asText());
        assertEquals("bob", disabled.json().path("user").path("username").asText(), disabled::toString);
        assertRefused(realm.exchange(value));
        assertEquals("DISABLED", realm.tokensOf("bob").listed(key).path("state").asText(), "bob does not see the change");

        String expiresAt = in(5);
        HttpResult moved = admin.patch(key, Map.of("state", "ACTIVE", "expiresAt", expiresAt));
        assertEquals(200, moved.status(), moved::toString);
        assertEquals(expiresAt, moved.json().path("expiresAt").asText());
        assertExchanged(realm.exchange(value));

        assertError(admin.patch(key, Map.of("name", "renamed")), 400, "invalid_request");
        assertError(admin.patch(key, Map.of("expiresAt", Instant.now().minus(1, ChronoUnit.DAYS).toString())), 400, "invalid_request");
        assertEquals(name, admin.read(key).json().path("name").asText());
    }

    @Test
    void adminDeleteOfOneTokenStopsIt() {
        String value = ApiToken.generate().value();
        String key = admin.createToken(Map.of("user", "bob", "name", uniqueName("deleted"), "token", value)).path("key").asText();
        assertExchanged(realm.exchange(value));

        HttpResult deleted = admin.delete(key);
        assertEquals(204, deleted.status(), deleted::toString);
        assertRefused(realm.exchange(value));
        assertError(admin.read(key), 404, "not_found");
        assertError(admin.delete(key), 404, "not_found");
    }

    @Test
    void deletingAllOfBobsTokensStopsEveryOne() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String value = ApiToken.generate().value();
            admin.createToken(Map.of("user", "bob", "name", uniqueName("all-" + i), "token", value));
            values.add(value);
        }
        values.add(realm.tokensOf("bob").createToken(uniqueName("self")).value());
        values.forEach(value -> assertExchanged(realm.exchange(value)));
        int held = admin.list("user=bob&max=1000").json().size();
        CreatedToken bystander = realm.tokensOf("alice").createToken(uniqueName("bystander"));

        HttpResult deleted = admin.deleteAllOf("bob");

        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals(Http.JSON.createObjectNode().put("deleted", held), deleted.json(), deleted::toString);
        values.forEach(value -> assertRefused(realm.exchange(value)));
        assertEquals(0, admin.list("user=bob").json().size());
        assertEquals(0, realm.tokensOf("bob").count());
        assertExchanged(realm.exchange(bystander.value()));
        assertEquals(204, admin.delete(bystander.key()).status());
        HttpResult again = admin.deleteAllOf(realm.userId("bob"));
        assertEquals(Http.JSON.createObjectNode().put("deleted", 0), again.json(), again::toString);
    }

    private static String in(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
