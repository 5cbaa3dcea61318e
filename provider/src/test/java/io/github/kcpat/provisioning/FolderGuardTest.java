package io.github.kcpat.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may have written the provisioning folder and its files (issue 12): the owner alone, and never through a link. */
class FolderGuardTest {

    @TempDir
    Path root;

    @Test
    void anOwnerOnlyFolderAndFilePass() throws IOException {
        Path folder = folder("provisioning", "rwx------");
        Path file = file(folder.resolve("a.json"), "rw-------");
        assertEquals(Optional.empty(), FolderGuard.refuseFolder(folder));
        assertEquals(Optional.empty(), FolderGuard.refuseFile(file));
        assertEquals(Optional.empty(), FolderGuard.refuseFile(file(folder.resolve("b.json"), "rw-r--r--")), "read by others is fine");
        assertTrue(FolderGuard.canCheckPermissions(folder));
    }

    /** The attack: another member of the group, or any local user, drops a file that gives them a token. */
    @Test
    void aFolderWritableByGroupOrOthersIsRefused() throws IOException {
        assertTrue(FolderGuard.refuseFolder(folder("group", "rwxrwx---")).orElseThrow().contains("group or others"));
        assertTrue(FolderGuard.refuseFolder(folder("others", "rwxr-xrwx")).orElseThrow().contains("group or others"));
    }

    @Test
    void aFileWritableByGroupOrOthersIsRefused() throws IOException {
        Path folder = folder("provisioning", "rwx------");
        assertTrue(FolderGuard.refuseFile(file(folder.resolve("g.json"), "rw-rw----")).orElseThrow().contains("group or others"));
        assertTrue(FolderGuard.refuseFile(file(folder.resolve("o.json"), "rw----rw-")).orElseThrow().contains("group or others"));
    }

    /** The attack: a link in the folder (or the folder itself) points the server at a file someone else controls. */
    @Test
    void symbolicLinksAreNeverFollowed() throws IOException {
        Path folder = folder("provisioning", "rwx------");
        Path elsewhere = file(root.resolve("elsewhere.json"), "rw-------");
        Path link = Files.createSymbolicLink(folder.resolve("linked.json"), elsewhere);
        assertTrue(FolderGuard.refuseFile(link).orElseThrow().contains("symbolic link"));

        Path linkedFolder = Files.createSymbolicLink(root.resolve("linked-folder"), folder);
        assertTrue(FolderGuard.refuseFolder(linkedFolder).orElseThrow().contains("symbolic link"));
    }

    @Test
    void aMissingFolderOrAFolderNamedJsonIsRefused() throws IOException {
        assertTrue(FolderGuard.refuseFolder(root.resolve("absent")).orElseThrow().contains("does not exist"));
        assertTrue(FolderGuard.refuseFolder(file(root.resolve("plain"), "rw-------")).orElseThrow().contains("not a folder"));
        assertTrue(FolderGuard.refuseFile(folder("dir.json", "rwx------")).orElseThrow().contains("not a regular file"));
    }

    private Path folder(String name, String permissions) throws IOException {
        Path folder = Files.createDirectory(root.resolve(name));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(permissions));
        return folder;
    }

    private static Path file(Path file, String permissions) throws IOException {
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
