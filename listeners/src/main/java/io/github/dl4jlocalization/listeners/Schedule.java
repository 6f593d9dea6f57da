package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.optimize.api.InvocationType;

import java.io.Serializable;

/**
 * When a listener acts: every {@code frequency} parameter updates ({@link InvocationType#ITERATION_END})
 * or at the end of every {@code frequency}-th epoch ({@link InvocationType#EPOCH_END}); shared by
 * the listeners of this package.
 *
 * <p><b>Counting steps.</b> DL4J calls {@code iterationDone(model, iteration, epoch)} after the
 * parameter update, with {@code iteration} the 0-based index of the update just done (its
 * iteration counter is incremented after the listeners ran). The listeners count
 * <em>updates done</em>, {@code step = iteration + 1}, so a record at step s shows the weights
 * after s SGD steps, step 0 being the initial weights, and the ITERATION_END schedule fires after
 * steps {@code frequency, 2 frequency, ...} (the reference's evaluation times).
 */
final class Schedule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int frequency;
    private final InvocationType invocationType;

    Schedule(int frequency, InvocationType invocationType) {
        this.frequency = Require.atLeast("frequency", frequency, 1);
        Require.that(invocationType == InvocationType.ITERATION_END || invocationType == InvocationType.EPOCH_END,
                "invocationType", invocationType, "ITERATION_END or EPOCH_END");
        this.invocationType = invocationType;
    }

    int frequency() {
        return frequency;
    }

    InvocationType invocationType() {
        return invocationType;
    }

    /** Whether to act in {@code iterationDone} after update number {@code step} (1-based). */
    boolean dueAfterStep(long step) {
        return invocationType == InvocationType.ITERATION_END && step % frequency == 0;
    }

    /** Whether to act in {@code onEpochEnd} of the 0-based {@code epoch} just finished. */
    boolean dueAtEndOfEpoch(int epoch) {
        return invocationType == InvocationType.EPOCH_END && (epoch + 1) % frequency == 0;
    }

    @Override
    public String toString() {
        return "frequency=" + frequency + ", invocation=" + invocationType;
    }
}
