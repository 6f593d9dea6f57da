package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.util.Require;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * One writer per output directory. A command that writes a directory (a run, a theory comparison,
 * a pruning run, a sweep, a figure) holds an exclusive lock on its file {@value #FILE} for as long
 * as it writes: a second command on the same directory, in this or another process, is refused at
 * once, before it writes anything. The lock is the operating system's ({@link FileChannel#tryLock}),
 * so a killed process releases it and a resume is never blocked by a stale lock.
 *
 * <p>The lock file also names the kind of results the directory holds ({@code run},
 * {@code theory}, {@code prune}, {@code sweep}, {@code figure NAME}), written when the first
 * command takes it: a command of another kind is refused (a {@code prune} onto a run directory
 * would replace its {@code summary.json}). A directory that this class created and that holds
 * nothing but the lock file when the lock is released (the command failed before writing) is
 * removed again.
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file, in the output directory. */
    public static final String FILE = ".localization.lock";
    /** The kind of a run directory ({@code run}, {@code demo}, {@code run --resume}). */
    public static final String RUN = "run";
    /** The kind of a theory comparison's directory. */
    public static final String THEORY = "theory";
    /** The kind of a pruning run's directory. */
    public static final String PRUNE = "prune";
    /** The kind of a sweep's directory. */
    public static final String SWEEP = "sweep";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;

    private OutputLock(Path dir, FileChannel channel, FileLock lock, boolean created) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /**
     * Takes the directory {@code dir} for a command that writes results of {@code kind},
     * creating it when missing.
     *
     * @param flag the option that named the directory, for the messages (e.g. {@code --out})
     * @throws IllegalArgumentException when {@code dir} is blank, cannot be created, is being
     *                                  written by another command, or holds results of another kind
     */
    public static OutputLock acquire(String flag, Path dir, String kind) {
        Require.that(dir != null && !dir.toString().isBlank(), flag, "''", "a directory path");
        Require.nonNull("kind", kind);
        boolean created = !Files.exists(dir);
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalArgumentException(flag + " " + dir + " cannot be written: " + IoFailures.reason(e), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;   // held by this process
            }
            String owner = read(channel);
            if (lock == null) {
                throw new IllegalArgumentException(flag + " " + dir + " is being written by another localization "
                        + "command" + (owner.isEmpty() ? "" : " (" + owner + ")")
                        + "; wait for it to end or choose another directory");
            }
            if (!owner.isEmpty() && !owner.equals(kind)) {
                lock.release();
                throw new IllegalArgumentException(flag + " " + dir + " holds the results of '" + owner
                        + "', not of '" + kind + "': choose another directory");
            }
            if (owner.isEmpty()) {
                channel.truncate(0).write(ByteBuffer.wrap((kind + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(true);
            }
            return new OutputLock(dir, channel, lock, created);
        } catch (IOException e) {
            close(channel);
            throw new IllegalArgumentException(flag + " " + dir + " cannot be locked: " + IoFailures.reason(e), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        int n = channel.read(buffer, 0);
        return n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing releases the lock; nothing was written through it
        }
    }

    /** The kind of a figure's directory: {@code figure NAME}. */
    public static String figure(String name) {
        return "figure " + name;
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** Releases the lock (and removes the directory when it was created here and nothing was written). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
            if (created) {
                boolean onlyTheLock;
                try (Stream<Path> entries = Files.list(dir)) {
                    onlyTheLock = entries.allMatch(p -> p.getFileName().toString().equals(FILE));
                }
                if (onlyTheLock) {
                    Files.deleteIfExists(dir.resolve(FILE));
                    Files.deleteIfExists(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OutputLock[" + dir + "]";
    }
}
