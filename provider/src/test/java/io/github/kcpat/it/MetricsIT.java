package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertInvalidGrant;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoClient;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.PrometheusScrape;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import io.github.kcpat.token.ApiToken;

/**
 * The extension's meters on Keycloak's {@code /metrics} (every test server runs with {@code --metrics-enabled=true}):
 * after a scripted mix of uses and changes, each counter has moved by exactly what the script did. The classes on the
 * shared server run one at a time, so nothing else uses a door between two scrapes.
 */
@EveryKeycloakVersion
class MetricsIT {

    private static final String PREFIX = "personal_api_tokens_";
    private static final String USES = "personal_api_tokens_uses_total";
    private static final String DOOR_COUNT = "personal_api_tokens_door_duration_seconds_count";
    private static final String DOOR_SUM = "personal_api_tokens_door_duration_seconds_sum";
    private static final Set<String> LABELS = Set.of("realm", "door", "outcome", "reason", "by", "task", "mail");

    private final DemoRealm realm;
    private final KeycloakServer server;
    private final Doors doors;
    private final TokenAdminApi admin;
    private final List<String> secrets = new ArrayList<>();

    MetricsIT(DemoRealm realm, KeycloakServer server) {
        this.realm = realm;
        this.server = server;
        this.doors = realm.doors();
        this.admin = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
    }

    @Test
    void everyUseIsCountedByRealmDoorOutcomeAndReasonAndTimedByDoor() {
        TokenApi alice = realm.tokensOf("alice");
        CreatedToken token = alice.createToken(uniqueName("metered"));
        String otherSecret = ApiToken.withKey(token.key()).value();
        String unknown = ApiToken.generate().value();
        PrometheusScrape before = scrape();

        for (int i = 0; i < 3; i++) {
            assertExchanged(doors.exchange(token.value()));
        }
        assertRefused(doors.exchange(otherSecret));
        assertRefused(doors.exchange(otherSecret));
        assertRefused(doors.exchange("not-a-token"));
        assertRefused(doors.exchange(unknown));
        assertEquals(200, doors.forwardAuth(token.value()).status());
        assertEquals(200, doors.forwardAuth(token.value()).status());
        assertEquals(401, doors.forwardAuth(otherSecret).status());
        HttpResult verified = doors.verify(DemoClient.API_GATEWAY, token.value());
        assertTrue(verified.json().path("active").asBoolean(), verified::toString);
        HttpResult exchanged = doors.tokenExchange(DemoClient.API_GATEWAY, token.value());
        assertEquals(200, exchanged.status(), exchanged::toString);
        assertEquals(200, doors.directGrant("alice", token.value()).status());
        assertInvalidGrant(doors.directGrant("bob", token.value()));
        realm.clearBruteForce(realm.userId("bob"));
        assertEquals(200, alice.patch(token.key(), Map.of("state", "DISABLED")).status());
        assertRefused(doors.exchange(token.value()));

        PrometheusScrape after = scrape();
        assertUses(before, after, "exchange", "accepted", "none", 3);
        assertUses(before, after, "exchange", "refused", "wrong_secret", 2);
        assertUses(before, after, "exchange", "refused", "malformed_token", 1);
        assertUses(before, after, "exchange", "refused", "unknown_key", 1);
        assertUses(before, after, "exchange", "refused", "token_disabled", 1);
        assertUses(before, after, "forward-auth", "accepted", "none", 2);
        assertUses(before, after, "forward-auth", "refused", "wrong_secret", 1);
        assertUses(before, after, "verify", "accepted", "none", 1);
        assertUses(before, after, "token-exchange", "accepted", "none", 1);
        assertUses(before, after, "direct-grant", "accepted", "none", 1);
        assertUses(before, after, "direct-grant", "refused", "token_of_another_user", 1);
        assertEquals(15, after.sum(USES, "realm", DemoRealm.NAME) - before.sum(USES, "realm", DemoRealm.NAME), "uses in all");

        assertTimed(before, after, "exchange", "accepted", 3);
        assertTimed(before, after, "exchange", "refused", 5);
        assertTimed(before, after, "forward-auth", "accepted", 2);
        assertTimed(before, after, "forward-auth", "refused", 1);
        assertTimed(before, after, "verify", "accepted", 1);
        assertTimed(before, after, "token-exchange", "accepted", 1);
        assertTimed(before, after, "direct-grant", "accepted", 1);
        assertTimed(before, after, "direct-grant", "refused", 1);
        double exchangeSeconds = after.since(before, DOOR_SUM, "door", "exchange", "outcome", "accepted");
        assertTrue(exchangeSeconds > 0 && exchangeSeconds < 30, "3 exchanges took " + exchangeSeconds + " s");
        secrets.addAll(List.of(token.value(), otherSecret, unknown, token.key()));
        assertNothingSecretIn(after);
    }

