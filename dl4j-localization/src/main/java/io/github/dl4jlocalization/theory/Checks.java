package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.StationaryCovariance;
import io.github.dl4jlocalization.util.Require;

/** Argument checks shared by the effective-dynamics classes. */
final class Checks {
    private Checks() {
    }

    /** Requires both class covariances, on the same ring or torus. */
    static void sameGeometry(StationaryCovariance sigma0, StationaryCovariance sigma1) {
        Require.nonNull("sigma0 (class-0 covariance)", sigma0);
        Require.nonNull("sigma1 (class-1 covariance)", sigma1);
        Require.that(sigma0.length() == sigma1.length() && sigma0.dims() == sigma1.dims(), "sigma0 geometry",
                "L=" + sigma0.length() + ", dim=" + sigma0.dims(),
                "that of sigma1 (L=" + sigma1.length() + ", dim=" + sigma1.dims() + ")");
    }

    /** Requires a vector of length d with finite entries, naming a bad entry by its index. */
    static void finiteVector(String name, double[] w, int d) {
        Require.nonNull(name, w);
        Require.that(w.length == d, name + ".length", w.length, "D = " + d);
        for (int i = 0; i < w.length; i++) {
            Require.finite(name + "[" + i + "]", w[i]);
        }
    }
}
