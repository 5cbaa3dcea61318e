package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Pause;
import io.github.kcpat.it.support.Poll;
import io.github.kcpat.it.support.ReceivedMail;
import io.github.kcpat.it.support.Smtp;
import io.github.kcpat.it.support.TokenApi;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
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
 * Expiry reminder e-mails against a real Keycloak of this class's own, started with a reminder interval of
 * {@value #INTERVAL_SECONDS} s, whose demo realm sends mail to a GreenMail SMTP server on loopback.
 *
 * <p>"The task has run since X" is observed, not slept for: a sentinel token of bob, due for a reminder, is created
 * after X; its mail proves that a whole run saw everything committed before it (a run reads the tokens ordered by
 * owner, so alice's tokens come before bob's, and mails go out synchronously).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("ExpiryReminderIT's servers")
@Order(3)
class ExpiryReminderIT {

    static final int INTERVAL_SECONDS = 1;
    static final String INTERVAL_OPTION =
            "--spi-realm-restapi-extension--personal-api-tokens--reminder-interval=" + INTERVAL_SECONDS;
    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(30);
    private static final String ACCOUNT_PAGE = "/realms/demo/account/api-tokens";
    /** How an English mail writes a day and time (medium date, short time, in UTC and saying so). */
    static final DateTimeFormatter MAIL_DATE = new DateTimeFormatterBuilder()
            .appendLocalized(FormatStyle.MEDIUM, FormatStyle.SHORT).appendLiteral(" UTC").toFormatter(Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    /** And a German one: 05.12.2026, 15:28 UTC. */
    private static final DateTimeFormatter GERMAN_MAIL_DATE =
            DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Pattern TOKEN_VALUE = Pattern.compile("kcpat_[0-9A-Za-z]{65}_[0-9A-Za-z]{6}");

    private GreenMail smtp;
    private KeycloakServer server;
    private DemoRealm realm;
    /** Every token value this class saw, to prove none is ever mailed or logged. */
    private final List<String> values = new ArrayList<>();
    /** Reminded tokens and how many mails each had: a restart must add none. */
    private final Map<String, Integer> reminded = new LinkedHashMap<>();

    @BeforeAll
    void startServers() {
        smtp = Smtp.start();
        server = KeycloakServer.independent("expiry-reminders")
                .withDemoRealm()
                .addOptions(INTERVAL_OPTION);
        server.start();
        realm = DemoRealm.on(server);
        Smtp.sendMailOf(realm, smtp);
    }

    @AfterAll
    void stopServers() {
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    /**
     * Issue 12, the attack on the link: with no public URL configured, requests with a forged {@code Host} /
     * {@code X-Forwarded-Host} made every reminder link to the attacker's host. Now the mail has no link at all.
     */
    @Test
    @Order(1)
    void aTokenExpiringWithinSevenDaysEarnsOneMailNamingItsKeyExpiryAndPage() throws Exception {
        Instant expiresAt = inDays(3);
        CreatedToken token = create("alice", Map.of("name", uniqueName("nightly backup"), "expiresAt", expiresAt.toString()));

        ReceivedMail mail;
        try (ForgedHosts forged = ForgedHosts.start(server)) {
            mail = awaitMails(token.key(), 1).get(0);
            assertTrue(forged.answered() > 0, "no forged request reached the server");
        }

        assertEquals(List.of("alice@example.com"), mail.to(), mail::toString);
        assertEquals("Your API token \"" + token.name() + "\" expires in 3 day(s)", mail.subject());
        for (String part : List.of(mail.text(), mail.html())) {
            assertFalse(part.isBlank(), () -> "a part is missing: " + mail);
            assertTrue(part.contains(token.name()), () -> "no token name in " + part);
            assertTrue(part.contains(token.key()), () -> "no token key in " + part);
            assertTrue(part.contains(MAIL_DATE.format(expiresAt)), () -> "no expiry " + MAIL_DATE.format(expiresAt) + " in " + part);
            // neither hostname nor Frontend URL is configured: the page is named in words, never linked
            assertFalse(part.contains(ForgedHosts.HOST), () -> "the forged host is in the mail: " + part);
            assertFalse(part.contains(ACCOUNT_PAGE), () -> "a link without a configured public URL: " + part);
            assertTrue(part.contains("API tokens") && part.contains("Account Console"), () -> "the page is not named: " + part);
        }
        // the line follows the SMTP answer, which GreenMail may hand to this test first: give it a moment
        String line = "expiry reminder for token " + token.key() + " of alice sent";
        Poll.until(Duration.ofSeconds(10), () -> server.logText().contains(line));
        assertTrue(Files.readString(server.log()).contains(line), "the task's INFO line is not in " + server.log());

        awaitRuns(2);
        assertEquals(1, mailsFor(token.key()).size(), "a second reminder for the same threshold went out");
        reminded.put(token.key(), 1);
    }

    /** Issue 12: the realm's Frontend URL is the link, whatever Host the requests in between claimed. */
    @Test
    @Order(1)
    void theLinkIsTheRealmsFrontendUrlWhateverRequestsClaim() {
        String frontendUrl = "http://127.0.0.1:" + URI.create(server.baseUrl()).getPort();
        realm.updateRealm(rep -> rep.with("attributes").put("frontendUrl", frontendUrl));
        try {
            CreatedToken token = create("alice", Map.of("name", uniqueName("frontend"), "expiresAt", inDays(2).toString()));
            ReceivedMail mail;
            try (ForgedHosts forged = ForgedHosts.start(server)) {
                mail = awaitMails(token.key(), 1).get(0);
                assertTrue(forged.answered() > 0, "no forged request reached the server");
            }
            String link = frontendUrl + ACCOUNT_PAGE;
            assertTrue(mail.text().contains(link), () -> "no link " + link + " in the text part: " + mail.text());
            assertTrue(mail.html().contains("href=\"" + link + "\""), () -> "no link " + link + " in the HTML part: " + mail.html());
            assertFalse(mail.text().contains(ForgedHosts.HOST) || mail.html().contains(ForgedHosts.HOST), mail::toString);
            reminded.put(token.key(), 1);
        } finally {
            realm.updateRealm(rep -> rep.with("attributes").put("frontendUrl", ""));
        }
    }

    @Test
    @Order(2)
    void aTokenExpiringWithinOneDayEarnsOneMailNotOnePerThreshold() {
        CreatedToken token = create("alice", Map.of("name", uniqueName("deploy"), "expiresAt", inHours(12).toString()));

        ReceivedMail mail = awaitMails(token.key(), 1).get(0);
        assertEquals("Your API token \"" + token.name() + "\" expires in 1 day(s)", mail.subject());

        awaitRuns(2);
        assertEquals(1, mailsFor(token.key()).size(), "the 7-day and the 1-day reminders both went out");
        reminded.put(token.key(), 1);
    }

    /**
     * Issue 17: in a realm with internationalization on, an owner whose locale is German gets the reminder in German,
     * with the date written the German way, and so the mail telling them an admin created a token for them (sent from a
     * pool thread, without the admin's request: the owner's language, not the admin's).
     */
    @Test
    @Order(2)
    void anOwnerWhoseLocaleIsGermanIsRemindedInGerman() {
        realm.updateRealm(rep -> {
            rep.put("internationalizationEnabled", true);
            rep.putArray("supportedLocales").add("en").add("de").add("fr").add("es");
            rep.put("defaultLocale", "en");
        });
        String username = uniqueName("hans");
        Map<String, Object> user = new HashMap<>(DemoRealm.userRepresentation(username, true, List.of()));
        user.put("attributes", Map.of("locale", List.of("de")));
        String userId = realm.createUser(user);
        try {
            Instant expiresAt = inDays(3);
            CreatedToken token = create(username, Map.of("name", uniqueName("nächtliche Sicherung"), "expiresAt", expiresAt.toString()));

            ReceivedMail mail = awaitMails(token.key(), 1).get(0);
            assertEquals("Ihr API-Token „" + token.name() + "“ läuft in 3 Tag(en) ab", mail.subject());
            String date = GERMAN_MAIL_DATE.format(expiresAt);
            for (String part : List.of(mail.text(), mail.html())) {
                for (String expected : List.of("Ihr persönliches API-Token", "Schlüssel", token.key(), "läuft am", date,
                        "Kontoverwaltung dieses Realms", "API-Token")) {
                    assertTrue(part.contains(expected), () -> "no '" + expected + "' in " + part);
                }
            }
            reminded.put(token.key(), 1);

            String name = uniqueName("ci-roboter");
            Instant adminExpiry = inDays(30);
            HttpResult created = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME)
                    .create(Map.of("user", username, "name", name, "expiresAt", adminExpiry.toString()));
            assertEquals(201, created.status(), created::toString);
            values.add(created.text("token"));
            ReceivedMail told = awaitMails(created.json().path("key").asText(), 1).get(0);
            assertEquals("Ein Administrator hat ein persönliches API-Token für Sie erstellt: „" + name + "“", told.subject());
            assertTrue(told.text().contains("Ablauf: " + GERMAN_MAIL_DATE.format(adminExpiry)), told::toString);
        } finally {
            realm.deleteUser(userId);
            realm.updateRealm(rep -> rep.put("internationalizationEnabled", false));
        }
    }

    @Test
    @Order(3)
    void aTokenExpiringLaterThanEveryThresholdEarnsNone() {
        CreatedToken token = create("alice", Map.of("name", uniqueName("far"), "expiresAt", inDays(30).toString()));

        awaitRuns(2);

        assertEquals(0, mailsFor(token.key()).size());
    }

    @Test
    @Order(4)
    void aDisabledTokenEarnsNone() {
        CreatedToken token = create("alice", Map.of("name", uniqueName("disabled"), "expiresAt", inDays(3).toString(),
                "state", "DISABLED"));

        awaitRuns(2);

        assertEquals(0, mailsFor(token.key()).size());
    }

    @Test
    @Order(5)
    void movingTheExpiryLaterAndBackReArmsTheReminder() {
        TokenApi alice = realm.tokensOf("alice");
        CreatedToken token = create("alice", Map.of("name", uniqueName("re-armed"), "expiresAt", inDays(3).toString()));
        awaitMails(token.key(), 1);

        patchExpiry(alice, token.key(), inDays(60));
        awaitRuns(1);
        assertEquals(1, mailsFor(token.key()).size(), "a token 60 days from expiry was reminded");

        patchExpiry(alice, token.key(), inDays(4));
        ReceivedMail again = awaitMails(token.key(), 2).get(1);
        assertEquals("Your API token \"" + token.name() + "\" expires in 4 day(s)", again.subject());

        awaitRuns(1);
        assertEquals(2, mailsFor(token.key()).size());
        reminded.put(token.key(), 2);
    }

    @Test
    @Order(6)
    void aRestartSendsNothingAgainForTokensAlreadyReminded() {
        assertFalse(reminded.isEmpty(), "run with the tests before this one");
        int mailsBefore = smtp.getReceivedMessages().length;

        server.stop();
        // issue 12: from now on Keycloak's hostname option names the public URL, and the reminders link to it
        server.addOptions("--hostname=" + server.baseUrl());
        server.start();
        List<String> sentinels = awaitRuns(2);

        reminded.forEach((key, count) -> assertEquals(count, mailsFor(key).size(), "token " + key + " was reminded again"));
        // only the two sentinels' mails came in since the restart
        assertEquals(mailsBefore + 2, smtp.getReceivedMessages().length, this::allSubjects);
        String link = server.baseUrl() + ACCOUNT_PAGE;
        for (String key : sentinels) {
            ReceivedMail mail = mailsFor(key).get(0);
            assertTrue(mail.text().contains(link), () -> "no link " + link + " from the hostname option: " + mail.text());
            assertTrue(mail.html().contains("href=\"" + link + "\""), () -> "no link " + link + " in the HTML part: " + mail.html());
        }
    }

    @Test
    @Order(7)
    void noTokenValueIsEverMailedOrLogged() throws IOException {
        assertTrue(smtp.getReceivedMessages().length >= 5, this::allSubjects);
        assertTrue(values.size() >= 5);
        for (MimeMessage message : smtp.getReceivedMessages()) {
            String raw = raw(message);
            String decoded = new ReceivedMail(message).text() + new ReceivedMail(message).html();
            assertFalse(TOKEN_VALUE.matcher(raw).find() || TOKEN_VALUE.matcher(decoded).find(), () -> "a token value in " + raw);
            values.forEach(value -> assertFalse(raw.contains(value) || decoded.contains(value), "a token value is mailed"));
        }
        String log = Files.readString(server.log());
        Matcher leaked = TOKEN_VALUE.matcher(log);
        assertFalse(leaked.find(), () -> "a token value is in " + server.log() + " at " + leaked.start());
        assertTrue(log.contains("expiry reminder for token"), "no reminder was logged");
    }

    private CreatedToken create(String username, Map<String, ?> body) {
        CreatedToken token = realm.tokensOf(username).createToken(body);
        values.add(token.value());
        return token;
    }

    private static void patchExpiry(TokenApi api, String key, Instant expiresAt) {
        HttpResult patched = api.patch(key, Map.of("expiresAt", expiresAt.toString()));
        assertEquals(200, patched.status(), patched::toString);
    }

    /** Waits until the task has run {@code runs} more times after everything committed so far; the sentinels' keys. */
    private List<String> awaitRuns(int runs) {
        List<String> sentinels = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            CreatedToken sentinel = create("bob", Map.of("name", uniqueName("sentinel"), "expiresAt", inDays(5).toString()));
            awaitMails(sentinel.key(), 1);
            sentinels.add(sentinel.key());
        }
        return sentinels;
    }

    private List<ReceivedMail> awaitMails(String key, int count) {
        List<ReceivedMail> mails = Poll.until(MAIL_TIMEOUT, () -> mailsFor(key), found -> found.size() >= count);
        if (mails.size() < count) {
            throw new AssertionError(mails.size() + " of " + count + " reminder(s) for token " + key + " within "
                    + MAIL_TIMEOUT.toSeconds() + " s; got " + allSubjects() + "; see " + server.log());
        }
        return mails;
    }

    /** The reminders that name {@code key}, oldest first. */
    private List<ReceivedMail> mailsFor(String key) {
        return Arrays.stream(smtp.getReceivedMessages()).map(ReceivedMail::new).filter(mail -> mail.text().contains(key)).toList();
    }

    private String allSubjects() {
        return Arrays.stream(smtp.getReceivedMessages()).map(message -> new ReceivedMail(message).subject()).toList().toString();
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant inHours(int hours) {
        return Instant.now().plus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String raw(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Requests to our realm endpoints, as an attacker sends them, with a forged {@code Host}, {@code X-Forwarded-Host} and
     * {@code Forwarded} (the old code remembered the base URL of the last such request for its links), every 100 ms
     * until closed. Raw HTTP/1.1: Java's HttpClient does not let a caller set {@code Host}.
     */
    private static final class ForgedHosts implements AutoCloseable {

        static final String HOST = "attacker.example";
        private final Thread thread;
        private final AtomicInteger answered = new AtomicInteger();
        private volatile boolean running = true;

        private ForgedHosts(KeycloakServer server) {
            int port = URI.create(server.baseUrl()).getPort();
            thread = new Thread(() -> {
                while (running) {
                    send(port);
                    // pacing a stream of forged requests that runs beside the test, not a wait for an outcome
                    Pause.of(Duration.ofMillis(100));
                }
            }, "forged-hosts");
            thread.setDaemon(true);
        }

        static ForgedHosts start(KeycloakServer server) {
            ForgedHosts forged = new ForgedHosts(server);
            forged.thread.start();
            return forged;
        }

        int answered() {
            return answered.get();
        }

        private void send(int port) {
            String request = "GET " + DemoRealm.API + "/tokens HTTP/1.1\r\nHost: " + HOST + "\r\nX-Forwarded-Host: " + HOST
                    + "\r\nX-Forwarded-Proto: https\r\nForwarded: host=" + HOST + ";proto=https\r\nConnection: close\r\n\r\n";
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                byte[] response = socket.getInputStream().readAllBytes();
                if (new String(response, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 ")) {
                    answered.incrementAndGet();
                }
            } catch (IOException e) {
                // the server may be restarting; the next round tries again
            }
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One received e-mail: recipients, subject and its decoded text and HTML parts. */

    /** An admin who creates a token for alice (and so sees its value) makes Keycloak tell her, without the value. */
    @Test
    @Order(8)
    void aTokenAnAdminCreatesIsMailedToItsOwnerWithoutItsValue() throws IOException {
        io.github.kcpat.it.support.TokenAdminApi admin =
                new io.github.kcpat.it.support.KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
        String name = uniqueName("ci robot");
        Instant expiresAt = inDays(30);

        HttpResult created = admin.create(Map.of("user", "alice", "name", name, "expiresAt", expiresAt.toString()));

        assertEquals(201, created.status(), created::toString);
        String key = created.json().path("key").asText();
        String value = created.text("token");
        values.add(value);
        ReceivedMail mail = awaitMails(key, 1).get(0);
        assertEquals(List.of("alice@example.com"), mail.to(), mail::toString);
        assertEquals("A personal API token was created for you by an admin: \"" + name + "\"", mail.subject());
        for (String part : List.of(mail.text(), mail.html())) {
            assertFalse(part.isBlank(), () -> "a part is missing: " + mail);
            for (String expected : List.of(name, key, MAIL_DATE.format(expiresAt), "admin", "master")) {
                assertTrue(part.contains(expected), () -> "no " + expected + " in " + part);
            }
        }
        String raw = raw(mail.message()) + mail.text() + mail.html();
        assertFalse(raw.contains(value) || TOKEN_VALUE.matcher(raw).find(), () -> "the token value is mailed: " + raw);

        // the owner's own tokens earn no such mail
        CreatedToken own = create("alice", Map.of("name", uniqueName("own"), "expiresAt", inDays(30).toString()));
        awaitRuns(1);
        assertEquals(0, mailsFor(own.key()).size(), "the owner was told about her own token");
        assertFalse(TOKEN_VALUE.matcher(Files.readString(server.log())).find(), "a token value is in the log");
    }
}
