package io.github.dl4jlocalization.dashboard;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * What the localization page draws for one session: the JSON document of
 * {@code GET /localization/data/:sessionId}, built by {@link SessionSummary}. Arrays are not
 * copied; treat them as read-only. Non-finite numbers (a unit whose weights are all zero has a NaN
 * IPR) are written as the JSON strings {@code "NaN"}/{@code "Infinity"}, which the page skips.
 *
 * @param sessionId  the session
 * @param version    changes whenever a record of the session is added (the page redraws then)
 * @param units      hidden units K (0 before the first receptive-field record)
 * @param inputs     input dimension D (0 until a record with weights or input kurtosis)
 * @param ipr        mean and max IPR against iteration, or null before the first record
 * @param iprHeatmap IPR of every unit against iteration, or null before the first record
 * @param latest     the newest receptive-field record's IPR per unit, or null before it
 * @param weights    the newest weight snapshot, or null when no record carries weights
 * @param kurtosis   excess kurtosis against iteration, or null without kurtosis records
 * @param pruning    sparsity and IPR per pruning round, or null without pruning records
 * @param effective  effective receptive fields over time, or null without their records
 */
record DashboardData(String sessionId, String version, int units, int inputs, IprCurve ipr,
                     IprHeatmap iprHeatmap, LatestIpr latest, Weights weights, KurtosisCurve kurtosis,
                     PruningCurve pruning, EffectiveFields effective) {

    /** Most points of a curve sent to the page (longer series are thinned evenly). */
    static final int MAX_CURVE_POINTS = 1000;
    /** Most columns (records) of the IPR heatmap sent to the page. */
    static final int MAX_HEATMAP_COLUMNS = 200;

    /**
     * Mean and max IPR over units against iteration.
     *
     * @param records the number of records behind the (possibly thinned) curve
     */
    record IprCurve(long[] iteration, double[] mean, double[] max, int records) {
    }

    /** {@code ipr[k][j]}: IPR of unit k at {@code iteration[j]}. */
    record IprHeatmap(long[] iteration, double[][] ipr) {
    }

    /** IPR per unit at the newest record. */
    record LatestIpr(long iteration, double[] ipr) {
    }

    /**
     * A weight snapshot (the newest record that has one): the K x D matrix with its rows in
     * {@code order}, units by decreasing IPR (NaN last), and the receptive fields of the most and
     * least localized units.
     */
    record Weights(long iteration, int[] order, double[] orderedIpr, double[][] rows, Unit mostLocalized,
                   Unit leastLocalized) {

        /** The snapshot of {@code fields[k]} (unit k's D weights) with IPR {@code ipr[k]}. */
        static Weights of(long iteration, double[] ipr, double[][] fields) {
            int[] order = byDecreasingIpr(ipr);
            double[] orderedIpr = new double[order.length];
            double[][] rows = new double[order.length][];
            for (int r = 0; r < order.length; r++) {
                orderedIpr[r] = ipr[order[r]];
                rows[r] = fields[order[r]];
            }
            int most = order[0];
            int least = order[0];
            for (int k : order) {   // the last unit with an IPR is the least localized
                if (!Double.isNaN(ipr[k])) {
                    least = k;
                }
            }
            return new Weights(iteration, order, orderedIpr, rows, new Unit(most, ipr[most], fields[most]),
                    new Unit(least, ipr[least], fields[least]));
        }
    }

    /** One unit's receptive field: its D input weights. */
    record Unit(int unit, double ipr, double[] weights) {
    }

    /**
     * Excess kurtosis against iteration: the mean over pixels of the input marginals' and the mean
     * over units of the pre-activations' (NaN when not recorded), and the per-pixel input values of
     * the newest record.
     */
    record KurtosisCurve(long[] iteration, double[] meanInput, double[] meanPreActivation, long latestIteration,
                         double[] latestInput, double[] latestPreActivation, int records) {
    }

    /** Per pruning round: sparsity of the pruned layer and mean/max IPR over units. */
    record PruningCurve(int[] round, long[] iteration, double[] sparsity, double[] meanIpr, double[] maxIpr) {
    }

    /**
     * Effective receptive fields ({@code EffectiveReceptiveFieldListener}): mean and max IPR and the
     * mean width over the watched units against iteration; the newest record's units, IPRs,
     * widths and fields (null when not recorded); and the field of the first unit over time.
     * Fields are over the input sites, row-major over {@code inputShape} (2-D inputs are drawn as
     * images).
     *
     * @param records the number of records behind the (possibly thinned) curves
     */
    record EffectiveFields(long[] iteration, double[] meanIpr, double[] maxIpr, double[] meanWidth, int records,
                           String layer, long[] inputShape, boolean[] periodic, double massFraction,
                           long latestIteration, String[] units, double[] latestIpr, int[] latestWidth,
                           double[][] latestFields, String historyUnit, long[] historyIteration,
                           double[][] history) {
    }

    /** Units ordered by decreasing IPR, NaN last, ties by index. */
    static int[] byDecreasingIpr(double[] ipr) {
        Comparator<Integer> order = Comparator.comparing((Integer k) -> Double.isNaN(ipr[k]))
                .thenComparing(k -> -ipr[k]);
        return IntStream.range(0, ipr.length).boxed().sorted(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * At most {@code max} indices of {@code 0..n-1}, evenly spread, always with the first and the
     * last: all of them when {@code n <= max}, else {@code round(i (n-1) / (max-1))} for
     * {@code i = 0..max-1} (strictly increasing, as the step exceeds 1).
     *
     * @param max >= 2
     */
    static int[] thin(int n, int max) {
        if (n <= max) {
            return IntStream.range(0, n).toArray();
        }
        double step = (n - 1) / (double) (max - 1);
        return IntStream.range(0, max).map(i -> (int) Math.round(i * step)).toArray();
    }

    @Override
    public String toString() {
        return "DashboardData[session=" + sessionId + ", version=" + version + ", units=" + units + ", inputs="
                + inputs + ", iprRecords=" + (ipr == null ? 0 : ipr.records()) + ", kurtosisRecords="
                + (kurtosis == null ? 0 : kurtosis.records()) + ", pruningRounds="
                + (pruning == null ? 0 : pruning.round().length) + ", effectiveRecords="
                + (effective == null ? 0 : effective.records()) + ", weights="
                + (weights == null ? "none" : "at iteration " + weights.iteration()) + "]";
    }
}
