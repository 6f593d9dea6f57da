package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.listeners.KurtosisListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.StatsStorageRecordSink;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

/**
 * The DL4J stats file of a run ({@value #FILE} in its directory): DL4J's own {@link StatsListener}
 * (the UI's Overview/Model/System pages), the receptive-field records and the kurtosis records of
 * the localization page, all every {@code recordEvery} steps of the run, so that
 * {@code localization dashboard DIR} can replay any finished run. At the default 100 steps these
 * cost a few percent of a step (DL4J's own default, a StatsListener every step, made a small
 * model's step about 3.8x slower). The kurtosis of the hidden pre-activations is measured on the
 * run's held-out evaluation batch; the input marginals' kurtosis (the training batch of each
 * record's step) only when the dashboard is live ({@code --ui}); {@code summary.json} has the
 * inputs' kurtosis of every run.
 */
final class RunStats implements AutoCloseable {
    /** The stats file's name in a run directory. */
    static final String FILE = "stats.bin";

    private final FileStatsStorage storage;

    /**
     * Opens (or, on resume, continues) the run's stats file and attaches the listeners.
     *
     * @param inputKurtosis whether to record the input marginals' kurtosis (of each record step's batch)
     */
    RunStats(Experiment experiment, boolean inputKurtosis) {
        Path file = experiment.directory().path(FILE);
        this.storage = new FileStatsStorage(file.toFile());
        RunConfig config = experiment.config();
        int every = config.recordEvery();
        StatsStorageRecordSink fields = new StatsStorageRecordSink(storage);
        INDArray heldOut = Nd4j.create(new BatchSampler(config.dataModel(), config.evalSeed())
                .sample(0, config.evalSize()).features(), new long[] {config.evalSize(), config.dataModel().dimension()},
                DataType.DOUBLE);
        experiment.listener(new StatsListener(storage, every, fields.sessionId()));
        experiment.listener(new ReceptiveFieldListener(every, fields));
        experiment.listener(new KurtosisListener.Builder(every).heldOutBatch(heldOut).inputMarginals(inputKurtosis)
                .sink(fields).build());
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
