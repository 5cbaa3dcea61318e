package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of a server's {@code /metrics} (Prometheus text format, management port): the samples whose name starts
 * with {@code prefix}, each a name, its labels and its value.
 */
public record PrometheusScrape(String text, List<Sample> samples) {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    public static PrometheusScrape of(KeycloakServer server, String prefix) {
        String body = read(URI.create("http://localhost:" + server.managementPort() + "/metrics"));
        List<Sample> samples = new ArrayList<>();
        for (String line : body.split("\n")) {
            Matcher sample = LINE.matcher(line);
            if (line.startsWith(prefix) && sample.matches()) {
                Map<String, String> labels = new TreeMap<>();
                Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
        }
        return new PrometheusScrape(body, samples);
    }

    private static String read(URI metrics) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metrics).header("Accept", "text/plain").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(metrics + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of the sample {@code name} whose labels include {@code labels} (pairs of name and value); 0 if none. */
    public double value(String name, String... labels) {
        List<Sample> matching = samples.stream()
                .filter(sample -> sample.name().equals(name) && hasLabels(sample, labels))
                .toList();
        if (matching.size() > 1) {
            throw new AssertionError(name + " " + List.of(labels) + " names several samples: " + matching);
        }
        return matching.isEmpty() ? 0 : matching.get(0).value();
    }

    /** This scrape's value minus {@code before}'s, for one sample as {@link #value} finds it. */
    public double since(PrometheusScrape before, String name, String... labels) {
        return value(name, labels) - before.value(name, labels);
    }

    /** The sum of the samples {@code name} whose labels include {@code labels}. */
    public double sum(String name, String... labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name) && hasLabels(sample, labels))
                .mapToDouble(Sample::value)
                .sum();
    }

    private static boolean hasLabels(Sample sample, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
