package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NlgpCloneModelTest {

    @Test
    void covarianceIsExactlyNlgpCovarianceAndKurtosisZero() {
        for (int dims = 1; dims <= 2; dims++) {
            ClassPair xi = new ClassPair(1, 3);
            NlgpModel nlgp = new NlgpModel(3, xi, 12, dims, Support.SYMMETRIC);
            NlgpCloneModel clone = new NlgpCloneModel(3, xi, 12, dims, Support.SYMMETRIC);
            assertEquals("nlgp-clone", clone.name());
            assertEquals(nlgp.dimension(), clone.dimension());
            for (int label = 0; label < 2; label++) {
                assertArrayEquals(nlgp.covariance(label).orElseThrow().kernel(),
                        clone.covariance(label).orElseThrow().kernel(), 1e-15);
                assertEquals(0, clone.marginalExcessKurtosis(label).orElseThrow());
            }
        }
    }

    /**
     * Samples have the NLGP covariance (table: xi = 1, g = 3, d = 1: 0.28595). The clone is
     * Gaussian, so the estimator's exact variance is Isserlis' ({@link
     * SampleStatistics#lagCovarianceVariance} with kappa = 3); tolerance 5 standard errors.
     */
    @Test
    void sampleCovarianceMatchesNlgpCovariance() {
        int rows = 20_000;
        NlgpCloneModel clone = new NlgpCloneModel(3, new ClassPair(1, 3), 40, 1, Support.SYMMETRIC);
        for (int label = 0; label < 2; label++) {
            StationaryCovariance exact = clone.covariance(label).orElseThrow();
            double[] x = SampleStatistics.draw(clone, label, rows, 31 + label);
            for (int d = 0; d <= 4; d++) {
                double se = Math.sqrt(SampleStatistics.lagCovarianceVariance(exact, d, 3) / rows);
                assertEquals(exact.get(d, 0), SampleStatistics.lagCovariance(x, exact, d, 0), 5 * se,
                        "label " + label + " d " + d);
            }
        }
    }

    /**
     * Gaussian marginals: sample kurtosis 3 with estimator variance 24/n; xi = 0.1 makes the sites
     * independent (C(1) = e^-100), n = 200,000 values, 5 SE = 0.055.
     */
    @Test
    void sampleKurtosisIsGaussian() {
        NlgpCloneModel clone = new NlgpCloneModel(3, new ClassPair(0.1, 0.1), 40, 1, Support.SYMMETRIC);
        double[] x = SampleStatistics.draw(clone, 0, 5_000, 37);
        assertEquals(3, SampleStatistics.kurtosis(x, 0), 5 * Math.sqrt(24.0 / x.length));
    }
}
