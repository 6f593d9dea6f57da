package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The DL4J stats file of a run directory ({@value #FILE}): a {@link FileStatsStorage} that the
 * run's listener stack feeds ({@link TrainingRun.Builder#stats}) with DL4J's own statistics
 * ({@code StatsListener}: the UI's Overview/Model/System pages) and the localization records the
 * dashboard's page shows (receptive fields, kurtosis, pruning rounds), so that
 * {@code localization dashboard DIR} replays the run. A run made of several trainings (the two
 * protocols of pruning) gives each its own session ({@link #newSession()}). An existing file is
 * continued (a resumed run adds a session).
 */
public final class StatsFile implements AutoCloseable {
    /** The stats file's name in a run directory. */
    public static final String FILE = "stats.bin";

    private final Path file;
    private final FileStatsStorage storage;

    /** Opens (or continues) {@value #FILE} in {@code dir} (created if needed). */
    public StatsFile(Path dir) {
        this.file = Require.nonNull("dir", dir).resolve(FILE);
        AtomicFiles.checkWritableParent(file);
        try {
            this.storage = new Reporting(file);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(IoFailures.message("could not open", file, e), new IOException(e));
        }
    }

    /** The storage (for the listeners, and for a live dashboard). */
    public FileStatsStorage storage() {
        return storage;
    }

    /** A new session id (a random UUID, as DL4J's listeners use). */
    public String newSession() {
        return UUID.randomUUID().toString();
    }

    /** Closes the file (the dashboard can then replay it in any process). */
    @Override
    public void close() {
        storage.close();
    }

    @Override
    public String toString() {
        return "StatsFile[" + file + "]";
    }

    /**
     * DL4J's file storage whose write failures name the file and the reason
     * ({@link IoFailures}): MapDB's own say {@code VolumeIOError: null} on a full disk.
     */
    private static final class Reporting extends FileStatsStorage {
        private final Path file;

        Reporting(Path file) {
            super(file.toFile());
            this.file = file;
        }

        @Override
        public void putStaticInfo(Persistable info) {
            write(() -> super.putStaticInfo(info));
        }

        @Override
        public void putUpdate(Persistable update) {
            write(() -> super.putUpdate(update));
        }

        @Override
        public void putStorageMetaData(StorageMetaData metaData) {
            write(() -> super.putStorageMetaData(metaData));
        }

        private void write(Runnable put) {
            try {
                put.run();
            } catch (RuntimeException e) {
                throw new UncheckedIOException(IoFailures.message("could not write", file, e),
                        new IOException(e));
            }
        }
    }
}
