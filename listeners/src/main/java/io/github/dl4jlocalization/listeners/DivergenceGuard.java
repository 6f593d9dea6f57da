package io.github.dl4jlocalization.listeners;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.InvocationType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.Map;

/**
 * Stops training when it diverges: every {@code frequency} parameter updates it checks that the
 * model's score and every parameter are finite, and otherwise throws a
 * {@link TrainingDivergedException} out of {@code fit}, naming the step, what was not finite
 * (the score, or the first parameter, in the model's parameter order, holding NaN or
 * infinities) and suggesting a smaller learning rate (quoting the first layer's, when its updater
 * has one). Records that sinks have already accepted stay intact: file sinks flush every record,
 * and the exception leaves through DL4J's training loop before any later listener runs.
 *
 * <h2>Adding it to an existing pipeline</h2>
 * Put it <em>before</em> the recording listeners, so that it throws before they see non-finite
 * weights:
 * <pre>{@code
 * net.addListeners(new DivergenceGuard(), receptiveFieldListener, kurtosisListener);
 * try {
 *     net.fit(train, epochs);
 * } catch (TrainingDivergedException e) {
 *     log.warn("{}", e.getMessage());             // "Training diverged at step 17 (epoch 0): ..."
 *     // e.step(), e.reason(), e.learningRate(): retry with a smaller learning rate
 * }
 * }</pre>
 * The check costs one reduction over the flattened parameters; {@code new DivergenceGuard(10)} checks every 10
 * steps (a divergence is then reported up to 9 steps late).
 */
public class DivergenceGuard extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Schedule schedule;

    /** Checks after every parameter update. */
    public DivergenceGuard() {
        this(1);
    }

    /** @param frequency check every this many parameter updates, >= 1 */
    public DivergenceGuard(int frequency) {
        this.schedule = new Schedule(frequency, InvocationType.ITERATION_END);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        long step = iteration + 1L;
        if (schedule.dueAfterStep(step)) {
            check(model, step, epoch);
        }
    }

    /**
     * Checks the model now.
     *
     * @param step  the number of parameter updates done, for the message
     * @param epoch the epoch, for the message
     * @throws TrainingDivergedException when the score or a parameter is not finite
     */
    public void check(Model model, long step, int epoch) {
        String reason = null;
        double score = model.score();
        if (!Double.isFinite(score)) {
            reason = "score is " + score;
        } else if (!Double.isFinite(model.params().sumNumber().doubleValue())) {
            // one reduction over the flattened parameters is finite when every parameter is (the
            // common case, 5x cheaper than two tests per parameter); else find the first offender,
            // if any (the sum of finite values can overflow)
            for (Map.Entry<String, INDArray> parameter : model.paramTable().entrySet()) {
                INDArray values = parameter.getValue();
                if (values.isNaN().any() || values.isInfinite().any()) {
                    reason = "parameter " + parameter.getKey() + " contains NaN or infinite values";
                    break;
                }
            }
        }
        if (reason != null) {
            throw new TrainingDivergedException(step, epoch, reason, ModelAccess.firstLayerLearningRate(model, step, epoch));
        }
    }

    /** The checking period, in parameter updates. */
    public int frequency() {
        return schedule.frequency();
    }

    @Override
    public String toString() {
        return "DivergenceGuard(frequency=" + schedule.frequency() + ", checks=score and all parameters finite)";
    }
}
