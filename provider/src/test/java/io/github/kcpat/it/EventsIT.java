package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TestClock;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import io.github.kcpat.token.ApiToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With events switched on for the demo realm, a user's token lifecycle, exchanges that succeed and that are
 * refused for each provokable reason, and admin changes; then what Keycloak stored: user events and admin events
 * naming the token by type, key and name, and nowhere a token value or the hash of a secret.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsIT {

    private static final String TYPE = "personal-api-token";
    private static final String SELF_SERVICE_CLIENT = "demo-cli";

    private final DemoRealm realm;
    private final KeycloakAdmin keycloak;
    private final TokenAdminApi admin;
    /** Every token value presented or made in this class, valid or not. */
    private final Set<String> values = new LinkedHashSet<>();
    private final Map<String, String> refusedKeys = new HashMap<>();
    private JsonNode eventSettings;
    private String userId;
    private long start;

    private CreatedToken lifecycle;
    private CreatedToken overlapping;
    private String renamed;
    private String provisionedKey;
    private String generatedKey;
    private JsonNode events;
    private JsonNode adminEvents;
    private String eventsText;
    private String adminEventsText;

    EventsIT(DemoRealm realm) {
        this.realm = realm;
        this.keycloak = new KeycloakAdmin(realm.http());
        this.admin = keycloak.tokens(DemoRealm.NAME);
    }

    /**
     * The expiring token expires by moving the server's clock ahead, left so until {@link #restoreEventSettings()}: the
     * events stay in time order.
     */
    @BeforeAll
    void useTokensWithEventsOn() {
        String username = uniqueName("audited");
        userId = realm.createUser(username);
        JsonNode rep = keycloak.realm(DemoRealm.NAME);
        eventSettings = Http.JSON.createObjectNode()
                .put("eventsEnabled", rep.path("eventsEnabled").asBoolean())
                .put("adminEventsEnabled", rep.path("adminEventsEnabled").asBoolean())
                .put("adminEventsDetailsEnabled", rep.path("adminEventsDetailsEnabled").asBoolean());
        start = Instant.now().minusSeconds(2).toEpochMilli();
        keycloak.updateRealm(DemoRealm.NAME, realmRep -> realmRep.put("eventsEnabled", true).put("adminEventsEnabled", true)
                .put("adminEventsDetailsEnabled", true));

        TokenApi user = realm.tokensOf(username);
        // self-service: create, rotate, rename, use, delete
        lifecycle = user.createToken(uniqueName("audit-life"));
        values.add(lifecycle.value());
        HttpResult rotated = user.rotate(lifecycle.key());
        assertEquals(200, rotated.status(), rotated::toString);
        String rotatedValue = rotated.text("token");
        values.add(rotatedValue);
        renamed = uniqueName("audit-renamed");
        assertEquals(200, user.patch(lifecycle.key(), Map.of("name", renamed)).status());
        assertExchanged(realm.exchange(rotatedValue));
        refuse(lifecycle.value(), "wrong_secret", lifecycle.key());
        assertEquals(204, user.delete(lifecycle.key()).status());
        refuse(rotatedValue, "unknown_key", lifecycle.key());

        // a rotation with an overlap: a use of the previous value is marked, one of the new value is not
        overlapping = user.createToken(uniqueName("audit-overlap"));
        values.add(overlapping.value());
        HttpResult overlapRotation = user.rotate(overlapping.key(), Map.of("overlapMinutes", 60));
        assertEquals(200, overlapRotation.status(), overlapRotation::toString);
        values.add(overlapRotation.text("token"));
        assertExchanged(realm.exchange(overlapping.value()));
        assertExchanged(realm.exchange(overlapRotation.text("token")));

        CreatedToken disabled = user.createToken(uniqueName("audit-disabled"));
        values.add(disabled.value());
        assertEquals(200, user.patch(disabled.key(), Map.of("state", "DISABLED")).status());
        refuse(disabled.value(), "token_disabled", disabled.key());

        Instant soon = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        CreatedToken expiring = user.createToken(Map.of("name", uniqueName("audit-expiring"), "expiresAt", soon.toString()));
        values.add(expiring.value());

        // the tests call from 127.0.0.1
        CreatedToken fenced = user.createToken(Map.of("name", uniqueName("audit-fenced"), "allowedIps", List.of("192.0.2.0/24")));
        values.add(fenced.value());
        refuse(fenced.value(), "ip_not_allowed", fenced.key());

        CreatedToken owned = user.createToken(uniqueName("audit-owner"));
        values.add(owned.value());
        String flipped = owned.value().substring(0, owned.value().length() - 1) + (owned.value().endsWith("A") ? "B" : "A");
        refuseUnlogged(flipped);
        refuseUnlogged("not-a-token");
        String unknown = ApiToken.generate().value();
        refuse(unknown, "unknown_key", ApiToken.parse(unknown).orElseThrow().key());
        realm.setUserEnabled(userId, false);
        refuse(owned.value(), "owner_disabled", owned.key());
        realm.setUserEnabled(userId, true);
        realm.removeRealmRole(userId, DemoRealm.ROLE);
        refuse(owned.value(), "role_missing", owned.key());
        realm.addRealmRole(userId, DemoRealm.ROLE);
        assertExchanged(realm.exchange(owned.value()));

        TestClock.of(realm.http()).shiftBy(Duration.between(TestClock.serverNow(), soon).plusSeconds(1));
        refuse(expiring.value(), "token_expired", expiring.key());

        // admin changes
        String provisioned = ApiToken.generate().value();
        values.add(provisioned);
        provisionedKey = admin.createToken(Map.of("user", userId, "name", uniqueName("audit-provisioned"), "token", provisioned))
                .path("key").asText();
        assertEquals(200, admin.patch(provisionedKey, Map.of("state", "DISABLED")).status());
        assertEquals(204, admin.delete(provisionedKey).status());
        JsonNode generated = admin.createToken(Map.of("user", userId, "name", uniqueName("audit-generated")));
        generatedKey = generated.path("key").asText();
        values.add(generated.path("token").asText());
        HttpResult all = admin.deleteAllOf(userId);
        assertEquals(200, all.status(), all::toString);
        HttpResult policy = admin.putPolicy(Map.of("reminderDays", admin.policy().json().path("reminderDays")));
        assertEquals(200, policy.status(), policy::toString);

        HttpResult userEvents = keycloak.events(DemoRealm.NAME, 1000);
        assertEquals(200, userEvents.status(), userEvents::toString);
        HttpResult storedAdminEvents = keycloak.adminEvents(DemoRealm.NAME, 1000);
        assertEquals(200, storedAdminEvents.status(), storedAdminEvents::toString);
        eventsText = userEvents.body();
        adminEventsText = storedAdminEvents.body();
        events = userEvents.json();
        adminEvents = storedAdminEvents.json();
    }

    @AfterAll
    void restoreEventSettings() {
        try {
            TestClock.of(realm.http()).reset();
            keycloak.updateRealm(DemoRealm.NAME, rep -> rep.setAll((ObjectNode) eventSettings));
        } finally {
            realm.deleteUser(userId);
        }
    }

    @Test
    void selfServiceChangesAreCredentialEvents() {
        assertChange("UPDATE_CREDENTIAL", "created", lifecycle.key(), lifecycle.name());
        assertChange("UPDATE_CREDENTIAL", "rotated", lifecycle.key(), lifecycle.name());
        assertChange("UPDATE_CREDENTIAL", "updated", lifecycle.key(), renamed);
        assertChange("REMOVE_CREDENTIAL", "deleted", lifecycle.key(), renamed);
    }

    @Test
    void aUseOfThePreviousValueDuringAnOverlapIsMarked() {
        List<JsonNode> uses = new java.util.ArrayList<>();
        events.forEach(event -> {
            if ("TOKEN_EXCHANGE".equals(event.path("type").asText())
                    && overlapping.key().equals(details(event).path("credential_id").asText())) {
                uses.add(event);
            }
        });
        assertEquals(2, uses.size(), uses::toString);
        assertEquals(1, uses.stream().filter(event -> "true".equals(details(event).path("previous_value").asText())).count(),
                uses::toString);
        assertEquals(1, uses.stream().filter(event -> details(event).path("previous_value").isMissingNode()).count(),
                uses::toString);
    }

    @Test
    void successfulExchangeIsATokenExchangeEvent() {
        JsonNode exchange = find(event -> "TOKEN_EXCHANGE".equals(event.path("type").asText())
                && lifecycle.key().equals(details(event).path("credential_id").asText()));
        assertEquals(userId, exchange.path("userId").asText(), exchange::toString);
        assertEquals(TYPE, details(exchange).path("credential_type").asText(), exchange::toString);
        assertEquals(renamed, details(exchange).path("credential_user_label").asText(), exchange::toString);
        assertEquals("personal-api-tokens", exchange.path("clientId").asText(), exchange::toString);
    }

    @Test
    void everyRefusalIsATokenExchangeErrorWithItsReason() {
        List<String> missing = new ArrayList<>();
        refusedKeys.forEach((reasonAndValue, key) -> {
            String reason = reasonAndValue.substring(0, reasonAndValue.indexOf(' '));
            Optional<JsonNode> found = stream(events).filter(event -> "TOKEN_EXCHANGE_ERROR".equals(event.path("type").asText())
                    && reason.equals(details(event).path("reason").asText())
                    && (key.isEmpty() || key.equals(details(event).path("credential_id").asText()))).findFirst();
            if (found.isEmpty()) {
                missing.add(reason + (key.isEmpty() ? "" : " for " + key));
            } else {
                assertEquals("invalid_token", found.get().path("error").asText(), found.get()::toString);
            }
        });
        assertTrue(missing.isEmpty(), () -> "no TOKEN_EXCHANGE_ERROR with reason " + missing + " among " + recent(events));
        for (String ownerKnown : List.of("wrong_secret", "token_disabled", "token_expired", "owner_disabled", "role_missing")) {
            JsonNode event = find(e -> "TOKEN_EXCHANGE_ERROR".equals(e.path("type").asText())
                    && ownerKnown.equals(details(e).path("reason").asText()) && e.path("time").asLong() >= start);
            assertEquals(userId, event.path("userId").asText(), () -> ownerKnown + " event has no user: " + event);
        }
    }

    @Test
    void cheapRefusalsAreNotEvents() {
        stream(events).filter(event -> event.path("time").asLong() >= start).forEach(event -> {
            String reason = details(event).path("reason").asText();
            assertFalse(reason.equals("malformed_token") || reason.equals("bad_checksum"), event::toString);
        });
    }

    @Test
    void adminChangesAreAdminEventsWithoutSecrets() {
        JsonNode created = adminEvent("CREATE", provisionedKey);
        JsonNode representation = representation(created);
        assertEquals(provisionedKey, representation.path("key").asText(), created::toString);
        assertFalse(representation.has("token"), created::toString);
        assertEquals(keycloak.realm("master").path("id").asText(), created.path("authDetails").path("realmId").asText(),
                () -> "not recorded as the master admin's change: " + created);
        assertEquals("DISABLED", representation(adminEvent("UPDATE", provisionedKey)).path("state").asText());
        adminEvent("DELETE", provisionedKey);
        JsonNode generated = adminEvent("CREATE", generatedKey);
        assertFalse(representation(generated).has("token"), () -> "the generated value is in the admin event: " + generated);
        adminEvent("DELETE", generatedKey);
        JsonNode policy = stream(adminEvents).filter(event -> "PERSONAL_API_TOKEN".equals(event.path("resourceType").asText())
                        && "UPDATE".equals(event.path("operationType").asText())
                        && event.path("resourcePath").asText().endsWith("personal-api-tokens/policy")
                        && event.path("time").asLong() >= start)
                .findFirst().orElseThrow(() -> new AssertionError("no admin event for the policy update among " + recent(adminEvents)));
        assertTrue(representation(policy).has("maxLifetimeDays"), policy::toString);
    }

    @Test
    void noEventHoldsATokenOrTheHashOfItsSecret() {
        List<String> stored = List.of(eventsText, adminEventsText);
        for (String text : stored) {
            assertFalse(text.contains("kcpat_"), "an event holds a token value");
            assertFalse(text.contains("secretData"), "an event holds credential secret data");
        }
        for (String forbidden : forbiddenStrings()) {
            for (String text : stored) {
                assertFalse(text.contains(forbidden), () -> "an event holds a token, a part of one or a hash: " + forbidden);
            }
        }
        List<JsonNode> ours = new ArrayList<>();
        stream(events).filter(event -> TYPE.equals(details(event).path("credential_type").asText())
                || event.path("type").asText().startsWith("TOKEN_EXCHANGE")).forEach(ours::add);
        stream(adminEvents).filter(event -> "PERSONAL_API_TOKEN".equals(event.path("resourceType").asText())).forEach(ours::add);
        assertTrue(ours.size() >= 10, () -> "too few token events: " + ours);
        for (JsonNode event : ours) {
            assertNoSecretField(event, event);
            if (event.path("representation").isTextual()) {
                assertNoSecretField(representation(event), event);
            }
        }
    }

    @Test
    void keycloakLogHoldsNoTokenOfThisTest() throws IOException {
        Path log = Path.of(System.getProperty("keycloak.home")).toAbsolutePath().getParent().resolve("keycloak.log");
        String text = Files.readString(log);
        for (String forbidden : forbiddenStrings()) {
            assertFalse(text.contains(forbidden), () -> log + " holds a token, a part of one or a hash: " + forbidden);
        }
    }

    /** Refusals that cost the sender nothing (garbage, a bad checksum) write no event: they could flood the store. */
    private void refuseUnlogged(String value) {
        values.add(value);
        assertRefused(realm.exchange(value));
    }

    private void refuse(String value, String reason, String key) {
        values.add(value);
        assertRefused(realm.exchange(value));
        refusedKeys.put(reason + " " + value, key == null ? "" : key);
    }

    private void assertChange(String type, String action, String key, String name) {
        JsonNode event = find(e -> type.equals(e.path("type").asText()) && action.equals(details(e).path("token_action").asText())
                && key.equals(details(e).path("credential_id").asText()));
        JsonNode details = details(event);
        assertEquals(TYPE, details.path("credential_type").asText(), event::toString);
        assertEquals(name, details.path("credential_user_label").asText(), event::toString);
        assertEquals(userId, event.path("userId").asText(), event::toString);
        assertEquals(SELF_SERVICE_CLIENT, event.path("clientId").asText(), event::toString);
    }

    private JsonNode adminEvent(String operation, String key) {
        return stream(adminEvents).filter(event -> "PERSONAL_API_TOKEN".equals(event.path("resourceType").asText())
                        && operation.equals(event.path("operationType").asText())
                        && event.path("resourcePath").asText().endsWith("/tokens/" + key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + operation + " admin event for " + key + " among " + recent(adminEvents)));
    }

    private JsonNode find(Predicate<JsonNode> matches) {
        return stream(events).filter(event -> event.path("time").asLong() >= start).filter(matches).findFirst()
                .orElseThrow(() -> new AssertionError("no matching event among " + recent(events)));
    }

    /** Each value, its key-and-secret body, every 16-character slice of that body, and its secret's hash in hex and base64. */
    private List<String> forbiddenStrings() {
        List<String> forbidden = new ArrayList<>();
        for (String value : values) {
            forbidden.add(value);
            String[] parts = value.split("_");
            if (value.startsWith("kcpat_") && parts.length == 3) {
                String body = parts[1];
                forbidden.add(body);
                for (int i = 0; i + 16 <= body.length(); i++) {
                    forbidden.add(body.substring(i, i + 16));
                }
            }
            ApiToken.parse(value).ifPresent(token -> {
                byte[] hash = token.secretHash();
                forbidden.add(Base64.getEncoder().encodeToString(hash));
                forbidden.add(Base64.getEncoder().withoutPadding().encodeToString(hash));
                forbidden.add(Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
                forbidden.add(HexFormat.of().formatHex(hash));
                forbidden.add(HexFormat.of().withUpperCase().formatHex(hash));
            });
        }
        forbidden.remove("not-a-token");
        return forbidden;
    }

    private static final java.util.Set<String> PUBLIC_OVERLAP_FIELDS =
            java.util.Set.of("previousSecretExpiresAt", "previousSecretLastUsedAt", "previousSecretLastUsedFrom");

    private static void assertNoSecretField(JsonNode node, JsonNode event) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey().toLowerCase(Locale.ROOT);
                // the times and address of a rotation's overlap are public; their values are scanned like every other
                boolean overlapFact = PUBLIC_OVERLAP_FIELDS.contains(field.getKey());
                assertFalse(!overlapFact && (name.contains("secret") || name.contains("hash") || name.equals("token") || name.equals("value")),
                        () -> "field '" + field.getKey() + "' in " + event);
                assertNoSecretField(field.getValue(), event);
            }
        } else if (node.isArray()) {
            node.forEach(item -> assertNoSecretField(item, event));
        }
    }

    private static JsonNode representation(JsonNode adminEvent) {
        String text = adminEvent.path("representation").asText("");
        assertFalse(text.isEmpty(), () -> "no representation in " + adminEvent);
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("representation is not JSON: " + adminEvent, e);
        }
    }

    private static JsonNode details(JsonNode event) {
        return event.path("details");
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private String recent(JsonNode stored) {
        List<JsonNode> items = stream(stored).filter(event -> event.path("time").asLong() >= start).toList();
        return items.size() + " events since the test began: " + items;
    }
}
