package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.BASIC_CHALLENGE;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.LoopbackCommand;
import io.github.kcpat.it.support.Nginx;
import io.github.kcpat.it.support.TokenApi;
import io.github.kcpat.token.ApiToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped docs/examples/nginx-git.conf with the real nginx and the real git: a repository served over git's dumb
 * HTTP protocol behind auth_request, cloned with the owner's username (or e-mail) and a personal API token as the
 * password, and refused to anyone else.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxGitIT {

    private static final Path ROOT = Path.of(System.getProperty("demo.realm")).toAbsolutePath().getParent().getParent();
    /** git never prompts and asks no credential helper: the URL's credentials are all it has. */
    private static final Map<String, String> NO_PROMPT = Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_CONFIG_NOSYSTEM", "1");
    private static final String CONTENT = "served by nginx to holders of an API token " + UUID.randomUUID();

    private final DemoRealm realm;
    private final KeycloakServer server;
    private Path dir;
    private LoopbackCommand command;
    private String commit;
    private Nginx nginx;
    private TokenApi alice;
    private CreatedToken token;

    NginxGitIT(DemoRealm realm, KeycloakServer server) {
        this.realm = realm;
        this.server = server;
    }

    @BeforeAll
    void serveARepositoryBehindNginx() throws IOException {
        dir = Path.of(System.getProperty("keycloak.home")).toAbsolutePath().getParent().resolve("nginx-git");
        KeycloakServer.deleteRecursively(dir);
        command = new LoopbackCommand(dir.resolve("home"));
        Path repositories = Files.createDirectories(dir.resolve("repositories"));
        commit = makeBareRepository(repositories.resolve("repo.git"));
        nginx = Nginx.start(ROOT.resolve("docs/examples/nginx-git.conf"), dir.resolve("nginx"), Map.of(
                "@KEYCLOAK@", "127.0.0.1:" + URI.create(server.baseUrl()).getPort(),
                "@GIT_ROOT@", repositories.toString()));
        alice = realm.tokensOf("alice");
        token = alice.createToken(uniqueName("git"));
    }

    @AfterAll
    void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (token != null) {
            realm.tokensOf("alice").delete(token.key());
        }
    }

    @Test
    void cloneWithTheOwnersUsernameAndTheToken() {
        Path clone = cloneAs("alice", token.value());
        assertCloned(clone);
    }

    @Test
    void cloneWithTheOwnersEmailAsTheUsername() {
        Path clone = cloneAs("alice@example.com", token.value());
        assertCloned(clone);
    }

    @Test
    void anotherUsernameCannotClone() {
        for (String username : new String[] {"bob", "bob@example.com", "nobody"}) {
            assertRefused(username, token.value());
        }
    }

    @Test
    void aWrongOrDisabledTokenCannotClone() {
        assertRefused("alice", ApiToken.generate().value());
        assertRefused("alice", "not-a-token");
        CreatedToken disabled = alice.createToken(uniqueName("git-disabled"));
        try {
            assertCloned(cloneAs("alice", disabled.value()));
            HttpResult patched = alice.patch(disabled.key(), Map.of("state", "DISABLED"));
            assertEquals(200, patched.status(), patched::toString);
            assertRefused("alice", disabled.value());
        } finally {
            alice.delete(disabled.key());
        }
    }

    /** The challenge is what makes git (libcurl) send the credentials of its URL at all. */
    @Test
    void noCredentialsGetTheBasicChallenge() {
        LoopbackCommand.Result git = git(dir, "clone", nginx.baseUrl() + "/git/repo.git", newCloneDir().toString());
        assertNotEquals(0, git.exitCode(), git::toString);

        HttpResult java = new Http(nginx.baseUrl()).get("/git/repo.git/info/refs?service=git-upload-pack");
        assertEquals(401, java.status(), () -> java + nginx.logs());
        // nginx before 1.23 passes on the first challenge only, which is Basic's
        assertEquals(BASIC_CHALLENGE, java.header("WWW-Authenticate").orElse(null), java::toString);

        LoopbackCommand.Result curl = command.run(dir, "curl", "-q", "-s", "--noproxy", "*", "-o", "/dev/null", "-D", "-",
                nginx.baseUrl() + "/git/repo.git/info/refs");
        assertEquals(0, curl.exitCode(), curl::toString);
        assertTrue(curl.output().startsWith("HTTP/1.1 401"), curl::toString);
        assertTrue(curl.output().contains("WWW-Authenticate: " + BASIC_CHALLENGE + "\r\n"), curl::toString);
    }

    /** The example serves what a clone reads, not the repository's configuration or hooks. */
    @Test
    void onlyWhatACloneReadsIsServed() {
        Http gateway = new Http(nginx.baseUrl());
        String[] basic = Doors.basic("alice", token.value());
        assertEquals(200, gateway.get("/git/repo.git/HEAD", basic).status(), nginx::logs);
        for (String path : new String[] {"/git/repo.git/config", "/git/repo.git/hooks/post-update.sample",
                "/git/repo.git/objects/../config", "/git/"}) {
            HttpResult refused = gateway.get(path, basic);
            assertEquals(404, refused.status(), refused::toString);
        }
    }

    private void assertRefused(String username, String password) {
        LoopbackCommand.Result git = git(dir, "clone", url(username, password), newCloneDir().toString());
        assertNotEquals(0, git.exitCode(), () -> "cloned as " + username + ": " + git);
        assertTrue(git.output().contains("Authentication failed"), git::toString);
    }

    private Path cloneAs(String username, String password) {
        Path clone = newCloneDir();
        LoopbackCommand.Result git = git(dir, "clone", url(username, password), clone.toString());
        assertEquals(0, git.exitCode(), () -> git + nginx.logs());
        return clone;
    }

    private void assertCloned(Path clone) {
        assertEquals(commit, gitSucceeds(clone, "rev-parse", "HEAD"));
        try {
            assertEquals(CONTENT, Files.readString(clone.resolve("README")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://user:password@127.0.0.1:port/git/repo.git}, the user percent-encoded (an e-mail has an @). */
    private String url(String username, String password) {
        String userinfo = URLEncoder.encode(username, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return nginx.baseUrl().replace("http://", "http://" + userinfo + "@") + "/git/repo.git";
    }

    /** A bare repository holding one commit, prepared for dumb HTTP; answers the commit's id. */
    private String makeBareRepository(Path bare) throws IOException {
        Path work = dir.resolve("work");
        gitSucceeds(dir, "init", "-q", "-b", "main", work.toString());
        Files.writeString(work.resolve("README"), CONTENT + "\n");
        gitSucceeds(work, "add", "README");
        gitSucceeds(work, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "The one commit");
        gitSucceeds(dir, "clone", "-q", "--bare", work.toString(), bare.toString());
        gitSucceeds(bare, "update-server-info");
        return gitSucceeds(work, "rev-parse", "HEAD");
    }

    private LoopbackCommand.Result git(Path in, String... args) {
        return command.run(in, NO_PROMPT, Stream.concat(Stream.of("git"), Stream.of(args)).toArray(String[]::new));
    }

    /** Runs git, asserting exit 0; answers its output, trimmed. */
    private String gitSucceeds(Path in, String... args) {
        LoopbackCommand.Result result = git(in, args);
        assertEquals(0, result.exitCode(), result::toString);
        return result.output().trim();
    }

    private Path newCloneDir() {
        return dir.resolve("clones").resolve(UUID.randomUUID().toString());
    }
}
