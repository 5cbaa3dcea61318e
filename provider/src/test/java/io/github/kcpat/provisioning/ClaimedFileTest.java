package io.github.kcpat.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provisioning file is claimed before it is applied, so that no failure can get it applied twice (issue 12). */
class ClaimedFileTest {

    @TempDir
    Path folder;

    @Test
    void doneWritesANewOwnerOnlyRecordAndRemovesTheOriginal() throws IOException {
        Path file = Files.writeString(folder.resolve("a.json"), "{\"token\":\"secret\"}");
        ClaimedFile claimed = ClaimedFile.claim(file).orElseThrow();
        assertEquals(Set.of("a.json.processing"), names());
        assertEquals("{\"token\":\"secret\"}", claimed.read());

        claimed.done("{\"key\":\"k\"}");

        assertEquals(Set.of("a.json.done"), names());
        assertEquals("{\"key\":\"k\"}", Files.readString(folder.resolve("a.json.done")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("a.json.done"))));
    }

    /** The old bug: the rename to .done failed after the file was applied, so the next start applied it again. */
    @Test
    void whenTheRecordCannotBeWrittenTheClaimStaysAndIsNoJsonFile() throws IOException {
        Path file = Files.writeString(folder.resolve("b.json"), "{}");
        Files.createDirectory(folder.resolve("b.json.done"));
        ClaimedFile claimed = ClaimedFile.claim(file).orElseThrow();

        claimed.done("{}");

        assertEquals(Set.of("b.json.done", "b.json.processing"), names());
        assertTrue(names().stream().noneMatch(name -> name.endsWith(".json")), "it would be applied again");
    }

    @Test
    void aFileThatCannotBeClaimedIsNotApplied() throws IOException {
        Path file = Files.writeString(folder.resolve("c.json"), "{}");
        Files.writeString(folder.resolve("c.json.processing"), "an earlier start's record");
        assertTrue(ClaimedFile.claim(file).isEmpty());
        assertEquals("an earlier start's record", Files.readString(folder.resolve("c.json.processing")), "the record was replaced");
    }

    @Test
    void failedKeepsTheFileAndWritesTheReasonBeside() throws IOException {
        Path file = Files.writeString(folder.resolve("d.json"), "{}");
        ClaimedFile.claim(file).orElseThrow().failed("no user 'nobody'");
        assertEquals(Set.of("d.json.failed", "d.json.failed.txt"), names());
        assertTrue(Files.readString(folder.resolve("d.json.failed.txt")).contains("nobody"));
    }

    @Test
    void aLinkSwappedInAfterTheClaimIsNotRead() throws IOException {
        Path target = Files.writeString(folder.resolve("target"), "{}");
        Path link = Files.createSymbolicLink(folder.resolve("e.json"), target);
        ClaimedFile claimed = ClaimedFile.claim(link).orElseThrow();
        assertThrows(IOException.class, claimed::read);
        assertFalse(Files.isSymbolicLink(target));
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
