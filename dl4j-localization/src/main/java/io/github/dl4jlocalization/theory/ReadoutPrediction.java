package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.StationaryCovariance;
import io.github.dl4jlocalization.util.Require;

/**
 * The two-layer check of Lufkin, Saxe &amp; Grant (2024) (docs/science.md 5.6, reference
 * {@code analyses/twolayer.py}): a network {@code y = v ReLU(w.x)} with one hidden unit and a
 * trained readout v, on the two-class task with {@code P(y = 1) = 1/2}. For fixed first-layer
 * weights w the MSE is quadratic in v, minimised at
 * <pre>  v* = E[y ReLU(w.x)] / E[ReLU(w.x)^2] = sqrt(2/pi) sqrt(w' Sigma_1 w) / (w' (Sigma_0 + Sigma_1) w)</pre>
 * using {@code E_c[ReLU(h)^2] = w' Sigma_c w / 2} (sign symmetry) and, treating {@code h = w.x}
 * as Gaussian under class 1, {@code E_1[ReLU(h)] = sqrt(w' Sigma_1 w / (2 pi))}. The reference
 * draws it as a dashed line against the trained v.
 */
public final class ReadoutPrediction {
    private ReadoutPrediction() {
    }

    /**
     * {@code v* = sqrt(2/pi) sqrt(w' Sigma_1 w) / (w' (Sigma_0 + Sigma_1) w)}.
     *
     * @param w      first-layer weights, length D, finite, not zero
     * @param sigma0 class-0 covariance, D = its dimension
     * @param sigma1 class-1 covariance, same geometry
     */
    public static double readout(double[] w, StationaryCovariance sigma0, StationaryCovariance sigma1) {
        Checks.sameGeometry(sigma0, sigma1);
        Checks.finiteVector("w", w, sigma1.dimension());
        double q0 = CirculantOperator.of(sigma0).quadraticForm(w);
        double q1 = CirculantOperator.of(sigma1).quadraticForm(w);
        Require.that(q1 > 0, "w' Sigma_1 w", q1, "> 0 (w must not be zero)");
        return Amplifier.SQRT_2_OVER_PI * Math.sqrt(q1) / (q0 + q1);
    }
}
