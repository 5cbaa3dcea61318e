import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * Turns the raw wrk outputs of bench/run.sh into a Markdown report and a PNG chart (JDK only).
 * {@code java bench/Report.java <raw-dir> <out-prefix> <sizes> <h2|postgres> <settings>}
 */
public final class Report {

    static final List<String> SCENARIOS = List.of("exchange", "rfc8693", "forward-auth", "verify", "client-credentials", "introspection");
    static final List<String> DOORS = List.of("exchange", "rfc8693", "forward-auth", "verify");
    /**
     * Beside the charted scenarios: each door with every check on (a chosen role, an IP allowlist), Basic at door 3, and
     * the previous value of a token during a rotation's overlap.
     */
    static final List<String> CHECKED = List.of("exchange-limited", "rfc8693-limited", "forward-auth-limited", "verify-limited",
            "forward-auth-basic", "exchange-previous", "forward-auth-previous", "verify-previous");

    record Round(double rps, double p50, double p99, long errors) {
    }

    record Result(double rps, double minRps, double maxRps, double p50, double p99, long errors) {
    }

    public static void main(String[] args) throws IOException {
        Path raw = Path.of(args[0]);
        String out = args[1];
        List<Integer> sizes = Arrays.stream(args[2].split(",")).map(Integer::parseInt).toList();
        Map<Integer, Map<String, Result>> results = new LinkedHashMap<>();
        for (int size : sizes) {
            Map<String, Result> bySize = new LinkedHashMap<>();
            for (String scenario : java.util.stream.Stream.concat(SCENARIOS.stream(), CHECKED.stream()).toList()) {
                List<Round> rounds = new ArrayList<>();
                for (int round = 1; Files.exists(raw.resolve(size + "-" + scenario + "-" + round + ".txt")); round++) {
                    rounds.add(parse(Files.readString(raw.resolve(size + "-" + scenario + "-" + round + ".txt"))));
                }
                if (!rounds.isEmpty()) {
                    bySize.put(scenario, new Result(median(rounds.stream().mapToDouble(Round::rps).toArray()),
                            rounds.stream().mapToDouble(Round::rps).min().orElse(0),
                            rounds.stream().mapToDouble(Round::rps).max().orElse(0),
                            median(rounds.stream().mapToDouble(Round::p50).toArray()),
                            median(rounds.stream().mapToDouble(Round::p99).toArray()),
                            rounds.stream().mapToLong(Round::errors).sum()));
                }
            }
            results.put(size, bySize);
        }
        String database = "postgres".equals(args[3]) ? "PostgreSQL 17 (embedded, stock settings)" : "H2";
        Files.writeString(Path.of(out + ".md"), markdown(raw, results, sizes, database, args[4], Path.of(out).getFileName() + ".png"));
        chart(results, sizes, Path.of(out + ".png"));
    }

    static Round parse(String wrk) {
        return new Round(number(wrk, "Requests/sec:\\s+([0-9.]+)"), millis(wrk, "50%"), millis(wrk, "99%"),
                (long) number(wrk, "Non-2xx or 3xx responses:\\s+([0-9]+)") + (long) socketErrors(wrk));
    }

