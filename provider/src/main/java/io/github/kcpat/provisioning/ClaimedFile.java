package io.github.kcpat.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * A provisioning file taken out of the {@code *.json} pattern before anything in it is applied: {@code x.json} is
 * renamed {@code x.json.processing} first, so that whatever happens next (a crash, a record that cannot be written)
 * it is never applied again by itself. After the file's transaction it becomes {@code x.json.done} (written anew,
 * without any token value) or {@code x.json.failed} with {@code x.json.failed.txt}; a {@code .processing} file that
 * stays behind is the record that the outcome could not be written, and is reported at every start.
 */
final class ClaimedFile {

    static final String CLAIMED = ".processing";
    private static final Logger LOG = Logger.getLogger(ClaimedFile.class);
    private static final String OWNER_ONLY = "rw-------";

    private final Path original;
    private final Path claimed;

    private ClaimedFile(Path original, Path claimed) {
        this.original = original;
        this.claimed = claimed;
    }

    /** Renames {@code file} to its {@code .processing} name; empty (and logged) when that fails: then it is not applied. */
    static Optional<ClaimedFile> claim(Path file) {
        Path claimed = sibling(file, CLAIMED);
        try {
            // no ATOMIC_MOVE: on POSIX it would silently replace an older .processing file, the record of an earlier start
            Files.move(file, claimed);
            return Optional.of(new ClaimedFile(file, claimed));
        } catch (IOException e) {
            LOG.errorf("cannot rename %s to %s before applying it (%s); not applied", file, claimed.getFileName(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    String name() {
        return original.getFileName().toString();
    }

    /** The content, read without following a symbolic link put in the file's place since it was checked. */
    String read() throws IOException {
        try (InputStream in = Files.newInputStream(claimed, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Records success in a new {@code .done} file holding {@code record}, then removes the claimed original. */
    void done(String record) {
        Path done = sibling(original, ".done");
        try {
            writeNew(done, record);
        } catch (IOException e) {
            LOG.errorf("%s was applied, but %s cannot be written (%s): %s stays as the record and will not be applied again; "
                    + "it still holds the token values, delete it by hand", name(), done.getFileName(), e.getClass().getSimpleName(),
                    claimed.getFileName());
            return;
        }
        try {
            Files.delete(claimed);
        } catch (IOException e) {
            LOG.errorf("cannot delete %s (%s): it holds the token values of %s, delete it by hand", claimed, e.getClass().getSimpleName(),
                    done.getFileName());
        }
    }

    /** Records failure: the file as it was, renamed {@code .failed}, and the reason in {@code .failed.txt}. */
    void failed(String reason) {
        Path failed = sibling(original, ".failed");
        try {
            Files.move(claimed, failed);
        } catch (IOException e) {
            LOG.errorf("cannot rename %s to %s (%s); it stays %s and will not be applied again", claimed, failed.getFileName(),
                    e.getClass().getSimpleName(), claimed.getFileName());
        }
        try {
            writeNew(sibling(original, ".failed.txt"), reason + System.lineSeparator());
        } catch (IOException e) {
            LOG.errorf("cannot write the reason beside %s (%s)", failed, e.getClass().getSimpleName());
        }
    }

    /** Creates {@code file} (never over an existing one, never through a link), readable by the owner alone. */
    private static void writeNew(Path file, String text) throws IOException {
        FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY))}
                : new FileAttribute<?>[0];
        Files.createFile(file, ownerOnly);
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
