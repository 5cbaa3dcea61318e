package io.github.kcpat.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, the attack: a folder others may write lets them add files, or swap a checked file for theirs. Such a
 * folder is refused as a whole, before anything in it is read or Keycloak is touched (no session factory here); the
 * warning names the folder. JBoss Logging writes to java.util.logging in the unit tests (surefire sets
 * {@code org.jboss.logging.provider=jdk}). How a start applies a folder is ProvisioningIT's.
 */
class ProvisioningFolderTest {

    @TempDir
    Path root;

    @Test
    void aFolderWritableByGroupOrOthersIsRefusedAsAWhole() throws IOException {
        Path folder = Files.createDirectory(root.resolve("provisioning"));
        Path file = Files.writeString(folder.resolve("70-in-open-folder.json"), "{\"action\": \"create\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwx---"));
        List<LogRecord> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ProvisioningFolder.class.getName());
        logger.addHandler(handler);
        try {
            new ProvisioningFolder(folder).applyAll(null);
        } finally {
            logger.removeHandler(handler);
        }

        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList(), "the file was claimed or renamed");
        }
        assertEquals(1, warnings.size(), warnings::toString);
        String warning = warnings.get(0).getMessage();
        assertTrue(warning.contains(folder.toString()) && warning.contains("group or others") && warning.contains("nothing provisioned"),
                warning);
    }
}
