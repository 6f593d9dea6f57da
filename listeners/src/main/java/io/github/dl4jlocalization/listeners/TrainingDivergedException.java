package io.github.dl4jlocalization.listeners;

/**
 * Thrown by {@link DivergenceGuard} out of {@code fit} when the score or a parameter became NaN
 * or infinite. The message names the step and suggests a smaller learning rate, e.g.
 * <pre>
 * Training diverged at step 17 (epoch 0): parameter 0_W contains NaN or infinite values.
 * Try a smaller learning rate (the first layer's is 1.0E8).
 * </pre>
 */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final int epoch;
    private final String reason;
    private final double learningRate;

    /**
     * @param step         the number of parameter updates done when the divergence was seen
     * @param epoch        DL4J's epoch counter then
     * @param reason       what was not finite, e.g. {@code "score is NaN"}
     * @param learningRate the first layer's learning rate then, or NaN when unknown
     */
    public TrainingDivergedException(long step, int epoch, String reason, double learningRate) {
        super("Training diverged at step " + step + " (epoch " + epoch + "): " + reason
                + ". Try a smaller learning rate"
                + (Double.isNaN(learningRate) ? "." : " (the first layer's is " + learningRate + ")."));
        this.step = step;
        this.epoch = epoch;
        this.reason = reason;
        this.learningRate = learningRate;
    }

    /** The number of parameter updates done when the divergence was seen. */
    public long step() {
        return step;
    }

    /** DL4J's epoch counter when the divergence was seen. */
    public int epoch() {
        return epoch;
    }

    /** What was not finite. */
    public String reason() {
        return reason;
    }

    /** The first layer's learning rate at that step, or NaN when unknown. */
    public double learningRate() {
        return learningRate;
    }
}
