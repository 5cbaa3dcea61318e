package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The top-level {@code docker-compose.yml} as data: the one place the Keycloak options of the PostgreSQL setup are
 * written down, so a test that starts Keycloak on PostgreSQL can take them from here ({@link #keycloakOptions()}).
 */
public final class ComposeFile {

    public static final String FILE_NAME = "docker-compose.yml";

    private final Path repoRoot;
    private final Map<String, Object> root;

    private ComposeFile(Path repoRoot, Map<String, Object> root) {
        this.repoRoot = repoRoot;
        this.root = root;
    }

    /** Reads the compose file of this repository, from the repository root or a module folder below it. */
    public static ComposeFile read() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(FILE_NAME))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No " + FILE_NAME + " above " + Path.of("").toAbsolutePath());
        }
        try {
            Map<String, Object> parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(dir.resolve(FILE_NAME)));
            return new ComposeFile(dir, parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public Map<String, Object> root() {
        return root;
    }

    /** The service {@code name}; fails when there is none. */
    public Map<String, Object> service(String name) {
        Map<String, Object> services = map(root, "services");
        if (!(services.get(name) instanceof Map<?, ?>)) {
            throw new AssertionError("no service " + name + " in " + FILE_NAME + ": " + services.keySet());
        }
        return map(services, name);
    }

    /** The keycloak service's command: {@code start-dev} or {@code start}, then its options. */
    public List<String> keycloakCommand() {
        return strings(service("keycloak").get("command"));
    }

    /** The keycloak service's options ({@code --name=value} or {@code --flag}), in order, without the command. */
    public List<String> keycloakOptions() {
        List<String> command = keycloakCommand();
        return command.subList(1, command.size());
    }

    /** The options as name → value ({@code "true"} for a bare flag), e.g. {@code --db} → {@code postgres}. */
    public Map<String, String> keycloakOptionValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String option : keycloakOptions()) {
            int eq = option.indexOf('=');
            values.put(eq < 0 ? option : option.substring(0, eq), eq < 0 ? "true" : option.substring(eq + 1));
        }
        return values;
    }

    /** The keycloak service's options for a database elsewhere: {@code --db-url} replaced by {@code jdbcUrl}. */
    public List<String> keycloakOptionsWithDbUrl(String jdbcUrl) {
        return keycloakOptions().stream().map(o -> o.startsWith("--db-url=") ? "--db-url=" + jdbcUrl : o).toList();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("'" + key + "' is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    public static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new AssertionError("not a list: " + value);
        }
        return list.stream().map(String::valueOf).toList();
    }
}
