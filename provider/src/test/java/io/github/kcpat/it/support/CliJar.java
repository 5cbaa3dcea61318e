package io.github.kcpat.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deployable JAR run the way an operator runs its CLI: {@code java -jar <provider.jar> …}, in a process of its own
 * with nothing else on the class path.
 */
public final class CliJar {

    private CliJar() {
    }

    /** What the CLI printed and answered. */
    public record Result(List<String> args, int exitCode, String out, String err) {

        public JsonNode json() {
            try {
                return Http.JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("the CLI printed no JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return "java -jar <provider.jar> " + String.join(" ", args) + " -> exit " + exitCode
                    + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    /** A token and its key as the CLI printed them. */
    public record Token(String value, String key) {
    }

    public static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process, false));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, true));
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Result(List.of(args), process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code java -jar <jar>}: a new token, asserting exit 0 and the documented shape. */
    public static Token generate() {
        Result result = run();
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode json = result.json();
        assertTrue(json.path("token").asText().matches(ApiAssertions.TOKEN_PATTERN), result::toString);
        ApiAssertions.assertUuid(json.path("key").asText());
        return new Token(json.path("token").asText(), json.path("key").asText());
    }

    /** {@code java -jar <jar> --credential …}: {@code {token, key, credential}}, asserting exit 0. */
    public static JsonNode credential(String... options) {
        List<String> args = new ArrayList<>(List.of("--credential"));
        args.addAll(List.of(options));
        Result result = run(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode json = result.json();
        assertTrue(json.path("token").asText().matches(ApiAssertions.TOKEN_PATTERN), result::toString);
        assertEquals(json.path("key").asText(), json.path("credential").path("id").asText(), result::toString);
        return json;
    }

    private static Path jar() {
        String jar = System.getProperty("provider.jar");
        if (jar == null || jar.isBlank()) {
            throw new IllegalStateException("System property provider.jar is not set; run the ITs through failsafe");
        }
        return Path.of(jar).toAbsolutePath();
    }

    private static String read(Process process, boolean error) {
        try {
            byte[] bytes = (error ? process.getErrorStream() : process.getInputStream()).readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
