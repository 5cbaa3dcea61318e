package io.github.kcpat;

import static io.github.kcpat.it.support.ComposeFile.map;
import static io.github.kcpat.it.support.ComposeFile.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcpat.it.support.ComposeFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code docker-compose.yml} cannot run here (no Docker): its structure is checked instead, against the pom (Keycloak
 * version, JAR name) and the repository's files (the demo realm), so that it does not drift from the tested setup.
 */
class DockerComposeTest {

    private static ComposeFile compose;
    private static String distVersion;
    private static String jarName;

    @BeforeAll
    static void read() throws Exception {
        compose = ComposeFile.read();
        Document parent = xml(compose.repoRoot().resolve("pom.xml"));
        Document provider = xml(compose.repoRoot().resolve("provider/pom.xml"));
        distVersion = child(parent.getDocumentElement(), "properties", "keycloak.dist.version");
        jarName = child(provider.getDocumentElement(), "artifactId") + "-" + child(parent.getDocumentElement(), "version") + ".jar";
    }

    @Test
    void runsPostgresAndKeycloakOfTheTestedVersion() {
        assertTrue(((String) compose.service("postgres").get("image")).matches("postgres:\\d+(\\.\\d+)?"),
                "postgres: the official image with a pinned major version");
        assertEquals("quay.io/keycloak/keycloak:" + distVersion, compose.service("keycloak").get("image"));
        assertEquals("quay.io/keycloak/keycloak:" + distVersion, compose.service("demo-setup").get("image"));
    }

    @Test
    void keepsTheDatabaseInANamedVolume() {
        assertTrue(strings(compose.service("postgres").get("volumes")).contains("postgres-data:/var/lib/postgresql/data"));
        assertTrue(map(compose.root(), "volumes").containsKey("postgres-data"));
    }

    @Test
    void mountsTheBuiltJarIntoProviders() {
        String mount = "./provider/target/" + jarName + ":/opt/keycloak/providers/" + jarName + ":ro";
        assertTrue(strings(compose.service("keycloak").get("volumes")).contains(mount),
                () -> "no " + mount + " in " + compose.service("keycloak").get("volumes"));
    }

    @Test
    void importsTheDemoRealm() {
        assertTrue(strings(compose.service("keycloak").get("volumes"))
                .contains("./demo/demo-realm.json:/opt/keycloak/data/import/demo-realm.json:ro"));
        assertTrue(compose.keycloakOptions().contains("--import-realm"));
        assertTrue(strings(compose.service("demo-setup").get("volumes"))
                .contains("./demo/demo-api-scope.json:/opt/demo/demo-api-scope.json:ro"));
    }

    @Test
    void everyMountedRepositoryFileExists() {
        for (String service : List.of("keycloak", "demo-setup")) {
            for (String volume : strings(compose.service(service).get("volumes"))) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith("./") && !source.startsWith("./provider/target/")) {
                    assertTrue(Files.isRegularFile(compose.repoRoot().resolve(source)), () -> service + " mounts a missing " + source);
                }
            }
        }
    }

    @Test
    void startsKeycloakOnTheComposeDatabase() {
        List<String> command = compose.keycloakCommand();
        assertTrue(List.of("start-dev", "start").contains(command.get(0)), command::toString);
        Map<String, Object> db = map(compose.service("postgres"), "environment");
        Map<String, String> options = compose.keycloakOptionValues();
        assertEquals("postgres", options.get("--db"));
        assertEquals("jdbc:postgresql://postgres:5432/" + db.get("POSTGRES_DB"), options.get("--db-url"));
        assertEquals(db.get("POSTGRES_USER"), options.get("--db-username"));
        assertEquals(db.get("POSTGRES_PASSWORD"), options.get("--db-password"));
        assertEquals("true", options.get("--health-enabled"));
        assertEquals("true", options.get("--metrics-enabled"));
        compose.keycloakOptions().forEach(option -> assertTrue(option.matches("--[a-z][a-z0-9-]*(=.+)?"),
                () -> "not a --name=value option: " + option));
    }

    @Test
    void bootstrapsTheAdminAndPublishesPort8080() {
        Map<String, Object> keycloak = compose.service("keycloak");
        Map<String, Object> env = map(keycloak, "environment");
        assertEquals("admin", env.get("KC_BOOTSTRAP_ADMIN_USERNAME"));
        assertEquals("admin", env.get("KC_BOOTSTRAP_ADMIN_PASSWORD"));
        assertEquals(List.of("8080:8080"), strings(keycloak.get("ports")));
    }

    @Test
    void startsInOrderOfHealth() {
        String postgresCheck = String.join(" ", strings(map(compose.service("postgres"), "healthcheck").get("test")));
        assertTrue(postgresCheck.contains("pg_isready"), postgresCheck);
        String keycloakCheck = String.join(" ", strings(map(compose.service("keycloak"), "healthcheck").get("test")));
        assertTrue(keycloakCheck.contains("/dev/tcp/127.0.0.1/9000") && keycloakCheck.contains("GET /health/ready"), keycloakCheck);
        assertEquals("service_healthy", map(map(compose.service("keycloak"), "depends_on"), "postgres").get("condition"));
        assertEquals("service_healthy", map(map(compose.service("demo-setup"), "depends_on"), "keycloak").get("condition"));
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** The text of the element reached from {@code from} through direct children named {@code path}. */
    private static String child(Element from, String... path) {
        Element current = from;
        for (String name : path) {
            Element next = null;
            for (var node = current.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals(name)) {
                    next = element;
                    break;
                }
            }
            if (next == null) {
                throw new AssertionError("no <" + name + "> under <" + current.getTagName() + ">");
            }
            current = next;
        }
        return current.getTextContent().trim();
    }
}