    @Test
    void createdRotatedDisabledAndDeletedTokensAreCountedPerRealm() {
        TokenApi alice = realm.tokensOf("alice");
        PrometheusScrape before = scrape();

        CreatedToken first = alice.createToken(uniqueName("counted"));
        CreatedToken second = alice.createToken(uniqueName("counted"));
        assertEquals(200, alice.rotate(first.key()).status());
        assertEquals(200, alice.rotate(first.key(), Map.of("overlapMinutes", 60)).status());
        assertEquals(200, alice.patch(first.key(), Map.of("state", "DISABLED")).status());
        // disabling a disabled token disables nothing
        assertEquals(200, alice.patch(first.key(), Map.of("state", "DISABLED")).status());
        HttpResult byAdmin = admin.patch(second.key(), Map.of("state", "DISABLED"));
        assertEquals(200, byAdmin.status(), byAdmin::toString);
        assertEquals(204, alice.delete(first.key()).status());
        assertEquals(204, admin.delete(second.key()).status());

        PrometheusScrape after = scrape();
        assertEquals(2, after.since(before, PREFIX + "created_total", "realm", DemoRealm.NAME));
        assertEquals(2, after.since(before, PREFIX + "rotated_total", "realm", DemoRealm.NAME));
        assertEquals(1, after.since(before, PREFIX + "disabled_total", "realm", DemoRealm.NAME, "by", "owner"));
        assertEquals(1, after.since(before, PREFIX + "disabled_total", "realm", DemoRealm.NAME, "by", "admin"));
        assertEquals(2, after.since(before, PREFIX + "deleted_total", "realm", DemoRealm.NAME));
        secrets.addAll(List.of(first.value(), second.value(), first.key(), second.key()));
        assertNothingSecretIn(after);
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(server, PREFIX);
    }

    private static void assertUses(PrometheusScrape before, PrometheusScrape after, String door, String outcome, String reason,
            int expected) {
        assertEquals(expected, after.since(before, USES, "realm", DemoRealm.NAME, "door", door, "outcome", outcome, "reason", reason),
                () -> door + " " + outcome + " " + reason + " in\n" + after.text());
    }

    private static void assertTimed(PrometheusScrape before, PrometheusScrape after, String door, String outcome, int expected) {
        assertEquals(expected, after.since(before, DOOR_COUNT, "door", door, "outcome", outcome),
                () -> "timed " + door + " " + outcome);
    }

    /** No label names anything but realms, doors, outcomes, reasons, who disabled, tasks and mails. */
    private void assertNothingSecretIn(PrometheusScrape scrape) {
        assertFalse(scrape.samples().isEmpty());
        scrape.samples().forEach(sample -> assertTrue(LABELS.containsAll(sample.labels().keySet()), sample::toString));
        String ours = String.join("\n", scrape.text().lines().filter(line -> line.contains(PREFIX)).toList());
        for (String secret : secrets) {
            assertFalse(ours.contains(secret), "a token or key on /metrics");
        }
        for (String user : List.of("alice", "bob", realm.userId("alice"))) {
            assertFalse(ours.contains(user), "a user on /metrics: " + user);
        }
        assertFalse(ours.contains("kcpat_"), "a token on /metrics");
    }
}
