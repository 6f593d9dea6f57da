package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * The recorded states of an integration of the {@link EffectiveDynamics}: the weight vector at
 * steps {@code 0, r, 2r, ...} and at the last step, with time {@code t = step * tau} (the
 * reference's time axis, {@code step * learning rate}), and the localization metrics of each
 * record.
 *
 * <p>Immutable: the weights are copied in and out.
 */
public final class Trajectory implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double tau;
    private final int[] steps;
    private final double[][] weights;

    /**
     * @param tau     the Euler step (learning rate), finite and > 0
     * @param steps   increasing step numbers, at least one
     * @param weights the weights at each recorded step, all of the same length
     */
    Trajectory(double tau, int[] steps, double[][] weights) {
        this.tau = Require.positive("tau", tau);
        Require.that(steps.length >= 1 && steps.length == weights.length, "records", steps.length,
                "at least one, one weight vector per step");
        this.steps = steps.clone();
        this.weights = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = weights[i].clone();
        }
    }

    /** Number of records. */
    public int size() {
        return steps.length;
    }

    /** The Euler step tau. */
    public double tau() {
        return tau;
    }

    /** The step number of record i. */
    public int step(int i) {
        return steps[i];
    }

    /** The time {@code step(i) * tau} of record i. */
    public double time(int i) {
        return steps[i] * tau;
    }

    /** A copy of the step numbers of all records. */
    public int[] steps() {
        return steps.clone();
    }

    /** A copy of the weights of record i. */
    public double[] weights(int i) {
        return weights[i].clone();
    }

    /** A copy of the weights of the last record (the final state). */
    public double[] finalWeights() {
        return weights(steps.length - 1);
    }

    /** {@link LocalizationMetrics#ipr IPR} of record i. */
    public double ipr(int i) {
        return LocalizationMetrics.ipr(weights[i]);
    }

    /** The IPR of every record, {@code IPR(t)}. */
    public double[] ipr() {
        double[] out = new double[steps.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ipr(i);
        }
        return out;
    }

    /** {@link LocalizationMetrics#signedPeak Signed peak} of record i. */
    public SignedPeak signedPeak(int i) {
        return LocalizationMetrics.signedPeak(weights[i]);
    }

    /** The signed peak of the final state. */
    public SignedPeak finalSignedPeak() {
        return signedPeak(steps.length - 1);
    }

    @Override
    public String toString() {
        int last = steps.length - 1;
        return "Trajectory[" + steps.length + " records, steps 0.." + steps[last] + ", tau=" + tau
                + ", final IPR=" + ipr(last) + ", final peak=" + finalSignedPeak() + "]";
    }
}
