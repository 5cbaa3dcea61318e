package io.github.kcpat.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.github.kcpat.input.InvalidInput;

/**
 * Applies the {@code *.json} files of a folder once, at startup: each file in one transaction, claimed first
 * ({@link ClaimedFile}) so that a restart never applies a file twice. A folder or file that group or others may write,
 * and any symbolic link, is refused before anything in it is read ({@link FolderGuard}).
 */
public final class ProvisioningFolder {

    private static final Logger LOG = Logger.getLogger(ProvisioningFolder.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path folder;

    public ProvisioningFolder(Path folder) {
        this.folder = folder;
    }

    public void applyAll(KeycloakSessionFactory factory) {
        Optional<String> refused = FolderGuard.refuseFolder(folder);
        if (refused.isPresent()) {
            LOG.warnf("provisioning folder %s %s; nothing provisioned", folder, refused.get());
            return;
        }
        if (!FolderGuard.canCheckPermissions(folder)) {
            LOG.warnf("provisioning folder %s has no POSIX permissions: make sure only Keycloak's user can write it", folder);
        }
        List<Path> entries = entries();
        entries.stream().filter(file -> file.getFileName().toString().endsWith(ClaimedFile.CLAIMED)).forEach(file -> LOG.warnf(
                "provisioning file %s was claimed at an earlier start whose outcome could not be recorded; it is never applied "
                        + "again by itself: check the tokens it names, then delete it (it may hold token values)", file));
        for (Path file : entries) {
            if (!file.getFileName().toString().endsWith(".json")) {
                continue;
            }
            Optional<String> skipped = FolderGuard.refuseFile(file);
            if (skipped.isPresent()) {
                LOG.warnf("provisioning file %s %s; skipped, not applied", file, skipped.get());
                continue;
            }
            ClaimedFile.claim(file).ifPresent(claimed -> apply(factory, claimed));
        }
    }

    private List<Path> entries() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            LOG.errorf("cannot list the provisioning folder %s: %s", folder, e.getClass().getSimpleName());
            return List.of();
        }
    }

    private void apply(KeycloakSessionFactory factory, ClaimedFile file) {
        String name = file.name();
        try {
            JsonNode root = read(file);
            List<ProvisioningRequest> requests = requests(root);
            String record = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ProvisioningRequest.withoutTokens(root))
                    + System.lineSeparator();
            List<String> outcomes = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                ProvisioningOperations operations = new ProvisioningOperations(session, name);
                for (int i = 0; i < requests.size(); i++) {
                    operations.apply(i + 1, requests.get(i));
                }
                return operations.outcomes();
            });
            outcomes.forEach(LOG::info);
            file.done(record);
        } catch (RuntimeException | IOException e) {
            String reason = ProvisioningOperations.describe(e);
            LOG.errorf("provisioning %s failed, nothing in it applied: %s", name, reason);
            file.failed(reason);
        }
    }

    private static JsonNode read(ClaimedFile file) throws IOException {
        String text = file.read();
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new InvalidInput("not valid JSON");
        }
    }

    /** The file's operations, each read strictly; a broken one fails the file and is named by its number. */
    static List<ProvisioningRequest> requests(JsonNode root) {
        List<JsonNode> operations = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(operations::add);
        } else if (root != null) {
            operations.add(root);
        }
        if (operations.isEmpty()) {
            throw new InvalidInput("no operation in the file");
        }
        List<ProvisioningRequest> requests = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            try {
                requests.add(ProvisioningRequest.of(operations.get(i)));
            } catch (InvalidInput e) {
                JsonNode operation = operations.get(i);
                String named = operation.isObject() ? " (" + ProvisioningRequest.describe(operation) + ")" : "";
                throw new InvalidInput("operation " + (i + 1) + named + ": " + e.getMessage());
            }
        }
        return requests;
    }
}
