package io.github.kcpat.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether the provisioning folder and a file in it may be trusted: whoever can write a file there can give tokens to
 * any user, so a folder or file that group or others may write is refused, and a symbolic link is never followed
 * (it could point the server at a file that someone else controls). Reasons name the path's role, never its content.
 */
final class FolderGuard {

    private static final Set<PosixFilePermission> OPEN = Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private FolderGuard() {
    }

    /** Why nothing in {@code folder} may be applied; empty when it may. */
    static Optional<String> refuseFolder(Path folder) {
        return refuse(folder, "does not exist", "is a symbolic link, which is never followed: name the real folder",
                BasicFileAttributes::isDirectory, "is not a folder");
    }

    /** Why {@code file} must be skipped; empty when it may be applied. */
    static Optional<String> refuseFile(Path file) {
        return refuse(file, "cannot be read", "is a symbolic link, which is never followed",
                BasicFileAttributes::isRegularFile, "is not a regular file");
    }

    private static Optional<String> refuse(Path path, String missing, String link, Predicate<BasicFileAttributes> kind,
            String otherKind) {
        BasicFileAttributes attributes = attributes(path);
        if (attributes == null) {
            return Optional.of(missing);
        }
        if (attributes.isSymbolicLink()) {
            return Optional.of(link);
        }
        if (!kind.test(attributes)) {
            return Optional.of(otherKind);
        }
        return openToOthers(path);
    }

    /** False on file systems without POSIX permissions (Windows), where the group/others rule cannot be checked. */
    static boolean canCheckPermissions(Path folder) {
        try {
            return Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class);
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> openToOthers(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (permissions.stream().anyMatch(OPEN::contains)) {
                return Optional.of("is writable by group or others (chmod go-w)");
            }
            return Optional.empty();
        } catch (UnsupportedOperationException e) {
            return Optional.empty(); // no POSIX permissions here: ProvisioningFolder warns once for the folder
        } catch (IOException e) {
            return Optional.of("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
