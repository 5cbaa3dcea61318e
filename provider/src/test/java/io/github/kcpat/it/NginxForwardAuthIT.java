package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.BoundClient;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.LoopbackCommand;
import io.github.kcpat.it.support.Nginx;
import io.github.kcpat.it.support.RecordingUpstream;
import io.github.kcpat.it.support.RecordingUpstream.Request;
import io.github.kcpat.it.support.TokenApi;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shipped docs/examples/nginx.conf with the real nginx: auth_request against door 3 in front of an upstream. */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxForwardAuthIT {

    private static final Path ROOT = Path.of(System.getProperty("demo.realm")).toAbsolutePath().getParent().getParent();

    private final DemoRealm realm;
    private final KeycloakServer server;
    private RecordingUpstream upstream;
    private Path dir;
    private LoopbackCommand command;
    private Nginx nginx;
    private Http gateway;
    private TokenApi alice;

    NginxForwardAuthIT(DemoRealm realm, KeycloakServer server) {
        this.realm = realm;
        this.server = server;
    }

    @BeforeAll
    void startNginxInFrontOfAnUpstream() {
        upstream = RecordingUpstream.start();
        dir = Path.of(System.getProperty("keycloak.home")).toAbsolutePath().getParent().resolve("nginx");
        command = new LoopbackCommand(dir.resolve("home"));
        nginx = Nginx.start(ROOT.resolve("docs/examples/nginx.conf"), dir,
                "127.0.0.1:" + URI.create(server.baseUrl()).getPort(), upstream.address());
        gateway = new Http(nginx.baseUrl());
    }

    @AfterAll
    void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @BeforeEach
    void freshRecord() {
        alice = realm.tokensOf("alice");
        upstream.forget();
    }

    @Test
    void validTokenReachesTheUpstreamAsASignedBearerToken() {
        CreatedToken token = alice.createToken(uniqueName("nginx"));
        try {
            HttpResult response = gateway.get("/api/orders?page=1", "Authorization", "APIToken " + token.value());

            assertEquals(200, response.status(), () -> response + nginx.logs());
            assertEquals("upstream", response.body());
            Request seen = onlyRequest();
            assertEquals("/api/orders", seen.path());
            String authorization = seen.header("Authorization");
            assertTrue(authorization != null && authorization.startsWith("Bearer "), () -> "upstream got " + authorization);
            JsonNode claims = realm.verifyJwt(authorization.substring("Bearer ".length())).claims();
            assertEquals(realm.userId("alice"), claims.path("sub").asText(), claims::toString);
            assertEquals("alice", seen.header("X-Auth-Request-User"));
            assertEquals("alice@example.com", seen.header("X-Auth-Request-Email"));
            assertEquals("true", seen.header("X-Auth-Request-Email-Verified"));
        } finally {
            alice.delete(token.key());
        }
    }

    /** An app password: {@code curl -u alice:<token>} sends Basic at once, and the upstream still sees only a JWT. */
    @Test
    void curlWithTheOwnerAndTheTokenAsBasicCredentialsGetsThrough() {
        CreatedToken token = alice.createToken(uniqueName("nginx-basic"));
        try {
            LoopbackCommand.Result curl = curl("-u", "alice:" + token.value(), nginx.baseUrl() + "/api/orders");

            assertEquals(0, curl.exitCode(), curl::toString);
            assertEquals("upstream\n200", curl.output(), () -> curl + nginx.logs());
            Request seen = onlyRequest();
            String authorization = seen.header("Authorization");
            assertTrue(authorization != null && authorization.startsWith("Bearer "), () -> "upstream got " + authorization);
            assertEquals(realm.userId("alice"), realm.verifyJwt(authorization.substring("Bearer ".length())).claims().path("sub").asText());
            assertEquals("alice", seen.header("X-Auth-Request-User"));
            upstream.forget();

            LoopbackCommand.Result otherUser = curl("-u", "bob:" + token.value(), nginx.baseUrl() + "/api/orders");
            assertTrue(otherUser.output().endsWith("\n401"), otherUser::toString);
            assertEquals(List.of(), upstream.requests(), "the upstream was called with a token under another user's name");
        } finally {
            alice.delete(token.key());
        }
    }

    @Test
    void invalidTokenStopsAtNginx() {
        HttpResult garbage = gateway.get("/api/orders", "Authorization", "APIToken garbage");
        HttpResult none = gateway.post("/api/orders");

        assertEquals(401, garbage.status(), () -> garbage + nginx.logs());
        assertEquals("APIToken realm=\"demo\"", garbage.header("WWW-Authenticate").orElse(null), garbage::toString);
        assertEquals(401, none.status(), none::toString);
        assertEquals(List.of(), upstream.requests(), "the upstream was called");
    }

    /** Attack: nginx sends the auth subrequest with the client's method, and OPTIONS used to get 200 without a token. */
    @Test
    void everyMethodWithoutATokenStopsAtNginx() {
        for (String method : List.of("OPTIONS", "HEAD", "PUT", "DELETE")) {
            HttpResult refused = gateway.send(method, "/api/orders");
            assertEquals(401, refused.status(), () -> refused + nginx.logs());
        }
        assertEquals(List.of(), upstream.requests(), "the upstream was called without a token");
    }

    @Test
    void disabledTokenIsRefusedOnTheVeryNextRequest() {
        CreatedToken token = alice.createToken(uniqueName("nginx-disable"));
        try {
            String[] header = {"Authorization", "APIToken " + token.value()};
            assertEquals(200, gateway.get("/api/orders", header).status(), nginx::logs);

            HttpResult disabled = alice.patch(token.key(), Map.of("state", "DISABLED"));
            assertEquals(200, disabled.status(), disabled::toString);
            upstream.forget();

            HttpResult refused = gateway.get("/api/orders", header);
            assertEquals(401, refused.status(), refused::toString);
            assertEquals(List.of(), upstream.requests(), "the upstream was called with a disabled token");
        } finally {
            alice.delete(token.key());
        }
    }

    /**
     * An allowlisted token through nginx: nginx forwards the client's address, Keycloak believes it because nginx
     * (127.0.0.1) is its trusted proxy, so the client at 127.0.0.2 gets through and the one at 127.0.0.3 does not, even
     * when it sends an X-Forwarded-For of its own naming the allowed address.
     */
    @Test
    void anAllowlistedTokenPassesOnlyForTheClientAddressNginxForwards() {
        CreatedToken token = alice.createToken(Map.of("name", uniqueName("nginx-fenced"), "allowedIps", List.of("127.0.0.2")));
        try {
            String[] header = {"Authorization", "APIToken " + token.value()};
            HttpResult allowed = BoundClient.from("127.0.0.2", nginx.baseUrl()).get("/api/orders", header);
            assertEquals(200, allowed.status(), () -> allowed + nginx.logs());
            assertEquals(1, upstream.requests().size());
            upstream.forget();

            HttpResult elsewhere = BoundClient.from("127.0.0.3", nginx.baseUrl()).get("/api/orders", header);
            assertEquals(401, elsewhere.status(), elsewhere::toString);
            HttpResult claimed = BoundClient.from("127.0.0.3", nginx.baseUrl()).get("/api/orders",
                    "Authorization", "APIToken " + token.value(), "X-Forwarded-For", "127.0.0.2");
            assertEquals(401, claimed.status(), claimed::toString);
            assertEquals(List.of(), upstream.requests(), "the upstream was called from outside the allowlist");
        } finally {
            alice.delete(token.key());
        }
    }

    /** The real curl, loopback only; its output is the body, then a line with the status. */
    private LoopbackCommand.Result curl(String... args) {
        List<String> line = new ArrayList<>(List.of("curl", "-q", "-s", "--noproxy", "*", "-w", "\n%{http_code}"));
        line.addAll(List.of(args));
        return command.run(dir, line.toArray(String[]::new));
    }

    private Request onlyRequest() {
        List<Request> requests = upstream.requests();
        assertEquals(1, requests.size(), () -> "upstream requests: " + requests);
        return requests.get(0);
    }
}
