package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.Require;

import java.util.Arrays;

/**
 * The cavity measure of Redman, Wang, Ingrosso &amp; Goldt (arXiv:2412.06545): the effect of each
 * single weight on the non-Gaussianity of a unit's pre-activation. For hidden unit k with
 * receptive field {@code w_k} and samples {@code x_n} (rows of X, N x D):
 * <pre>
 *   h_nk      = sum_i w_ki x_ni                    (pre-activation without bias)
 *   h_nk^\j   = h_nk - w_kj x_nj                   (the "cavity": weight j removed)
 *   kappa_k   = kappa(h_k),   delta_kj = kappa(h_k^\j) - kappa(h_k)
 * </pre>
 * with {@code kappa} the excess kurtosis {@link ExcessKurtosis#CENTRAL} over the N samples (a
 * bias would shift h by a constant, which this estimator ignores). {@code delta_kj > 0} means
 * that removing weight j makes unit k's pre-activation more non-Gaussian. The paper's exact
 * statistic, normalisation and averaging are UNVERIFIED (docs/science.md 4.8); this is the direct
 * reading of its description. {@code delta_kj = 0} exactly where {@code w_kj = 0} (nothing is
 * removed); a unit whose pre-activation is constant has NaN kurtosis and NaN deltas, and so has
 * a cavity whose remaining pre-activation is constant (the last weight of a unit).
 *
 * <p>Cost {@code O(N D K)}: each cavity is one pass over the N samples of the precomputed h.
 * Arrays are not copied; treat them as read-only.
 *
 * @param kurtosis {@code kappa_k} per unit (length K)
 * @param delta    {@code delta_kj}, K x D
 */
public record CavityKurtosis(double[] kurtosis, double[][] delta) {

    /**
     * The measure of K receptive fields on N samples.
     *
     * @param samples X, N >= 2 rows of D finite values
     * @param fields  K >= 1 receptive fields of length D, finite (e.g. pruned: zeros allowed)
     */
    public static CavityKurtosis of(double[][] samples, double[][] fields) {
        Require.nonNull("samples", samples);
        Require.atLeast("samples.length", samples.length, 2);
        Require.nonNull("fields", fields);
        Require.atLeast("fields.length", fields.length, 1);
        int d = Vectors.requireFinite("samples[0]", samples[0]).length;
        int n = samples.length;
        // columns of X, for one contiguous pass per cavity
        double[][] columns = new double[d][n];
        for (int s = 0; s < n; s++) {
            double[] row = Vectors.requireFinite("samples[" + s + "]", samples[s]);
            Require.that(row.length == d, "samples[" + s + "].length", row.length, "D = " + d);
            for (int i = 0; i < d; i++) {
                columns[i][s] = row[i];
            }
        }
        double[] kurtosis = new double[fields.length];
        double[][] delta = new double[fields.length][d];
        double[] h = new double[n];
        double[] cavity = new double[n];
        for (int k = 0; k < fields.length; k++) {
            double[] w = Vectors.requireFinite("fields[" + k + "]", fields[k]);
            Require.that(w.length == d, "fields[" + k + "].length", w.length, "D = " + d);
            Arrays.fill(h, 0);
            for (int i = 0; i < d; i++) {
                if (w[i] != 0) {
                    double[] x = columns[i];
                    for (int s = 0; s < n; s++) {
                        h[s] += w[i] * x[s];
                    }
                }
            }
            kurtosis[k] = ExcessKurtosis.CENTRAL.of(h);
            for (int j = 0; j < d; j++) {
                if (w[j] != 0) {
                    double[] x = columns[j];
                    for (int s = 0; s < n; s++) {
                        cavity[s] = h[s] - w[j] * x[s];
                    }
                    delta[k][j] = ExcessKurtosis.CENTRAL.of(cavity) - kurtosis[k];
                }
            }
        }
        return new CavityKurtosis(kurtosis, delta);
    }

    /** Number of units K. */
    public int units() {
        return kurtosis.length;
    }

    /**
     * The mean of {@code delta_kj} over the selected weights ({@code selected[k][j]}, K x D),
     * NaN entries ignored; NaN when nothing finite is selected. E.g. the weights a pruning round
     * removes against those it keeps.
     */
    public double meanDelta(boolean[][] selected) {
        Require.nonNull("selected", selected);
        Require.that(selected.length == delta.length, "selected.length", selected.length, "K = " + delta.length);
        double sum = 0;
        long count = 0;
        for (int k = 0; k < delta.length; k++) {
            Require.that(selected[k] != null && selected[k].length == delta[k].length, "selected[" + k + "]",
                    selected[k] == null ? null : selected[k].length, "an array of length D = " + delta[k].length);
            for (int j = 0; j < delta[k].length; j++) {
                if (selected[k][j] && !Double.isNaN(delta[k][j])) {
                    sum += delta[k][j];
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
