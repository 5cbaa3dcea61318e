package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One Keycloak distribution process for the whole test JVM: fresh data (H2, or PostgreSQL with
 * {@code -Dkeycloak.db=postgres}), our provider JAR and the demo realm. {@link #restart()} keeps the data directory, so stored tokens survive it.
 * A test that needs a server of its own (other options, a fresh database) makes one with
 * {@link #independent(String)}: a separate copy of the distribution, ports and data, closed by that test.
 * <p>
 * Every server runs our JAR and the test-only hooks ({@code it/hooks}: {@link TestClock}, database backup, log levels).
 * Start-up is cheap when Keycloak need not rebuild itself: {@code start-dev} rebuilds (~25 s on 2 cores) only when a
 * provider JAR's modification time or a build option changed, so JARs are copied with their times, and a copy of the
 * distribution keeps the build the shared server made ({@code lib/quarkus}) — the servers of their own start without a
 * rebuild when the shared one ran first — and {@link #withDemoRealm()} its database as it was after its first start.
 */
public final class KeycloakServer implements AutoCloseable {

    /** 180 s; {@code -Dkeycloak.startupSeconds=600} on a machine shared by several builds. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(Long.getLong("keycloak.startupSeconds", 180));
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 80;
    /**
     * The JIT's first tier only: a test server's life is mostly start-up, where C2 compiling hot code costs more CPU
     * than it wins (a start: ~37 s CPU → ~21 s on this machine's 2 cores); the tests' few thousand requests don't need
     * peak speed.
     */
    private static final String JAVA_OPTS_APPEND = "-XX:TieredStopAtLevel=1";

    private final String version;
    private final Path home;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private final List<String> extraOptions = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::kill, "keycloak-it-shutdown");
    private Process process;
    private String startCommand = "start-dev";

    private KeycloakServer(Path home) {
        this.home = home;
        this.version = versionOf(home);
        // the matrix's shared servers sit beside the main one's distribution: a log each
        this.log = home.getParent().resolve(isMainVersion() ? "keycloak.log" : "keycloak-" + version + ".log");
        this.httpPort = Loopback.freePort();
        this.managementPort = Loopback.freePort();
    }

    private static KeycloakServer sharedServer;
    /** The one address whose X-Forwarded-For the shared server trusts. */
    public static final String TRUSTED_PROXY = "127.0.0.1";
    /** On H2: the shared server's database right after its first start (master realm made, demo realm imported). */
    private static Path demoDatabase;
    /** On PostgreSQL: the shared server once {@code kc.sh build} made its production build, before it starts. */
    private static final CompletableFuture<KeycloakServer> POSTGRES_BUILD = new CompletableFuture<>();

    /**
     * The shared server, started at the first call ({@link #startFresh()}); the callers of a JVM wait for one start.
     */
    static synchronized KeycloakServer shared() {
        if (sharedServer == null) {
            sharedServer = startFresh();
        }
        return sharedServer;
    }

    /**
     * The Keycloak version of this JVM's distribution ({@code keycloak.home}): the POM's {@code keycloak.dist.version},
     * or in a failsafe execution of the compatibility matrix that execution's version.
     */
    public static String defaultVersion() {
        return versionOf(defaultHome());
    }

    /**
     * The shared server. On H2 by default; with {@code -Dkeycloak.db=postgres} (failsafe execution {@code postgres})
     * on a fresh database of the JVM's embedded PostgreSQL, from a copy of the distribution in
     * {@code target/it/shared-postgres/} (so the H2 run's distribution and log stay as they were).
     */
    private static KeycloakServer startFresh() {
        Path shared = defaultHome();
        KeycloakServer server;
        if (onPostgres()) {
            Path home = shared.getParent().resolve("shared-postgres").resolve(shared.getFileName());
            copyFreshDistribution(shared, home);
            server = new KeycloakServer(home);
        } else {
            server = new KeycloakServer(shared);
        }
        server.install(Path.of(requiredProperty("provider.jar")), Path.of(requiredProperty("demo.realm")));
        // as behind a reverse proxy: the client address of a request from 127.0.0.1 (nginx in NginxForwardAuthIT) is
        // the one its X-Forwarded-For names; any other sender's header is ignored (TokenLimitsIT)
        server.addOptions("--proxy-headers=xforwarded", "--proxy-trusted-addresses=" + TRUSTED_PROXY);
        if (onPostgres()) {
            server.usePostgres(String.valueOf(ComposeFile.map(ComposeFile.read().service("postgres"), "environment").get("POSTGRES_DB")))
                    .productionMode()
                    .clustered()
                    .buildForPostgres();
        }
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        server.start();
        if (!onPostgres()) {
            demoDatabase = server.backUpDatabase();
        }
        return server;
    }

    /** The unpacked distribution of Keycloak {@code version}, beside this JVM's: {@code target/it/keycloak-<version>}. */
    public static Path distribution(String version) {
        Path home = defaultHome().resolveSibling("keycloak-" + version);
        if (!Files.isDirectory(home.resolve("bin"))) {
            throw new IllegalStateException("Keycloak " + version + " is not unpacked in " + home
                    + ": the distributions are the parent POM's keycloak.dist.version and keycloak.matrix.*");
        }
        return home;
    }

    private static Path defaultHome() {
        return Path.of(requiredProperty("keycloak.home")).toAbsolutePath();
    }

    private static String versionOf(Path home) {
        String folder = home.getFileName().toString();
        if (!folder.startsWith("keycloak-")) {
            throw new IllegalStateException("a Keycloak distribution's folder is keycloak-<version>, not " + folder);
        }
        return folder.substring("keycloak-".length());
    }

    /** The Keycloak version this server runs, e.g. {@code 26.4.7}. */
    public String version() {
        return version;
    }

    /** True when this server runs the POM's {@code keycloak.dist.version}, the one every test runs on. */
    public boolean isMainVersion() {
        return version.equals(System.getProperty("keycloak.dist.version", version));
    }

    /**
     * On PostgreSQL, the shared server runs as production does ({@code kc.sh start}, clustered caches: a cluster of
     * one) on a production build that the cluster nodes of {@code ClusterIT} copy ({@link #postgresBuild()}): one
     * {@code kc.sh build --db=postgres} for all (~25 s of CPU each).
     */
    private void buildForPostgres() {
        try {
            CommandResult build = runCommand(Duration.ofMinutes(5), "build", "--db=postgres");
            if (build.exitCode() != 0) {
                throw failure("kc.sh build --db=postgres failed:" + System.lineSeparator() + build.output());
            }
            POSTGRES_BUILD.complete(this);
        } catch (RuntimeException e) {
            POSTGRES_BUILD.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * The shared PostgreSQL server's distribution once it is built for production, before it starts: for servers that
     * start alike to {@link #copyOf copy}. Starts the shared server (in the background) when no class has yet.
     */
    public static KeycloakServer postgresBuild() {
        if (!onPostgres()) {
            throw new IllegalStateException("the production build is the PostgreSQL execution's (-Dkeycloak.db=postgres)");
        }
        // a start that fails before its build fails the wait too, instead of leaving it to time out
        CompletableFuture.runAsync(KeycloakServer::shared).exceptionally(failure -> {
            POSTGRES_BUILD.completeExceptionally(failure);
            return null;
        });
        try {
            return POSTGRES_BUILD.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the PostgreSQL build", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the shared server's PostgreSQL build failed", e);
        }
    }

    /** {@code true} when this JVM's shared server runs on PostgreSQL ({@code -Dkeycloak.db=postgres}). */
    public static boolean onPostgres() {
        String db = System.getProperty("keycloak.db", "");
        if (!db.isBlank() && !db.equals("postgres") && !db.equals("dev-file") && !db.equals("h2")) {
            throw new IllegalStateException("keycloak.db=" + db + ": only postgres (or the default H2) is supported");
        }
        return db.equals("postgres");
    }

    /**
     * A server of its own for one test class, independent of the shared one: a copy of the distribution in
     * {@code target/it/<name>/}, its own ports, empty data and our JAR; its log is {@code target/it/<name>/keycloak.log}.
     * Not started: add {@link #addOptions options} and {@link #importRealm realm files}, then {@link #start()};
     * {@link #close()} it when done.
     * <p>
     * On H2 the copy waits for the {@link #shared() shared server}'s start (starting it when no class has yet): that
     * start builds Keycloak for {@code start-dev}, and a copy made before would rebuild itself (~25 s on 2 cores) —
     * the classes with servers of their own run beside the shared server's classes (failsafe's JUnit configuration).
     * On PostgreSQL the H2 execution built the distribution already.
     */
    public static KeycloakServer independent(String name) {
        if (!onPostgres()) {
            shared();
        }
        return independent(name, defaultHome());
    }

    /**
     * A server of its own like {@link #independent(String)}, on a copy of Keycloak {@code version}'s distribution as
     * unpacked (never built before: its first start builds it), e.g. the oldest of the matrix for the upgrade test.
     */
    public static KeycloakServer independent(String name, String version) {
        return independent(name, distribution(version));
    }

    private static KeycloakServer independent(String name, Path distribution) {
        Path home = distribution.getParent().resolve(name).resolve(distribution.getFileName());
        copyFreshDistribution(distribution, home);
        KeycloakServer server = new KeycloakServer(home);
        server.install(Path.of(requiredProperty("provider.jar")), null);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        return server;
    }

    /**
     * A server of its own like {@link #independent(String)}, on a copy of {@code built}'s distribution instead of the
     * shared one's: with the build {@code built} made ({@code lib/quarkus}, e.g. by {@code kc.sh build}), so servers
     * that start alike (cluster nodes) re-augment Keycloak once between them, not once each. Its data is never
     * copied.
     */
    public static KeycloakServer copyOf(KeycloakServer built, String name) {
        Path home = built.home.getParent().getParent().resolve(name).resolve(built.home.getFileName());
        copyFreshDistribution(built.home, home);
        KeycloakServer server = new KeycloakServer(home);
        server.install(Path.of(requiredProperty("provider.jar")), null);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        return server;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** The port of {@code /health} and {@code /metrics}. */
    public int managementPort() {
        return managementPort;
    }

    /**
     * Runs this server on the database {@code database} (created empty by the first server that names it; servers naming
     * the same one share it, as cluster nodes do) of the JVM's embedded PostgreSQL ({@link Postgres#shared()}) with the
     * {@code --db…} options of {@code docker-compose.yml} (only {@code --db-url} differs: host and port are the
     * embedded server's, the database is {@code database}), the role and password also being the compose file's.
     * Call before the first {@link #start()}.
     */
    public KeycloakServer usePostgres(String database) {
        ComposeFile compose = ComposeFile.read();
        var options = compose.keycloakOptionValues();
        String url = Postgres.shared().createDatabase(database, options.get("--db-username"), options.get("--db-password"));
        return addOptions(compose.keycloakOptionsWithDbUrl(url).stream()
                .filter(option -> option.startsWith("--db"))
                .toArray(String[]::new));
    }

    /**
     * Runs {@code kc.sh start} (production mode: clustered caches, no dev defaults) instead of {@code start-dev}, over
     * plain HTTP on loopback ({@code --http-enabled=true --hostname-strict=false}). Call before {@link #start()}.
     */
    public synchronized KeycloakServer productionMode() {
        startCommand = "start";
        return addOptions("--http-enabled=true", "--hostname-strict=false");
    }

    /**
     * Clustered caches as production has them: Infinispan over JGroups on loopback, members found through the
     * database's JDBC_PING table, so servers on one database form one cluster. Call before {@link #start()}.
     */
    public KeycloakServer clustered() {
        return addOptions("--cache=ispn",
                "--cache-stack=jdbc-ping",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + Loopback.freeJGroupsPort());
    }

    /** Kills the server's processes at once (SIGKILL), as a crash or a pulled plug would: no graceful shutdown. */
    public synchronized void crash() {
        kill();
    }

    /** The distribution this server runs ({@code bin/}, {@code data/}, …). */
    public Path home() {
        return home;
    }

    /** The folder holding {@link #home()} and the log: a place for a test's own files. */
    public Path workDir() {
        return home.getParent();
    }

    public Path log() {
        return log;
    }

    /** The log as written so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    /** Options added to {@code kc.sh start-dev} (or {@code start}) from the next start on, e.g. an SPI option. */
    public synchronized KeycloakServer addOptions(String... options) {
        extraOptions.addAll(List.of(options));
        return this;
    }

    /**
     * The demo realm from the next start on, as the shared server imported it. On H2 a copy of the shared server's
     * database as it was right after its first start: the master realm made and the demo realm imported, work that costs
     * a start ~10 s of CPU (half of it). On PostgreSQL the realm file, imported at the next start.
     */
    public KeycloakServer withDemoRealm() {
        if (onPostgres() || demoDatabase == null) {
            return importRealm(Path.of(requiredProperty("demo.realm")));
        }
        Path h2 = home.resolve("data/h2");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(demoDatabase))) {
            Files.createDirectories(h2);
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = h2.resolve(entry.getName()).normalize();
                if (!entry.isDirectory() && file.startsWith(h2)) {
                    Files.createDirectories(file.getParent());
                    Files.copy(zip, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + demoDatabase + " into " + h2, e);
        }
    }

    /** H2's online backup of this server's database (test hook {@code database/backup}): the zip's path. */
    private Path backUpDatabase() {
        Http http = new Http(baseUrl());
        HttpResult backup = http.postJson("/realms/master/test-hooks/database/backup", Map.of(), AdminLogin.master(http).headers());
        if (backup.status() != 200) {
            throw new IllegalStateException("The database backup failed: " + backup);
        }
        return Path.of(backup.json().path("file").asText());
    }

    /** Puts a realm file into {@code data/import}: imported at the next start unless the realm exists. */
    public KeycloakServer importRealm(Path realmFile) {
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + realmFile + " into " + home, e);
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Runs {@code bin/kc.sh} with {@code args} (e.g. {@code export …}) while the server is stopped, on the build the
     * server's starts made: a command other than {@code start-dev} runs in the production profile and without the
     * start's build options, so Keycloak would re-augment itself first (~25 s on 2 cores) — the profile and the build
     * options of the start ({@code --health-enabled}, {@code --metrics-enabled}) go along as {@code KC_*} variables,
     * which every command accepts.
     * Answers its exit code and output, which also goes to the log.
     */
    public synchronized CommandResult runCommand(Duration timeout, String... args) {
        if (isRunning()) {
            throw new IllegalStateException("stop the server before running kc.sh " + String.join(" ", args));
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(workDir(), "kc-command-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            if (startCommand.equals("start-dev")) {
                builder.environment().put("KC_PROFILE", "dev");
            }
            builder.environment().put("KC_HEALTH_ENABLED", "true");
            builder.environment().put("KC_METRICS_ENABLED", "true");
            builder.environment().put("JAVA_OPTS_APPEND", JAVA_OPTS_APPEND);
            Process run = builder.start();
            if (!run.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Stream.concat(run.descendants(), Stream.of(run.toHandle())).forEach(ProcessHandle::destroyForcibly);
                throw failure("kc.sh " + String.join(" ", args) + " did not finish within " + timeout.toSeconds() + " s");
            }
            String text = Files.readString(output);
            Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator() + text,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Files.delete(output);
            return new CommandResult(run.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    /** What a {@code kc.sh} command left: its exit code and its output (stdout and stderr). */
    public record CommandResult(int exitCode, String output) {
    }

    /** Fails the calling test at once, with the log's tail, when Keycloak is no longer running. */
    synchronized void assertRunning() {
        if (!process.isAlive()) {
            throw failure("Keycloak exited with code " + process.exitValue() + " while the tests ran");
        }
    }

    public synchronized void restart() {
        stop();
        start();
    }

    @Override
    public synchronized void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmShuttingDown) {
            // the hook runs anyway
        }
    }

    private static void copyFreshDistribution(Path shared, Path home) {
        try {
            deleteRecursively(home.getParent());
            copyDistribution(shared, home);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + shared + " to " + home, e);
        }
    }

    private static void copyDistribution(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith("data")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (relative.startsWith("lib/lib")) {
                    linkOrCopy(source, target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Keycloak's libraries (168 MB, never written: a rebuild writes {@code lib/quarkus}) are hard-linked, not copied, when
     * the file system allows it: a copy per server of its own cost seconds of I/O.
     */
    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private void install(Path providerJar, Path realm) {
        try {
            deleteRecursively(home.resolve("data"));
            Path providers = Files.createDirectories(home.resolve("providers"));
            List<Path> jars = List.of(providerJar, TestHooksJar.writeTo(workDir()));
            try (Stream<Path> old = Files.list(providers)) {
                for (Path jar : old.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    if (jars.stream().noneMatch(wanted -> wanted.getFileName().equals(jar.getFileName()))) {
                        Files.delete(jar);
                    }
                }
            }
            for (Path jar : jars) {
                // the source's modification time too: Keycloak rebuilds itself (~25 s) when a provider's time changes
                Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            if (realm != null) {
                Path imports = Files.createDirectories(home.resolve("data/import"));
                Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + home, e);
        }
    }

    /** Starts the server (no-op when it runs) and waits until it is ready. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        System.out.println("Keycloak log: " + log);
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(), startCommand,
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--metrics-enabled=true",
                "--import-realm"));
        command.addAll(extraOptions);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        builder.environment().put("JAVA_OPTS_APPEND", JAVA_OPTS_APPEND);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + home.resolve("bin/kc.sh"), e);
        }
        awaitReady();
    }

    private void awaitReady() {
        URI health = URI.create("http://localhost:" + managementPort + "/health/ready");
        boolean ready = Poll.until(STARTUP_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw failure("Keycloak exited with code " + process.exitValue());
            }
            return isReady(health);
        });
        if (ready) {
            return;
        }
        kill();
        throw failure("Keycloak not ready after " + STARTUP_TIMEOUT.toSeconds() + " s");
    }

    private boolean isReady(URI health) {
        try {
            HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }

    /** Stops the server gracefully (killing it after a minute); its data stays for the next {@link #start()}. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        process.destroy();
        if (!awaitExit(tree, Instant.now().plus(SHUTDOWN_TIMEOUT))) {
            kill();
        }
    }

    private void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(tree, Instant.now().plusSeconds(10));
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Instant deadline) {
        for (ProcessHandle handle : processes) {
            try {
                long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                handle.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private IllegalStateException failure(String message) {
        System.out.println(message + "; last lines of " + log + ":");
        System.out.println(tail(log, LOG_TAIL_LINES));
        return new IllegalStateException(message + " (see " + log + ")");
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Deletes a folder and everything in it; nothing happens when it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }


    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the ITs through failsafe");
        }
        return value;
    }
}
