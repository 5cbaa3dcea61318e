package io.github.kcpat.it.security;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.AdminLogin;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import io.github.kcpat.token.ApiToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API under attack by realm users and by admins with less than full rights: no username probing, no
 * token an admin can hold without the right to impersonate its owner, no owner undoing an admin's disabling.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminSecurityIT {

    private final DemoRealm realm;
    private final KeycloakAdmin keycloak;
    private final TokenAdminApi master;
    private final List<String> users = new ArrayList<>();
    private String target;
    private String targetId;
    private ObjectNode eventSettings;

    AdminSecurityIT(DemoRealm realm) {
        this.realm = realm;
        this.keycloak = new KeycloakAdmin(realm.http());
        this.master = keycloak.tokens(DemoRealm.NAME);
    }

    @BeforeAll
    void createTargetAndTurnAdminEventsOn() {
        target = uniqueName("sec-target");
        targetId = realm.createUser(target);
        users.add(targetId);
        JsonNode rep = keycloak.realm(DemoRealm.NAME);
        eventSettings = Http.JSON.createObjectNode()
                .put("adminEventsEnabled", rep.path("adminEventsEnabled").asBoolean())
                .put("adminEventsDetailsEnabled", rep.path("adminEventsDetailsEnabled").asBoolean());
        keycloak.updateRealm(DemoRealm.NAME, realmRep -> realmRep.put("adminEventsEnabled", true)
                .put("adminEventsDetailsEnabled", true));
    }

    @AfterAll
    void restore() {
        keycloak.updateRealm(DemoRealm.NAME, realmRep -> realmRep.setAll(eventSettings));
        users.forEach(realm::deleteUser);
    }

    /**
     * Attack: alice, a plain realm user, calls the admin API with her own bearer token and tells known usernames
     * from unknown ones by the answer (old code: 403 for known users, 404 "No such user" for unknown ones).
     */
    @Test
    void aRealmUserCannotProbeUsernames() {
        TokenAdminApi alice = new TokenAdminApi(realm.http(), DemoRealm.NAME,
                AdminLogin.password(realm.http(), DemoRealm.NAME, "alice", "alice"));
        assertSameAnswerForKnownAndUnknownUser(alice, 403);
        assertEquals(0, master.list("user=" + targetId + "&search=probe").json().size(), "a refused call created a token");
    }

    /**
     * Attack: an admin who may only query users (no realm-wide view) learns which usernames exist (old code: GET
     * ?user= answered 200 [] for a known user and 404 for an unknown one; POST and DELETE 403 against 404).
     */
    @Test
    void anAdminWhoCannotViewEveryUserCannotProbeUsernames() {
        TokenAdminApi querier = new TokenAdminApi(realm.http(), DemoRealm.NAME, demoAdmin("sec-query", "query-users"));
        assertSameAnswerForKnownAndUnknownUser(querier, 403);
    }

    /** An admin who may view every user learns nothing new from a 404: it could list the users anyway. */
    @Test
    void anAdminWhoMayViewEveryUserIsToldTheUserDoesNotExist() {
        TokenAdminApi viewer = new TokenAdminApi(realm.http(), DemoRealm.NAME, demoAdmin("sec-view", "view-users"));
        String unknown = "nobody-" + uniqueName("x");
        assertError(viewer.list("user=" + unknown), 404, "not_found");
        assertError(viewer.deleteAllOf(unknown), 404, "not_found");
        assertError(viewer.create(Map.of("user", unknown, "name", uniqueName("x"))), 404, "not_found");
        assertError(viewer.create(Map.of("user", target, "name", uniqueName("x"))), 403, "forbidden");
    }

    /**
     * Attack: an admin with manage-users but without the impersonation role creates a token for another user and,
     * holding its value, acts as that user (old code: 201 with the value).
     */
    @Test
    void anAdminWithoutImpersonationCannotCreateATokenForAnotherUser() {
        TokenAdminApi manager = new TokenAdminApi(realm.http(), DemoRealm.NAME, demoAdmin("sec-manager", "manage-users"));
        String name = uniqueName("sec-not-allowed");
        String supplied = ApiToken.generate().value();

        HttpResult generated = manager.create(Map.of("user", target, "name", name));
        HttpResult chosen = manager.create(Map.of("user", targetId, "name", name, "token", supplied));

        for (HttpResult refused : List.of(generated, chosen)) {
            assertError(refused, 403, "forbidden");
            String description = refused.json().path("error_description").asText().toLowerCase(Locale.ROOT);
            assertTrue(description.contains("admins cannot create tokens for other users") && description.contains("impersonation"),
                    refused::toString);
            assertFalse(refused.body().contains("kcpat_"), refused::toString);
        }
        assertEquals(0, master.list("user=" + targetId + "&search=" + name).json().size(), "a refused create made a token");
        assertRefused(realm.exchange(supplied));
        // the same admin still manages the user's existing tokens
        String key = master.createToken(Map.of("user", targetId, "name", uniqueName("sec-managed"))).path("key").asText();
        assertEquals(200, manager.patch(key, Map.of("state", "DISABLED")).status());
        assertEquals(204, manager.delete(key).status());
    }

    /**
     * With the impersonation role the admin may create the token; the admin event names the owner in its resource
     * path, its representation and its details (old code: the path and representation named only the token).
     */
    @Test
    void anAdminWithImpersonationCreatesATokenAndTheAdminEventNamesTheOwner() {
        TokenAdminApi impersonator = new TokenAdminApi(realm.http(), DemoRealm.NAME,
                demoAdmin("sec-impersonator", "manage-users", "impersonation"));
        long since = Instant.now().minusSeconds(2).toEpochMilli();

        HttpResult created = impersonator.create(Map.of("user", target, "name", uniqueName("sec-impersonated")));

        assertEquals(201, created.status(), created::toString);
        String key = created.json().path("key").asText();
        assertExchanged(realm.exchange(created.text("token")));
        JsonNode event = adminEvent("CREATE", key, since);
        assertTrue(event.path("resourcePath").asText().contains("users/" + targetId + "/tokens/" + key), event::toString);
        JsonNode representation = json(event.path("representation").asText());
        assertEquals(targetId, representation.path("user").path("id").asText(), event::toString);
        assertEquals(target, representation.path("user").path("username").asText(), event::toString);
        assertFalse(representation.has("token"), () -> "the value is in the admin event: " + event);
        assertEquals(target, event.path("details").path("username").asText(), event::toString);

        assertEquals(200, master.patch(key, Map.of("state", "DISABLED")).status());
        JsonNode update = adminEvent("UPDATE", key, since);
        assertTrue(update.path("resourcePath").asText().contains("users/" + targetId + "/"), update::toString);
        assertTrue(json(update.path("representation").asText()).path("disabledByAdmin").asBoolean(), update::toString);
    }

    /**
     * Attack: the owner (or whoever holds the owner's login) re-activates a token an admin disabled after a leak
     * (old code: 200, the token works again).
     */
    @Test
    void onlyAnAdminCanActivateATokenAnAdminDisabled() {
        TokenApi owner = realm.tokensOf(target);
        CreatedToken token = owner.createToken(uniqueName("sec-leaked"));

        HttpResult disabled = master.patch(token.key(), Map.of("state", "DISABLED"));
        assertEquals(200, disabled.status(), disabled::toString);
        assertTrue(disabled.json().path("disabledByAdmin").asBoolean(), disabled::toString);
        assertTrue(owner.listed(token.key()).path("disabledByAdmin").asBoolean(), "the owner does not see who disabled it");
        assertTrue(master.read(token.key()).json().path("disabledByAdmin").asBoolean());

        HttpResult reactivated = owner.patch(token.key(), Map.of("state", "ACTIVE"));
        assertError(reactivated, 403, "forbidden");
        assertTrue(reactivated.json().path("error_description").asText().toLowerCase(Locale.ROOT).contains("administrator"),
                reactivated::toString);
        assertError(owner.patch(token.key(), Map.of("state", "ACTIVE", "name", uniqueName("sec-renamed"))), 403, "forbidden");
        assertEquals(token.name(), owner.listed(token.key()).path("name").asText(), "a refused PATCH changed the name");
        assertEquals("DISABLED", owner.listed(token.key()).path("state").asText());
        assertRefused(realm.exchange(token.value()));
        // disabling it again, renaming it or deleting it stays the owner's right; the mark stays
        HttpResult again = owner.patch(token.key(), Map.of("state", "DISABLED"));
        assertEquals(200, again.status(), again::toString);
        assertTrue(again.json().path("disabledByAdmin").asBoolean(), again::toString);
        assertEquals(403, owner.patch(token.key(), Map.of("state", "ACTIVE")).status());

        HttpResult activated = master.patch(token.key(), Map.of("state", "ACTIVE"));
        assertEquals(200, activated.status(), activated::toString);
        assertFalse(activated.json().path("disabledByAdmin").asBoolean(), activated::toString);
        assertFalse(owner.listed(token.key()).path("disabledByAdmin").asBoolean());
        assertExchanged(realm.exchange(token.value()));

        // a token its owner disabled stays the owner's to activate
        HttpResult ownDisable = owner.patch(token.key(), Map.of("state", "DISABLED"));
        assertFalse(ownDisable.json().path("disabledByAdmin").asBoolean(), ownDisable::toString);
        assertEquals(200, owner.patch(token.key(), Map.of("state", "ACTIVE")).status());
        assertEquals(204, owner.delete(token.key()).status());
    }

    /** A token an admin created disabled (staged) is the admin's to activate, like one it disabled later. */
    @Test
    void aTokenAnAdminCreatedDisabledIsActivatedByAnAdminOnly() {
        JsonNode staged = master.createToken(Map.of("user", targetId, "name", uniqueName("sec-staged"), "state", "DISABLED"));
        assertTrue(staged.path("disabledByAdmin").asBoolean(), staged::toString);
        assertError(realm.tokensOf(target).patch(staged.path("key").asText(), Map.of("state", "ACTIVE")), 403, "forbidden");
        assertEquals(200, master.patch(staged.path("key").asText(), Map.of("state", "ACTIVE")).status());
    }

    /** Same status and same body for an existing user (by name and id) and for one that does not exist. */
    private void assertSameAnswerForKnownAndUnknownUser(TokenAdminApi api, int status) {
        String unknown = "nobody-" + uniqueName("x");
        List<Function<String, HttpResult>> calls = List.of(
                user -> api.create(Map.of("user", user, "name", uniqueName("probe"))),
                user -> api.create(Map.of("user", user, "name", uniqueName("probe"), "token", ApiToken.generate().value())),
                user -> api.list("user=" + user),
                api::deleteAllOf);
        for (Function<String, HttpResult> call : calls) {
            HttpResult known = call.apply(target);
            HttpResult knownById = call.apply(targetId);
            HttpResult missing = call.apply(unknown);
            assertEquals(status, known.status(), known::toString);
            for (HttpResult other : List.of(knownById, missing)) {
                assertEquals(known.status(), other.status(), () -> known + " but " + other);
                assertEquals(known.json(), other.json(), () -> known + " but " + other);
            }
        }
    }

    private AdminLogin demoAdmin(String prefix, String... roles) {
        String username = uniqueName(prefix);
        users.add(keycloak.createUser(DemoRealm.NAME, username, username, roles));
        return AdminLogin.password(realm.http(), DemoRealm.NAME, username, username);
    }

    private JsonNode adminEvent(String operation, String key, long since) {
        HttpResult events = keycloak.adminEvents(DemoRealm.NAME, 200);
        assertEquals(200, events.status(), events::toString);
        return StreamSupport.stream(events.json().spliterator(), false)
                .filter(event -> event.path("time").asLong() >= since)
                .filter(event -> "PERSONAL_API_TOKEN".equals(event.path("resourceType").asText()))
                .filter(event -> operation.equals(event.path("operationType").asText()))
                .filter(event -> event.path("resourcePath").asText().endsWith("/tokens/" + key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + operation + " admin event for " + key + " in " + events.body()));
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
