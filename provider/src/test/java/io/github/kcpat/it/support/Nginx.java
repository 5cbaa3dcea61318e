package io.github.kcpat.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system's nginx as a child process of the test, configured from an example of {@code docs/examples/}:
 * logs, pid and temporary files stay in one directory, nothing runs as a daemon.
 */
public final class Nginx implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z_]+@");

    private final Path dir;
    private final int port;
    private final Process process;

    private Nginx(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts nginx with the example configuration, proxying {@code /api/} to {@code upstream} after asking
     * Keycloak at {@code keycloak} (both {@code host:port}). Fails, never skips, when there is no nginx.
     */
    public static Nginx start(Path exampleConf, Path dir, String keycloak, String upstream) {
        return start(exampleConf, dir, Map.of("@KEYCLOAK@", keycloak, "@UPSTREAM@", upstream));
    }

    /**
     * Starts nginx with an example configuration whose placeholders other than {@code @PREFIX@} and
     * {@code @LISTEN_PORT@} are {@code values}' keys. Fails when one is left.
     */
    public static Nginx start(Path exampleConf, Path dir, Map<String, String> values) {
        String binary = findNginx();
        int port = Loopback.freePort();
        try {
            Files.createDirectories(dir.resolve("tmp"));
            String conf = Files.readString(exampleConf)
                    .replace("@PREFIX@", dir.toAbsolutePath().toString())
                    .replace("@LISTEN_PORT@", Integer.toString(port));
            for (Map.Entry<String, String> value : values.entrySet()) {
                conf = conf.replace(value.getKey(), value.getValue());
            }
            Matcher left = PLACEHOLDER.matcher(conf);
            if (left.find()) {
                throw new IllegalArgumentException(exampleConf + ": no value for " + left.group());
            }
            Path confFile = Files.writeString(dir.resolve("nginx.conf"), conf);
            Process process = new ProcessBuilder(List.of(binary,
                    "-p", dir.toAbsolutePath().toString(),
                    "-e", dir.resolve("error.log").toAbsolutePath().toString(),
                    "-c", confFile.toAbsolutePath().toString(),
                    "-g", "daemon off; pid " + dir.resolve("nginx.pid").toAbsolutePath() + ";"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nginx.out").toFile()))
                    .start();
            Nginx nginx = new Nginx(dir, port, process);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start nginx in " + dir, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening() {
        boolean listening = Poll.until(STARTUP_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with code " + process.exitValue() + ": " + logs());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        if (listening) {
            return;
        }
        close();
        throw new IllegalStateException("nginx not listening on " + port + " after " + STARTUP_TIMEOUT.toSeconds() + " s: " + logs());
    }

    /** nginx's own output and error log, for failure messages. */
    public String logs() {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("nginx.out", "error.log")) {
            try {
                Path file = dir.resolve(name);
                if (Files.exists(file)) {
                    logs.append(System.lineSeparator()).append(name).append(':').append(System.lineSeparator())
                            .append(Files.readString(file));
                }
            } catch (IOException e) {
                logs.append("(cannot read ").append(name).append(')');
            }
        }
        return logs.toString();
    }

    private static String findNginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx", "/usr/local/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "nginx");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("nginx is not installed, but NginxForwardAuthIT and NginxGitIT need it: "
                + "apt-get install -y nginx (./run-tests does this)");
    }
}
