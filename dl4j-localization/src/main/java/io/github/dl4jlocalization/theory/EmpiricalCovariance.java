package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.StationaryCovariance;
import io.github.dl4jlocalization.util.Require;

import java.util.Arrays;

/**
 * The class covariance of a data model estimated from samples, for models without a closed form
 * (Kur with algebraic or Laplace marginals) or to reproduce the reference's Fig. 3, which uses
 * {@code np.cov} of 100,000 generated Ising samples (docs/science.md 5.5).
 *
 * <p>Estimator: every data model is stationary on the ring or torus, so the natural estimator of
 * its kernel averages over all site pairs at each displacement delta (per axis modulo L) and
 * over the n samples, with the translation-averaged mean m:
 * <pre>
 *   m          = (1/(n D)) sum_s sum_i x_si
 *   kernel(delta) = (1/(n D)) sum_s sum_i x_si x_s,i+delta  -  m^2
 * </pre>
 * symmetrised as {@code (kernel(delta) + kernel(-delta))/2} (equal up to rounding). It uses all D
 * pairs per displacement, so it is D times less noisy than one entry of {@code np.cov}, and it is
 * a covariance (positive semi-definite) by construction: its eigenvalues are the averaged
 * periodograms {@code (1/(n D)) sum_s |DFT(x_s)_k|^2 >= 0} minus {@code D m^2} at k = 0, which
 * stays >= 0 by Cauchy-Schwarz. The sums over i are computed as such periodograms (Wiener-Khinchin,
 * one FFT per sample, {@code O(n D log D)}). {@code np.cov} subtracts the per-pixel sample mean
 * instead of m; for the zero-mean models of the papers both differ from the second moment by
 * {@code O(1/n)}.
 *
 * <p>Samples: class {@code label}, drawn in blocks from the streams
 * {@code RandomStreams.of(seed, label, block)}; the estimate is a pure function of its arguments.
 */
public final class EmpiricalCovariance {
    private EmpiricalCovariance() {
    }

    /**
     * The translation-averaged covariance of {@code samples} samples of class {@code label}.
     *
     * @param model   the data model (its geometry: {@link DataModel#dimension()} must be L or L^2
     *                for the {@code length} and {@code dims} given)
     * @param label   0 or 1
     * @param samples n >= 1
     * @param seed    seed of the sample streams
     * @param length  L of the model's ring or torus
     * @param dims    1 or 2
     */
    public static StationaryCovariance estimate(DataModel model, int label, int samples, long seed,
                                                int length, int dims) {
        Require.nonNull("model", model);
        Require.atLeast("length", length, 2);
        Require.inRange("dim", dims, 1, 2);
        int d = dims == 1 ? length : length * length;
        Require.that(model.dimension() == d, "model dimension", model.dimension(),
                "L^dim = " + d + " for L = " + length + ", dim = " + dims);
        Fft fft = new Fft(length);
        Fft.Workspace ws = fft.workspace();
        double[] power = new double[d];
        double[] re = new double[d];
        double[] im = new double[d];
        double[] total = {0};
        ClassSampling.forEachBlock(model, label, samples, seed, (block, rows) -> {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(block, r * d, re, 0, d);
                Arrays.fill(im, 0);
                for (int i = 0; i < d; i++) {
                    total[0] += re[i];
                }
                CirculantOperator.transform(fft, dims, re, im, false, ws);
                for (int k = 0; k < d; k++) {
                    power[k] += re[k] * re[k] + im[k] * im[k];
                }
            }
        });
        // sum_s sum_i x_si x_s,i+delta = (1/D) sum_k P_k exp(+2 pi i k delta / D): the inverse DFT of P
        double[] powerIm = new double[d];
        CirculantOperator.transform(fft, dims, power, powerIm, true, ws);
        double count = (double) samples * d;
        double mean = total[0] / count;
        double[] kernel = new double[d];
        for (int k = 0; k < d; k++) {
            kernel[k] = power[k] / d / count - mean * mean;
        }
        return new StationaryCovariance(length, dims, symmetrised(kernel, length, dims));
    }

    private static double[] symmetrised(double[] kernel, int length, int dims) {
        double[] out = new double[kernel.length];
        for (int k = 0; k < kernel.length; k++) {
            int mirror;
            if (dims == 1) {
                mirror = (length - k) % length;
            } else {
                int row = k / length;
                int col = k % length;
                mirror = ((length - row) % length) * length + (length - col) % length;
            }
            out[k] = 0.5 * (kernel[k] + kernel[mirror]);
        }
        return out;
    }
}
