package io.github.dl4jlocalization.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes result files so that a crash or kill never leaves a half-written file under the final
 * name: the content goes to a temporary file in the same directory, which is renamed over the
 * target once complete.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Content producer that may fail with an I/O error. */
    @FunctionalInterface
    public interface Content {
        /** Writes the content. */
        void writeTo(BufferedWriter out) throws IOException;
    }

    /**
     * Writes {@code target} atomically.
     *
     * @throws IllegalArgumentException naming the path when its directory cannot be created or
     *                                  written
     */
    public static void write(Path target, Content content) {
        Path dir = checkWritableParent(target);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
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
}
