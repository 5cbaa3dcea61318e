package io.github.kcpat.it.security;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Loopback;
import io.github.kcpat.it.support.Poll;
import io.github.kcpat.it.support.TokenApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A write that read the token before another change committed must not undo that change. The expiry reminder task
 * reads a token, sends its mail, then records the reminder in the token: here the mail is held at the SMTP server
 * (a proxy in front of GreenMail stalls the message naming the token), the owner rotates and disables the token
 * meanwhile, and then the mail is let through. Runs on a server of its own (reminders every second).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("StaleWriteIT's servers")
@Order(6)
class StaleWriteIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private GreenMail smtp;
    private StallingSmtpProxy proxy;
    private KeycloakServer server;
    private DemoRealm realm;

    @BeforeAll
    void startServers() {
        smtp = new GreenMail(new ServerSetup(Loopback.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        proxy = new StallingSmtpProxy(smtp.getSmtp().getPort());
        server = KeycloakServer.independent("stale-write")
                .withDemoRealm()
                .addOptions("--spi-realm-restapi-extension--personal-api-tokens--reminder-interval=1");
        server.start();
        realm = DemoRealm.on(server);
        realm.updateRealm(rep -> rep.putObject("smtpServer")
                .put("host", "127.0.0.1")
                .put("port", String.valueOf(proxy.port()))
                .put("from", "keycloak@example.org"));
    }

    @AfterAll
    void stopServers() {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    /**
     * Attack: the reminder's bookkeeping wrote back the whole token as it had read it before the rotation and the
     * disable, so the leaked old value worked again (old code: 200 for the old value after the owner rotated it).
     */
    @Test
    void aReminderWrittenAfterARotationAndADisableKeepsBoth() throws Exception {
        String username = uniqueName("stale-write").toLowerCase();
        String userId = realm.createUser(username);
        TokenApi owner = realm.tokensOf(username);
        CreatedToken token = owner.createToken(Map.of("name", uniqueName("leaked"),
                "expiresAt", Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        // the mail's subject names the token (a name without blanks is never folded); its body may be encoded
        proxy.stallMailNaming(token.name());

        assertTrue(proxy.stalled.await(DEADLINE.toSeconds(), TimeUnit.SECONDS), "no reminder for the token reached the SMTP server");
        HttpResult rotated = owner.rotate(token.key());
        assertEquals(200, rotated.status(), rotated::toString);
        String newValue = rotated.json().path("token").asText();
        HttpResult disabled = owner.patch(token.key(), Map.of("state", "DISABLED"));
        assertEquals(200, disabled.status(), disabled::toString);
        proxy.release.countDown();
        awaitReminderRecorded(userId, token.key());

        assertEquals("DISABLED", owner.get(token.key()).json().path("state").asText(), "the reminder re-enabled the token");
        assertRefused(realm.exchange(token.value()));
        assertRefused(realm.exchange(newValue));
        assertEquals(200, owner.patch(token.key(), Map.of("state", "ACTIVE")).status());
        assertRefused(realm.exchange(token.value()));
        assertExchanged(realm.exchange(newValue));
    }

    /** Waits until the reminder task has written that it reminded the owner of the token. */
    private void awaitReminderRecorded(String userId, String key) {
        boolean recorded = Poll.until(DEADLINE, () -> {
            HttpResult credentials = realm.credentials(userId);
            assertEquals(200, credentials.status(), credentials::toString);
            for (JsonNode credential : credentials.json()) {
                if (key.equals(credential.path("id").asText()) && credential.path("credentialData").asText().contains("remindersSent")) {
                    return true;
                }
            }
            return false;
        });
        if (!recorded) {
            throw new AssertionError("the reminder for " + key + " was never recorded");
        }
    }

    /** An SMTP relay to GreenMail that holds back the end of the first message naming a given text until released. */
    private static final class StallingSmtpProxy implements AutoCloseable {

        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final ServerSocket listener;
        private final int target;
        private volatile String watched;

        StallingSmtpProxy(int target) {
            this.target = target;
            try {
                this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            daemon(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        void stallMailNaming(String text) {
            watched = text;
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    daemon(() -> pump(upstream, client, false));
                    daemon(() -> pump(client, upstream, true));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, boolean watch) {
            StringBuilder seen = new StringBuilder();
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (watch) {
                        seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                        String text = watched;
                        if (text != null && seen.indexOf(text) >= 0 && seen.indexOf("\r\n.\r\n") >= 0 && stalled.getCount() > 0) {
                            stalled.countDown();
                            release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                        }
                        if (seen.indexOf("\r\n.\r\n") >= 0) {
                            seen.setLength(0);
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // connection closed by either side
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void daemon(Runnable work) {
            Thread thread = new Thread(work, "stalling-smtp-proxy");
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }

        @Override
        public void close() {
            release.countDown();
            try {
                listener.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
