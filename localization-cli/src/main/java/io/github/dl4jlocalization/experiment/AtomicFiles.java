package io.github.dl4jlocalization.experiment;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes result files so that a crash or kill never leaves a half-written file under the final
 * name: the content goes to a temporary file in the same directory, which is renamed over the
 * target once complete.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {
    }

    /** Content producer that may fail with an I/O error. */
    @FunctionalInterface
    public interface Content {
        /** Writes the content. */
        void writeTo(BufferedWriter out) throws IOException;
    }

    /** Binary content producer (images, model archives) that may fail with an I/O error. */
    @FunctionalInterface
    public interface BinaryContent {
        /** Writes the content; closing {@code out} is allowed but not needed. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes the text file {@code target} (UTF-8) atomically.
     *
     * @throws IllegalArgumentException naming the path when its directory cannot be created or
     *                                  written
     */
    public static void write(Path target, Content content) {
        writeBinary(target, out -> {
            BufferedWriter text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.writeTo(text);
            text.flush();
        });
    }

    /**
     * Writes {@code target} atomically.
     *
     * @throws IllegalArgumentException naming the path when its directory cannot be created or
     *                                  written
     */
    public static void writeBinary(Path target, BinaryContent content) {
        Path dir = checkWritableParent(target);
        Path tmp = null;
        try {
            tmp = createTemporary(dir.resolve("." + target.getFileName() + ".tmp"));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(IoFailures.message("could not write", target, e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and named after its target; nothing else to do
                }
            }
        }
    }

    /**
     * The temporary file {@code tmp}, new, readable by all and writable by the owner (as files
     * written directly usually are) where the file system has POSIX permissions. Its name is fixed
     * per target: a target has one writer at a time (a command's output directory is locked,
     * {@link OutputLock}), so a file of that name that exists now was left by a killed writer (a
     * killed {@code sample} once left a 13.7 GB one), and is replaced without listing the directory
     * (a sweep writes one result file per unit into one directory).
     */
    private static Path createTemporary(Path tmp) throws IOException {
        Files.deleteIfExists(tmp);
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createFile(tmp, PosixFilePermissions.asFileAttribute(READABLE));
        }
        return Files.createFile(tmp);
    }

    /**
     * Creates the parent directory of {@code target} if needed and checks it is writable.
     *
     * @return the parent directory
     */
    public static Path checkWritableParent(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("output path " + target + " is not writable: cannot create directory "
                    + dir + " (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir) || Files.isDirectory(target)) {
            throw new IllegalArgumentException("output path " + target
                    + " is not writable: need a file path in a writable directory");
        }
        return dir;
    }

    /**
     * Deletes {@code dir} and everything under it (a partial unit a killed sweep left behind);
     * nothing when it does not exist.
     *
     * @throws UncheckedIOException naming the path that cannot be deleted
     */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
