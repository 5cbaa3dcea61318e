package io.github.kcpat.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Applies the {@code *.json} files of a folder once, at startup: each file in one transaction, then renamed
 * {@code .done}, or {@code .failed} with the reason in a {@code .failed.txt} beside it, so that a restart
 * never applies a file twice.
 */
public final class ProvisioningFolder {

    private static final Logger LOG = Logger.getLogger(ProvisioningFolder.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path folder;

    public ProvisioningFolder(Path folder) {
        this.folder = folder;
    }

    public void applyAll(KeycloakSessionFactory factory) {
        if (!Files.isDirectory(folder)) {
            LOG.warnf("provisioning folder %s does not exist; nothing provisioned", folder);
            return;
        }
        for (Path file : pendingFiles()) {
            apply(factory, file);
        }
    }

    private List<Path> pendingFiles() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json") && Files.isRegularFile(file))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            LOG.errorf("cannot list the provisioning folder %s: %s", folder, e.getMessage());
            return List.of();
        }
    }

    private void apply(KeycloakSessionFactory factory, Path file) {
        String name = file.getFileName().toString();
        try {
            List<ProvisioningRequest> requests = read(file);
            List<String> outcomes = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                ProvisioningOperations operations = new ProvisioningOperations(session, name);
                for (int i = 0; i < requests.size(); i++) {
                    operations.apply(i + 1, requests.get(i));
                }
                return operations.outcomes();
            });
            outcomes.forEach(LOG::info);
            rename(file, ".done");
        } catch (RuntimeException | IOException e) {
            String reason = ProvisioningOperations.describe(e);
            LOG.errorf("provisioning %s failed, nothing in it applied: %s", name, reason);
            rename(file, ".failed");
            write(file.resolveSibling(name + ".failed.txt"), reason + System.lineSeparator());
        }
    }

    private static List<ProvisioningRequest> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
        List<ProvisioningRequest> requests = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(node -> requests.add(ProvisioningRequest.of(node)));
        } else if (root != null) {
            requests.add(ProvisioningRequest.of(root));
        }
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("no operation in the file");
        }
        return requests;
    }

    private static void rename(Path file, String suffix) {
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + suffix));
        } catch (IOException e) {
            LOG.errorf("cannot rename %s: %s; it will be applied again at the next start", file, e.getMessage());
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.errorf("cannot write %s: %s", file, e.getMessage());
        }
    }
}
