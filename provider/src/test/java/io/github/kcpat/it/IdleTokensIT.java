package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Poll;
import io.github.kcpat.it.support.PrometheusScrape;
import io.github.kcpat.it.support.ReceivedMail;
import io.github.kcpat.it.support.Smtp;
import io.github.kcpat.it.support.TestClock;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.it.support.TokenApi;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The idle task on a real Keycloak of this class's own, whose task runs every {@value #INTERVAL_SECONDS} s and whose
 * demo realm sends mail to a GreenMail SMTP server: time passes by the server's shifted clock, never by waiting.
 * "The task has run since X" is read from its DEBUG line, one per pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("IdleTokensIT's servers")
@Order(3)
class IdleTokensIT {

    static final int INTERVAL_SECONDS = ExpiryReminderIT.INTERVAL_SECONDS;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASS_DONE = "idle pass done at ";
    private static final DateTimeFormatter MAIL_DATE = ExpiryReminderIT.MAIL_DATE;
    private static final Pattern TOKEN_VALUE = Pattern.compile("kcpat_[0-9A-Za-z]{65}_[0-9A-Za-z]{6}");

    private static final String MAILS_SENT = "personal_api_tokens_mails_sent_total";
    private static final String TASK_RUNS = "personal_api_tokens_task_runs_total";

    private GreenMail smtp;
    private KeycloakServer server;
    private DemoRealm realm;
    private TestClock clock;
    private TokenAdminApi admin;
    private final List<String> values = new ArrayList<>();
    private final List<String> users = new ArrayList<>();

    @BeforeAll
    void startServers() {
        smtp = Smtp.start();
        server = KeycloakServer.independent("idle-tokens")
                .withDemoRealm()
                .addOptions(ExpiryReminderIT.INTERVAL_OPTION, "--log-level=INFO,io.github.kcpat.idle:debug");
        server.start();
        realm = DemoRealm.on(server);
        Smtp.sendMailOf(realm, smtp);
        clock = TestClock.of(server);
        admin = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
        new KeycloakAdmin(realm.http()).updateRealm(DemoRealm.NAME, rep -> rep.put("eventsEnabled", true));
    }

    @AfterEach
    void backToNow() {
        clock.reset();
        assertEquals(200, admin.putPolicy(Map.of("disableAfterUnusedDays", 0, "idleWarningDays", 7)).status());
    }

