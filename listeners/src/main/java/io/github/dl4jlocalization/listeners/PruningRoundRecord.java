package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.ConnectionLocality;
import io.github.dl4jlocalization.util.Require;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One training phase of {@link IterativeMagnitudePruning}: the network trained with the mask of
 * {@code round} prunings, measured on the held-out data, and the effect of the pruning that
 * follows. All per-unit values concern the first layer {@code "0_W"} (unit k's receptive field is
 * its column k, D inputs) after training, with pruned weights exactly 0.
 *
 * <p>Arrays are not copied; treat them as read-only.
 *
 * <p>CSV row ({@link CsvRecordSink}), for K hidden units:
 * <pre>
 * oneShot,round,steps,timestampMillis,sparsity,sparsityAfterPruning,accuracy,loss,meanIpr,meanSpan,
 * meanRandomSpan,meanDisplacement,randomDisplacementMean,meanPreActivationKurtosis,cavityPruned,cavityKept,ipr_0..ipr_{K-1},keptInputs_0..,span_0..,runs_0..,preActivationKurtosis_0..
 * </pre>
 * (one line; {@code oneShot} is {@code true} or {@code false}; the weights are not written).
 *
 * @param oneShot               whether this is the one-shot baseline (round 0 dense, round 1 at
 *                              the final sparsity) rather than iterative pruning
 * @param round                 the number of prunings before this phase (0: dense)
 * @param steps                 parameter updates done in the whole run so far (across rewinds)
 * @param sparsity              fraction of the masked weights that were pruned during this phase
 * @param sparsityAfterPruning  the fraction after the pruning at the end of this phase (equal to
 *                              {@code sparsity} for the last phase, which is not pruned)
 * @param accuracy              held-out accuracy: {@code 1[y > 0.5] = t} for one output, argmax
 *                              agreement for several
 * @param loss                  the network's score on the held-out set (its loss, MSE for the
 *                              papers' networks)
 * @param ipr                   IPR of each unit's (masked) weights, length K (NaN: all pruned)
 * @param keptInputs            surviving inputs per unit during this phase
 * @param span                  circular span of each unit's surviving inputs
 *                              ({@code ConnectionLocality.circularSpan}; D when spread out)
 * @param runs                  contiguous runs of each unit's surviving inputs
 * @param inputs                D, the inputs of every unit (the ring the spans and displacements
 *                              are measured on)
 * @param pairDisplacements     over all units, the number of pairs of a unit's surviving inputs at
 *                              each circular displacement {@code 1..floor(D/2)}
 *                              ({@code ConnectionLocality.pairDisplacements}, summed over units)
 * @param preActivationKurtosis excess kurtosis of each unit's pre-activation {@code h_k = w_k . x}
 *                              on the held-out inputs ({@code CavityKurtosis.kurtosis})
 * @param cavityPruned          mean cavity change {@code delta_kj = kappa(h_k without j) - kappa(h_k)}
 *                              over the first-layer weights the following pruning removes (NaN when
 *                              none, e.g. the last phase)
 * @param cavityKept            the same mean over the weights it keeps (NaN for the last phase)
 * @param receptiveFields       K x D weights after training, or null when snapshots are off
 * @param timestampMillis       wall-clock time of the record
 */
