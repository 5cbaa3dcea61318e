package io.github.kcpat.it.support;

import io.github.kcpat.token.TokenFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command-line client of the system (git, curl) run the way a user runs it, but hermetic: an environment of only
 * {@code PATH}, a {@code HOME} of the test's own (no user configuration, no credential helper) and what the caller
 * adds, so no proxy variable can route a request anywhere but the loopback address it names, and no prompt waits.
 */
public final class LoopbackCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path home;

    /** Commands run with {@code home} as their home directory, created when missing. */
    public LoopbackCommand(Path home) {
        this.home = home;
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a command answered: its exit code and its output (stdout and stderr together). */
    public record Result(List<String> command, int exitCode, String output) {

        /** The command line with every token value cut short, for failure messages. */
        @Override
        public String toString() {
            return String.join(" ", command).replaceAll(TokenFormat.REGEX, "kcpat_…") + " -> exit " + exitCode
                    + System.lineSeparator() + output.replaceAll(TokenFormat.REGEX, "kcpat_…");
        }
    }

    /** Runs {@code command} in {@code dir} with {@code env} added to the hermetic environment. */
    public Result run(Path dir, Map<String, String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.clear();
        environment.put("PATH", path);
        environment.put("HOME", home.toAbsolutePath().toString());
        environment.put("LC_ALL", "C");
        environment.putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(new Result(List.of(command), -1, "did not finish within " + TIMEOUT.toSeconds() + " s"));
            }
            return new Result(List.of(command), process.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Result run(Path dir, String... command) {
        return run(dir, Map.of(), command);
    }

    private static String read(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