    @AfterAll
    void stopServers() {
        users.forEach(realm::deleteUser);
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    @Order(1)
    void anUnusedTokenIsWarnedThenDisabledAsIdleAndItsOwnerMayActivateItAgain() {
        PrometheusScrape before = scrape();
        assertEquals(200, admin.putPolicy(Map.of("disableAfterUnusedDays", 30, "idleWarningDays", 7)).status());
        CreatedToken idle = create("alice", uniqueName("forgotten"));
        CreatedToken busy = create("alice", uniqueName("nightly"));
        Instant created = Instant.parse(idle.representation().path("createdAt").asText());
        assertEquals(created.plus(Duration.ofDays(30)), Instant.parse(idle.representation().path("idleDisableAt").asText()));

        travelTo(created.plus(Duration.ofDays(23)).plusSeconds(60));
        ReceivedMail warning = awaitMail(idle.key(), "will be disabled");
        assertEquals(List.of("alice@example.com"), warning.to());
        assertTrue(warning.subject().startsWith("Your API token \"" + idle.name() + "\" will be disabled on "), warning::toString);
        for (String part : List.of(warning.text(), warning.html())) {
            assertTrue(part.contains(idle.key()) && part.contains("23 days") && part.contains("30 days"), part);
        }
        JsonNode warned = owner("alice").get(idle.key()).json();
        assertEquals("ACTIVE", warned.path("state").asText(), warned::toString);
        Instant disableAt = Instant.parse(warned.path("idleDisableAt").asText());
        assertTrue(warning.subject().contains(MAIL_DATE.format(disableAt)), () -> warning.subject() + " vs " + disableAt);
        // the busy token is used now: its idle clock starts again
        assertExchanged(realm.doors().exchange(busy.value()));
        Poll.until(TIMEOUT, () -> !owner("alice").get(busy.key()).json().path("lastUsedAt").isNull());

        travelTo(disableAt.plusSeconds(60));
        JsonNode disabled = Poll.until(TIMEOUT, () -> owner("alice").get(idle.key()).json(),
                body -> "DISABLED".equals(body.path("state").asText()));
        assertEquals("idle", disabled.path("disabledBy").asText(), disabled::toString);
        assertFalse(disabled.path("disabledByAdmin").asBoolean(true), disabled::toString);
        assertTrue(disabled.path("idleDisableAt").isNull(), disabled::toString);
        assertRefused(realm.doors().exchange(idle.value()));
        ReceivedMail notice = awaitMail(idle.key(), "was disabled");
        assertEquals("Your API token \"" + idle.name() + "\" was disabled: it was not used for 30 days", notice.subject());
        assertEvent(idle.key());
        awaitPasses(2);
        assertEquals("ACTIVE", owner("alice").get(busy.key()).json().path("state").asText(), "a token used since was disabled");
        assertEquals(1, mailsFor(idle.key(), "will be disabled").size(), "the warning went out again");

        // its owner may activate it again, which starts a new idle period
        HttpResult activated = owner("alice").patch(idle.key(), Map.of("state", "ACTIVE"));
        assertEquals(200, activated.status(), activated::toString);
        Instant restarted = Instant.parse(activated.json().path("idleDisableAt").asText());
        assertTrue(restarted.isAfter(TestClock.serverNow(realm.http()).plus(Duration.ofDays(29))), activated::toString);
        assertExchanged(realm.doors().exchange(idle.value()));
        awaitPasses(2);
        assertEquals("ACTIVE", owner("alice").get(idle.key()).json().path("state").asText(), "disabled again at once");

        PrometheusScrape after = scrape();
        // both tokens were unused at day 23: two warnings; only the one still unused was disabled
        assertEquals(2, after.since(before, MAILS_SENT, "realm", DemoRealm.NAME, "mail", "idle-warning"));
        assertEquals(1, after.since(before, MAILS_SENT, "realm", DemoRealm.NAME, "mail", "idle-disabled"));
        assertEquals(1, after.since(before, "personal_api_tokens_disabled_total", "realm", DemoRealm.NAME, "by", "idle"));
    }

    /** With mails off ({@code idleWarningDays} 0) no warning can reach the owner: the token is disabled when the period ends. */
    @Test
    @Order(2)
    void withMailsOffATokenIsDisabledWhenThePeriodEndsAndNobodyIsMailed() {
        String username = uniqueName("no-mail");
        users.add(realm.createUser(username));
        assertEquals(200, admin.putPolicy(Map.of("disableAfterUnusedDays", 10, "idleWarningDays", 0)).status());
        CreatedToken token = create(username, uniqueName("unmailed"));
        Instant created = Instant.parse(token.representation().path("createdAt").asText());

        travelTo(created.plus(Duration.ofDays(9)));
        awaitPasses(2);
        assertEquals("ACTIVE", owner(username).get(token.key()).json().path("state").asText());

        travelTo(created.plus(Duration.ofDays(10)).plusSeconds(60));
        JsonNode disabled = Poll.until(TIMEOUT, () -> owner(username).get(token.key()).json(),
                body -> "DISABLED".equals(body.path("state").asText()));
        assertEquals("idle", disabled.path("disabledBy").asText(), disabled::toString);
        awaitPasses(2);
        assertTrue(mailsFor(token.key(), "").isEmpty(), "mailed with mails off");
    }

    /**
     * Turning the policy on in a realm of old tokens warns their owners first: nothing is disabled before the warning
     * period has passed since the warning. With the policy off, nothing happens at all.
     */
    @Test
    @Order(3)
    void turningThePolicyOnWarnsOldTokensBeforeDisablingThem() {
        CreatedToken old = create("alice", uniqueName("old"));
        Instant created = Instant.parse(old.representation().path("createdAt").asText());
        assertTrue(old.representation().path("idleDisableAt").isNull(), "the policy disables nothing");

        travelTo(created.plus(Duration.ofDays(100)));
        awaitPasses(2);
        assertEquals("ACTIVE", owner("alice").get(old.key()).json().path("state").asText(), "disabled with the policy off");
        assertTrue(mailsFor(old.key(), "will be disabled").isEmpty());

        assertEquals(200, admin.putPolicy(Map.of("disableAfterUnusedDays", 30, "idleWarningDays", 7)).status());
        awaitMail(old.key(), "will be disabled");
        awaitPasses(2);
        JsonNode warned = owner("alice").get(old.key()).json();
        assertEquals("ACTIVE", warned.path("state").asText(), "disabled without its warning period");
        Instant disableAt = Instant.parse(warned.path("idleDisableAt").asText());
        assertTrue(disableAt.isAfter(TestClock.serverNow(realm.http()).plus(Duration.ofDays(6))), warned::toString);

        travelTo(disableAt.plusSeconds(60));
        JsonNode disabled = Poll.until(TIMEOUT, () -> owner("alice").get(old.key()).json(),
                body -> "DISABLED".equals(body.path("state").asText()));
        assertEquals("idle", disabled.path("disabledBy").asText(), disabled::toString);
    }

    /** An admin's disabling is the admin's: the owner cannot lift it, unlike the idle task's. */
    @Test
    @Order(4)
    void anAdminsDisablingStaysTheAdminsAndNoMailOrLogHoldsAValue() throws Exception {
        CreatedToken token = create("alice", uniqueName("admin-disabled"));
        assertEquals(200, admin.patch(token.key(), Map.of("state", "DISABLED")).status());
        HttpResult refused = owner("alice").patch(token.key(), Map.of("state", "ACTIVE"));
        assertEquals(403, refused.status(), refused::toString);

        String everything = server.logText() + Arrays.stream(smtp.getReceivedMessages())
                .map(message -> { ReceivedMail mail = new ReceivedMail(message); return mail.text() + mail.html(); })
                .reduce("", String::concat);
        for (String value : values) {
            assertFalse(everything.contains(value), "a token value in a mail or the log");
        }
        Matcher leaked = TOKEN_VALUE.matcher(everything);
        assertFalse(leaked.find(), "something shaped like a token value in a mail or the log");
    }

    /**
     * {@code /metrics} counts every pass of both tasks (equal to the passes the log shows, read while no pass ends) and
     * every reminder mail.
     */
    @Test
    @Order(5)
    void thePassesOfBothTasksAndTheirMailsAreCounted() {
        PrometheusScrape before = scrape();
        Instant expiresAt = TestClock.serverNow(realm.http()).plus(Duration.ofDays(3));
        CreatedToken expiring = owner("alice").createToken(Map.of("name", uniqueName("expiring"), "expiresAt", expiresAt.toString()));
        values.add(expiring.value());
        awaitMail(expiring.key(), "expires in");
        awaitPasses(2);
        assertEquals(1, scrape().since(before, MAILS_SENT, "realm", DemoRealm.NAME, "mail", "expiry-reminder"));

        assertTrue(Poll.until(TIMEOUT, () -> {
            long passes = passesDone();
            PrometheusScrape now = scrape();
            return passesDone() == passes
                    && now.value(TASK_RUNS, "task", "idle-tokens") == passes
                    && now.value(TASK_RUNS, "task", "expiry-reminders") == passes;
        }), () -> passesDone() + " passes in the log, /metrics says\n" + scrape().text());
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(server, "personal_api_tokens_");
    }

    private CreatedToken create(String username, String name) {
        CreatedToken token = owner(username).createToken(name);
        values.add(token.value());
        return token;
    }

    /** The owner's API, signed in at the server's (shifted) time. */
    private TokenApi owner(String username) {
        return realm.tokensOf(username);
    }

    /** Shifts the server's clock to {@code when} (from the real now), then waits for a whole pass at that time. */
    private void travelTo(Instant when) {
        clock.reset();
        clock.shiftBy(Duration.between(Instant.now(), when));
        awaitPasses(2);
    }

    /** Waits until {@code passes} more passes of the idle task have ended (the first may have begun before). */
    private void awaitPasses(int passes) {
        long before = passesDone();
        assertTrue(Poll.until(TIMEOUT, () -> passesDone() >= before + passes),
                () -> "the idle task did not run " + passes + " times within " + TIMEOUT + "; see " + server.log());
    }

    private long passesDone() {
        String log = server.logText();
        return log.split(Pattern.quote(PASS_DONE), -1).length - 1L;
    }

    private ReceivedMail awaitMail(String key, String subjectPart) {
        List<ReceivedMail> mails = Poll.until(TIMEOUT, () -> mailsFor(key, subjectPart), found -> !found.isEmpty());
        assertFalse(mails.isEmpty(), () -> "no mail '" + subjectPart + "' for " + key + "; see " + server.log());
        return mails.get(0);
    }

    private List<ReceivedMail> mailsFor(String key, String subjectPart) {
        return Arrays.stream(smtp.getReceivedMessages()).map(ReceivedMail::new)
                .filter(mail -> mail.text().contains(key) && mail.subject().contains(subjectPart)).toList();
    }

    private void assertEvent(String key) {
        JsonNode events = Poll.until(TIMEOUT, () -> new KeycloakAdmin(realm.http()).events(DemoRealm.NAME, 100).json(),
                found -> eventFor(found, key) != null);
        JsonNode event = eventFor(events, key);
        assertTrue(event != null, () -> "no disabled_idle event for " + key + " in " + events);
        assertEquals("UPDATE_CREDENTIAL", event.path("type").asText(), event::toString);
        assertEquals("30", event.path("details").path("unused_days").asText(), event::toString);
        assertEquals(realm.userId("alice"), event.path("userId").asText(), event::toString);
    }

    private static JsonNode eventFor(JsonNode events, String key) {
        for (JsonNode event : events) {
            JsonNode details = event.path("details");
            if (key.equals(details.path("credential_id").asText()) && "disabled_idle".equals(details.path("token_action").asText())) {
                return event;
            }
        }
        return null;
    }
}