    static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static double socketErrors(String text) {
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)) + Long.parseLong(m.group(4)) : 0;
    }

    static double millis(String text, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(text);
        if (!m.find()) {
            return 0;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String markdown(Path raw, Map<Integer, Map<String, Result>> results, List<Integer> sizes, String database, String settings,
            String png) throws IOException {
        StringBuilder md = new StringBuilder("# Benchmark: personal API tokens vs Keycloak's own token endpoint\n\n");
        md.append("Keycloak 26.7.3, `start-dev` on ").append(database).append(", one machine (2 cores), wrk on loopback, ").append(settings)
                .append(". One server holds a realm per size (`bench-100`, …), so every size shares one JIT warm-up;")
                .append(" a round runs every scenario of every size in turn, each round starting at another size.")
                .append(" req/s and latencies are medians over the rounds; the range is the slowest and fastest round.")
                .append(" Command: `").append(database.equals("H2") ? "" : "DB=postgres ").append("bench/run.sh`.\n\n");
        Path importLine = raw.resolve("import.txt");
        if (Files.exists(importLine)) {
            md.append("- ").append(Files.readString(importLine).trim()).append('\n');
        }
        md.append("\n![throughput per door and size](").append(png).append(")\n\n");
        md.append("| tokens | scenario | req/s | rounds' range | p50 ms | p99 ms | errors |\n|---:|---|---:|---:|---:|---:|---:|\n");
        results.forEach((size, bySize) -> bySize.forEach((scenario, r) -> md.append(String.format(
                "| %,d | %s | %.0f | %.0f–%.0f | %.1f | %.1f | %d |%n", size, scenario, r.rps(), r.minRps(), r.maxRps(),
                r.p50(), r.p99(), r.errors()))));
        md.append("\n## Targets\n\n| target | measured | met |\n|---|---:|:---:|\n");
        for (int size : sizes) {
            Map<String, Result> r = results.get(size);
            target(md, size + " tokens: exchange / client-credentials >= 1.0", ratio(r, "exchange", "client-credentials"), 1.0);
            target(md, size + " tokens: verify / introspection >= 1.5", ratio(r, "verify", "introspection"), 1.5);
            target(md, size + " tokens: forward-auth / client-credentials >= 3", ratio(r, "forward-auth", "client-credentials"), 3.0);
            target(md, size + " tokens: rfc8693 / client-credentials (no target)", ratio(r, "rfc8693", "client-credentials"), 0);
            for (String door : DOORS) {
                if (r.containsKey(door + "-limited")) {
                    target(md, size + " tokens: " + door + " with roles and an IP allowlist / without >= 0.95",
                            ratio(r, door + "-limited", door), 0.95);
                }
            }
            for (String door : DOORS) {
                if (r.containsKey(door + "-previous")) {
                    target(md, size + " tokens: " + door + " with the previous value during an overlap / the current value >= 0.95",
                            ratio(r, door + "-previous", door), 0.95);
                }
            }
            if (r.containsKey("forward-auth-basic")) {
                target(md, size + " tokens: forward-auth with Basic / with APIToken >= 0.95", ratio(r, "forward-auth-basic", "forward-auth"), 0.95);
            }
        }
        int smallest = sizes.get(0);
        int largest = sizes.get(sizes.size() - 1);
        if (largest != smallest) {
            for (String door : DOORS) {
                if (!results.get(largest).containsKey(door) || !results.get(smallest).containsKey(door)) {
                    continue;
                }
                double scaling = results.get(largest).get(door).rps() / results.get(smallest).get(door).rps();
                target(md, String.format("%s at %,d / at %,d tokens >= 0.9", door, largest, smallest), scaling, 0.9);
            }
        }
        return md.toString();
    }

    /** NaN when either scenario did not run (ONLY=…), and {@link #target} then leaves the line out. */
    static double ratio(Map<String, Result> results, String ours, String reference) {
        if (!results.containsKey(ours) || !results.containsKey(reference)) {
            return Double.NaN;
        }
        return results.get(ours).rps() / results.get(reference).rps();
    }

    static void target(StringBuilder md, String name, double value, double goal) {
        if (Double.isNaN(value)) {
            return;
        }
        md.append(String.format("| %s | %.2f | %s |%n", name, value, goal == 0 ? "–" : value >= goal ? "yes" : "**no**"));
    }

    static void chart(Map<Integer, Map<String, Result>> results, List<Integer> sizes, Path png) throws IOException {
        int width = 1000;
        int height = 520;
        int left = 70;
        int bottom = 80;
        int top = 50;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        // logarithmic: the signing doors (~10^3 req/s) and the cached ones (~10^4) both stay readable
        double max = results.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Result::rps).max().orElse(1);
        double decades = Math.ceil(Math.log10(Math.max(max, 10) * 1.1)) - 2;
        double scale = (height - top - bottom) / decades;
        Color[] colors = {new Color(0x06, 0x66, 0xcc), new Color(0x3e, 0x86, 0x35), new Color(0xf0, 0xab, 0x00), new Color(0x8a, 0x8d, 0x90)};
        int groupWidth = (width - left - 20) / SCENARIOS.size();
        int barWidth = (groupWidth - 20) / sizes.size();
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Throughput (req/s, log scale) per door and token count — Keycloak 26.7.3, 2 cores", left, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setStroke(new BasicStroke(1));
        for (int tick = 0; tick <= decades; tick++) {
            double value = Math.pow(10, 2 + tick);
            int y = height - bottom - (int) (tick * scale);
            g.setColor(new Color(0xe0, 0xe0, 0xe0));
            g.drawLine(left, y, width - 20, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.0f", value), 10, y + 4);
        }
        for (int s = 0; s < SCENARIOS.size(); s++) {
            int x0 = left + s * groupWidth + 10;
            for (int i = 0; i < sizes.size(); i++) {
                Result r = results.get(sizes.get(i)).get(SCENARIOS.get(s));
                if (r == null) {
                    continue;
                }
                int barHeight = (int) (Math.max(0, Math.log10(Math.max(r.rps(), 1)) - 2) * scale);
                g.setColor(colors[i % colors.length]);
                g.fillRect(x0 + i * barWidth, height - bottom - barHeight, barWidth - 4, barHeight);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(SCENARIOS.get(s), x0, height - bottom + 18);
        }
        for (int i = 0; i < sizes.size(); i++) {
            g.setColor(colors[i % colors.length]);
            g.fillRect(left + i * 170, height - 40, 14, 14);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%,d tokens", sizes.get(i)), left + i * 170 + 20, height - 28);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }
}
