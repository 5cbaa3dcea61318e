package io.github.kcpat.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.jboss.logging.Logger;

/**
 * The Keycloak versions this JAR's suite ran on (written into {@code tested-keycloak-versions.properties} at build, from
 * the POM's matrix), and what the server logs about the one it runs: one line at startup, a warning outside them, and
 * an error naming the missing piece when one of the {@code compat} bridges cannot be built on it — not a stack trace at
 * the first request.
 */
public final class TestedVersions {

    private static final Logger LOG = Logger.getLogger(TestedVersions.class);
    private static final String RESOURCE = "tested-keycloak-versions.properties";

    private final List<String> versions;

    TestedVersions(List<String> versions) {
        this.versions = List.copyOf(versions);
    }

    /** The versions this JAR was built and tested for. */
    public static TestedVersions ofThisBuild() {
        try (InputStream in = TestedVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the JAR");
            }
            Properties properties = new Properties();
            properties.load(in);
            return new TestedVersions(Arrays.stream(properties.getProperty("versions", "").split(","))
                    .map(String::trim).filter(v -> !v.isEmpty()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean includes(String keycloakVersion) {
        return versions.contains(keycloakVersion);
    }

    /** The startup line about {@code keycloakVersion}. */
    String line(String keycloakVersion) {
        return includes(keycloakVersion)
                ? "Personal API Tokens: Keycloak " + keycloakVersion + " is one of the versions this extension is tested on (" + listed() + ")"
                : "Personal API Tokens: Keycloak " + keycloakVersion + " is not one of the versions this extension is tested on ("
                        + listed() + "); it may work, but nothing has shown that it does: see the README, \"Compatibility\"";
    }

    private String listed() {
        return String.join(", ", versions);
    }

    /** Logs the startup line about the running Keycloak and checks that every bridge to its internal API can be built. */
    public void logFor(String keycloakVersion) {
        if (includes(keycloakVersion)) {
            LOG.info(line(keycloakVersion));
        } else {
            LOG.warn(line(keycloakVersion));
        }
        String missing = Bridges.missing();
        if (missing != null) {
            LOG.errorf("Personal API Tokens cannot run on Keycloak %s: %s. The self-service API and the doors will fail;"
                    + " this extension is tested on %s", keycloakVersion, missing, listed());
        }
    }
}