public record PruningRoundRecord(boolean oneShot, int round, long steps, double sparsity,
                                 double sparsityAfterPruning, double accuracy, double loss, double[] ipr,
                                 int[] keptInputs, int[] span, int[] runs, int inputs, long[] pairDisplacements,
                                 double[] preActivationKurtosis,
                                 double cavityPruned, double cavityKept, double[][] receptiveFields,
                                 long timestampMillis) implements ListenerRecord {

    private static final List<String> CSV_COLUMNS = List.of("oneShot", "round", "steps", "timestampMillis",
            "sparsity", "sparsityAfterPruning", "accuracy", "loss", "meanIpr", "meanSpan", "meanRandomSpan",
            "meanDisplacement", "randomDisplacementMean", "meanPreActivationKurtosis", "cavityPruned", "cavityKept");

    /** Validates the lengths: K per-unit values, {@code floor(D/2)} displacements. */
    public PruningRoundRecord {
        int k = ipr.length;
        Require.that(keptInputs.length == k && span.length == k && runs.length == k
                && preActivationKurtosis.length == k, "per-unit arrays", keptInputs.length, k + " values each");
        Require.atLeast("inputs", inputs, 1);
        Require.that(pairDisplacements.length == inputs / 2, "pairDisplacements length", pairDisplacements.length,
                "floor(D/2) = " + inputs / 2);
    }

    /** Number of hidden units K. */
    public int units() {
        return ipr.length;
    }

    /** Mean IPR over units (NaN units ignored). */
    public double meanIpr() {
        return NanStats.mean(ipr);
    }

    /** Mean pre-activation excess kurtosis over units (NaN units ignored). */
    public double meanPreActivationKurtosis() {
        return NanStats.mean(preActivationKurtosis);
    }

    /** Mean circular span over the units that kept at least one input (NaN when none did). */
    public double meanSpan() {
        return NanStats.mean(Arrays.stream(span).mapToDouble(s -> s == 0 ? Double.NaN : s).toArray());
    }

    /**
     * The same mean for randomly placed connections: over the units that kept at least one input,
     * the mean of {@code ConnectionLocality.randomSpanMean(D, n_k)} (NaN when no unit kept one).
     * A span well below it is locality beyond what the number of survivors explains. Each distinct
     * count is evaluated once (units often keep the same number of inputs).
     */
    public double meanRandomSpan() {
        Map<Integer, Double> byCount = new HashMap<>();
        return NanStats.mean(Arrays.stream(keptInputs).mapToDouble(n -> n == 0 ? Double.NaN
                : byCount.computeIfAbsent(n, c -> ConnectionLocality.randomSpanMean(inputs, c))).toArray());
    }

    /** The mean circular displacement of the pairs of surviving inputs of a unit, over all units (NaN: no pair). */
    public double meanDisplacement() {
        return ConnectionLocality.meanDisplacement(Arrays.stream(pairDisplacements).asDoubleStream().toArray());
    }

    /** The null of {@link #meanDisplacement()}: {@code ConnectionLocality.randomDisplacementMean(D)} (NaN for D = 1). */
    public double randomDisplacementMean() {
        return inputs < 2 ? Double.NaN : ConnectionLocality.randomDisplacementMean(inputs);
    }

    @Override
    public List<String> csvColumns() {
        return CsvValues.columns(CSV_COLUMNS, units(), "ipr_", "keptInputs_", "span_", "runs_",
                "preActivationKurtosis_");
    }

    @Override
    public List<String> csvValues() {
        List<String> row = new ArrayList<>();
        row.add(Boolean.toString(oneShot));
        CsvValues.add(row, round);
        CsvValues.add(row, steps, timestampMillis);
        CsvValues.add(row, sparsity, sparsityAfterPruning, accuracy, loss, meanIpr(), meanSpan(), meanRandomSpan(),
                meanDisplacement(), randomDisplacementMean(), meanPreActivationKurtosis(), cavityPruned, cavityKept);
        CsvValues.add(row, ipr);
        CsvValues.add(row, keptInputs);
        CsvValues.add(row, span);
        CsvValues.add(row, runs);
        CsvValues.add(row, preActivationKurtosis);
        return row;
    }

    @Override
    public String toString() {
        return String.format("PruningRoundRecord[%s round=%d, steps=%d, sparsity=%.4f->%.4f, accuracy=%.4f, "
                        + "loss=%.6g, meanIpr=%.4f, meanSpan=%.2f (random %.2f), meanKurtosis=%.4f, "
                        + "cavity pruned/kept=%.4f/%.4f]",
                oneShot ? "one-shot" : "iterative", round, steps, sparsity, sparsityAfterPruning, accuracy, loss,
                meanIpr(), meanSpan(), meanRandomSpan(), meanPreActivationKurtosis(), cavityPruned, cavityKept);
    }
}
