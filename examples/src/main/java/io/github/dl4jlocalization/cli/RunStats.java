package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.StatsStorageRecordSink;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

import java.nio.file.Path;

/**
 * The DL4J stats file of a run ({@value #FILE} in its directory): DL4J's own {@link StatsListener}
 * (the UI's Overview/Model/System pages) and the receptive-field records of the localization page,
 * both every {@code recordEvery} steps of the run, so that {@code localization dashboard DIR} can
 * replay any finished run. At the default 100 steps the StatsListener costs a few percent of a
 * step; DL4J's own default of every step made a small model's step about 3.8x slower.
 */
final class RunStats implements AutoCloseable {
    /** The stats file's name in a run directory. */
    static final String FILE = "stats.bin";

    private final FileStatsStorage storage;

    /** Opens (or, on resume, continues) the run's stats file and attaches the listeners. */
    RunStats(Experiment experiment) {
        Path file = experiment.directory().path(FILE);
        this.storage = new FileStatsStorage(file.toFile());
        int every = experiment.config().recordEvery();
        StatsStorageRecordSink fields = new StatsStorageRecordSink(storage);
        experiment.listener(new StatsListener(storage, every, fields.sessionId()));
        experiment.listener(new ReceptiveFieldListener(every, fields));
    }

    /** The storage the listeners write to (for a live dashboard). */
    FileStatsStorage storage() {
        return storage;
    }

    /** Closes the stats file (the dashboard can then replay it in any process). */
    @Override
    public void close() {
        storage.close();
    }
}
