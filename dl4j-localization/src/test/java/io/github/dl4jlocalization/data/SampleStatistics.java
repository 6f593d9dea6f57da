package io.github.dl4jlocalization.data;

import java.util.random.RandomGenerator;

/**
 * Sampling and moment estimators shared by the statistical tests, with the exact variances of
 * the estimators used to derive tolerances.
 */
final class SampleStatistics {
    /** Rows drawn per {@link DataModel#sample} call, to bound the sampler's work arrays. */
    private static final int BLOCK = 10_000;

    private SampleStatistics() {
    }

    /** {@code rows} samples of class {@code label}, row-major, from stream (seed, 0). */
    static double[] draw(DataModel model, int label, int rows, long seed) {
        int d = model.dimension();
        double[] x = new double[rows * d];
        RandomGenerator random = RandomStreams.of(seed, 0);
        for (int r = 0; r < rows; r += BLOCK) {
            model.sample(label, Math.min(BLOCK, rows - r), x, r, random);
        }
        return x;
    }

    /**
     * The covariance estimator with known mean {@code mean}, averaged over rows and all D
     * positions p: {@code T = mean_(n,p) (x_p - m)(x_(p + shift) - m)}, where {@code p + shift}
     * is taken per axis modulo L (the displacement of kernel index {@code shift}).
     */
    static double lagCovariance(double[] x, StationaryCovariance geometry, int shift, double mean) {
        int d = geometry.dimension();
        int rows = x.length / d;
        int[] partner = partners(geometry, shift);
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * d;
            for (int p = 0; p < d; p++) {
                sum += (x[base + p] - mean) * (x[base + partner[p]] - mean);
            }
        }
        return sum / ((double) rows * d);
    }

    /** Site p + shift (per axis modulo L) for every site p. */
    private static int[] partners(StationaryCovariance geometry, int shift) {
        int d = geometry.dimension();
        int[] partner = new int[d];
        if (geometry.dims() == 1) {
            for (int p = 0; p < d; p++) {
                partner[p] = (p + shift) % d;
            }
        } else {
            int n = geometry.length();
            for (int p = 0; p < d; p++) {
                partner[p] = ((p / n + shift / n) % n) * n + (p % n + shift % n) % n;
            }
        }
        return partner;
    }

    /**
     * The exact variance, per row, of {@link #lagCovariance} for an elliptical law with covariance
     * C and marginal kurtosis {@code kappa} (Gaussian: kappa = 3). For elliptical laws the fourth
     * moments are Isserlis' formula times kappa/3:
     * {@code E[x_a x_b x_c x_e] = (kappa/3)(C_ab C_ce + C_ac C_be + C_ae C_bc)}, so with
     * {@code Y_p = x_p x_(p+s)} and {@code c = C(s)}:
     * {@code Cov(Y_p, Y_q) = (kappa/3)(C(p-q)^2 + C(p-q-s) C(p-q+s) + c^2) - c^2} and
     * {@code Var(mean_p Y_p) = (1/D) sum_delta (kappa/3)(C(delta)^2 + C(delta-s) C(delta+s))
     * + (kappa/3 - 1) c^2}. Divide by the number of rows.
     */
    static double lagCovarianceVariance(StationaryCovariance c, int shift, double kappa) {
        int d = c.dimension();
        int minus = minusSite(c, shift);
        double sum = 0;
        for (int q = 0; q < d; q++) {
            double direct = c.get(q, 0);
            sum += direct * direct + c.get(q, shift) * c.get(q, minus);
        }
        double cs = c.get(shift, 0);
        return kappa / 3 * sum / d + (kappa / 3 - 1) * cs * cs;
    }

    /** The site at displacement {@code -shift} (per axis modulo L). */
    private static int minusSite(StationaryCovariance c, int shift) {
        int n = c.length();
        if (c.dims() == 1) {
            return (n - shift) % n;
        }
        return ((n - shift / n) % n) * n + (n - shift % n) % n;
    }

    /** {@code mean((x - m)^2)} of the values. */
    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / x.length;
    }

    /** The sample kurtosis {@code mean((x-m)^4) / mean((x-m)^2)^2} with known mean m. */
    static double kurtosis(double[] x, double mean) {
        double s2 = 0;
        double s4 = 0;
        for (double v : x) {
            double e = (v - mean) * (v - mean);
            s2 += e;
            s4 += e * e;
        }
        s2 /= x.length;
        s4 /= x.length;
        return s4 / (s2 * s2);
    }

    /**
     * The asymptotic variance (times n) of {@link #kurtosis} for n i.i.d. values of a symmetric
     * unit-variance law with moments m4, m6, m8 (delta method on {@code g(a, b) = b/a^2} at
     * {@code a = E x^2 = 1}, {@code b = E x^4 = m4}: gradient {@code (-2 m4, 1)}):
     * {@code 4 m4^2 (m4 - 1) + (m8 - m4^2) - 4 m4 (m6 - m4)}. Gaussian: 24.
     */
    static double kurtosisVariance(double m4, double m6, double m8) {
        return 4 * m4 * m4 * (m4 - 1) + (m8 - m4 * m4) - 4 * m4 * (m6 - m4);
    }

    /** Column {@code column} of a row-major array with {@code d} columns. */
    static double[] column(double[] x, int d, int column) {
        double[] c = new double[x.length / d];
        for (int r = 0; r < c.length; r++) {
            c[r] = x[r * d + column];
        }
        return c;
    }
}
