package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Writes a run's checkpoint ({@link Checkpoints}: the network with its updater state, atomically,
 * and the state file naming it with the step and the seconds spent) every {@code frequency}
 * updates; {@link TrainingRun} also calls {@link #write} after the last step. Unlike DL4J's own
 * {@code CheckpointListener} it keeps only the last archive and the state a resume reads.
 *
 * <p>DL4J calls {@code iterationDone} before it counts the update, so an archive written here
 * stores an iteration counter one below the step; the state file holds the step, which
 * {@link Experiment#resume} gives the restored network.
 */
final class CheckpointListener extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int frequency;
    private final String folder;
    private final double secondsBefore;
    private final long startedNanos;
    private String lastArchive;
    private long lastStep = -1;

    /**
     * @param frequency     updates between checkpoints, >= 0 (0: only the one after the last step)
     * @param folder        the checkpoint folder
     * @param secondsBefore training seconds of the run before this session
     * @param startedNanos  {@link System#nanoTime()} when this session started
     * @param lastArchive   the archive of the checkpoint this session resumed from, or null
     */
    CheckpointListener(int frequency, Path folder, double secondsBefore, long startedNanos, String lastArchive) {
        this.frequency = Require.atLeast("checkpointEvery", frequency, 0);
        this.folder = Require.nonNull("folder", folder).toString();
        this.secondsBefore = secondsBefore;
        this.startedNanos = startedNanos;
        this.lastArchive = lastArchive;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        long step = iteration + 1L;
        if (frequency > 0 && step % frequency == 0) {
            write((MultiLayerNetwork) model, step);
        }
    }

    /** Writes the checkpoint of {@code net} after {@code step} updates, unless it was written already. */
    void write(MultiLayerNetwork net, long step) {
        if (step != lastStep) {
            double seconds = secondsBefore + (System.nanoTime() - startedNanos) * 1e-9;
            lastArchive = Checkpoints.write(Path.of(folder), net, step, seconds).model();
            lastStep = step;
        }
    }

    /** The archive of the last checkpoint written (or resumed from), null when none. */
    String lastArchive() {
        return lastArchive;
    }

    @Override
    public String toString() {
        return "CheckpointListener(frequency=" + frequency + ", folder=" + folder + ", last=" + lastArchive + ")";
    }
}
