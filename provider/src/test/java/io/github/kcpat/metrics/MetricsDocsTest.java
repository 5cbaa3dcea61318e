package io.github.kcpat.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The README's list of metrics and the example Grafana dashboard name exactly the meters the extension registers. */
class MetricsDocsTest {

    private static final Path ROOT = Path.of("..");
    private static final Set<String> COUNTERS = Stream.of(MicrometerMetrics.USES, MicrometerMetrics.CREATED,
                    MicrometerMetrics.ROTATED, MicrometerMetrics.DISABLED, MicrometerMetrics.DELETED,
                    MicrometerMetrics.TASK_RUNS, MicrometerMetrics.MAILS_SENT)
            .map(name -> prometheus(name) + "_total")
            .collect(Collectors.toSet());
    private static final String TIMER = prometheus(MicrometerMetrics.DOOR_DURATION) + "_seconds";
    /** A metric name in PromQL: one of ours anywhere, or any identifier right before a selector or a range. */
    private static final Pattern METRIC = Pattern.compile("(personal_api_tokens_[a-z_]+)|([a-zA-Z_:][a-zA-Z0-9_:]*)(?=[{\\[])");

    @Test
    void theReadmeListsEveryMetric() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String name : COUNTERS) {
            assertTrue(readme.contains("`" + name + "`"), () -> name + " is not in the README");
        }
        assertTrue(readme.contains("`" + TIMER + "`"), TIMER + " is not in the README");
    }

    @Test
    void theDashboardQueriesOnlyTheExtensionsMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("docs/examples/grafana-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(variable -> queries.add(variable.path("definition").asText()));
        assertFalse(queries.isEmpty());
        Set<String> used = new TreeSet<>();
        for (String query : queries) {
            Matcher metric = METRIC.matcher(query);
            boolean any = false;
            while (metric.find()) {
                String name = metric.group(1) != null ? metric.group(1) : metric.group(2);
                assertTrue(known(name), () -> name + " in " + query + " is not one of the extension's metrics");
                used.add(name);
                any = true;
            }
            assertTrue(any, () -> "no metric found in " + query);
        }
        assertTrue(used.containsAll(COUNTERS), () -> "the dashboard leaves out some counters: uses " + used);
    }

    private static boolean known(String name) {
        return COUNTERS.contains(name) || Stream.of("_count", "_sum", "_max", "_bucket").anyMatch(suffix -> name.equals(TIMER + suffix));
    }

    private static String prometheus(String micrometerName) {
        return micrometerName.replace('.', '_');
    }
}
