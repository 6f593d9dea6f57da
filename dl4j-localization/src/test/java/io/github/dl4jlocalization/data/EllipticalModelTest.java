package io.github.dl4jlocalization.data;

import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EllipticalModelTest {

    /**
     * Unit variance and covariance C_xi for shell, extreme and t(5) (finite 4th moment, so the
     * estimator obeys the CLT). Tolerance 5 SE with the exact variance of the position-averaged
     * estimator for an elliptical law, {@link SampleStatistics#lagCovarianceVariance} with the
     * law's exact kurtosis (it includes the {@code (kappa/3 - 1) c^2} term from the radius shared
     * by all positions of a row).
     */
    @Test
    void covarianceIsExactlySquaredExponential() {
        int length = 16;
        int rows = 50_000;
        ClassPair xi = new ClassPair(1, 3);
        RadialLaw[] laws = {RadialLaw.shell(), RadialLaw.extreme(), RadialLaw.studentT(5)};
        for (int i = 0; i < laws.length; i++) {
            EllipticalModel model = new EllipticalModel(laws[i], xi, length, 1, Support.SYMMETRIC);
            double kappa = 3 + model.marginalExcessKurtosis(0).orElseThrow();
            for (int label = 0; label < 2; label++) {
                StationaryCovariance exact = model.covariance(label).orElseThrow();
                assertArrayEquals(Kernels.squaredExponential(length, 1, xi.of(label)).kernel(), exact.kernel(), 0);
                double[] x = SampleStatistics.draw(model, label, rows, 83 + 2 * i + label);
                for (int d = 0; d <= 3; d++) {
                    double se = Math.sqrt(SampleStatistics.lagCovarianceVariance(exact, d, kappa) / rows);
                    assertEquals(exact.get(d, 0), SampleStatistics.lagCovariance(x, exact, d, 0), 5 * se,
                            laws[i] + " label " + label + " d " + d);
                }
            }
        }
    }

    /**
     * Shell samples lie on the ellipsoid {@code x^T C^-1 x = D} (r = 1, normalised by sqrt(D));
     * extreme samples have {@code r = sqrt(x^T C^-1 x E[r^2]/D) >= 2}.
     */
    @Test
    void samplesLieOnTheirEllipsoids() {
        int length = 8;
        ClassPair xi = new ClassPair(1, 1);
        RealMatrix inverse = new LUDecomposition(MatrixUtils.createRealMatrix(
                Kernels.squaredExponential(length, 1, 1).toDense())).getSolver().getInverse();
        EllipticalModel shell = new EllipticalModel(RadialLaw.shell(), xi, length, 1, Support.SYMMETRIC);
        EllipticalModel extreme = new EllipticalModel(RadialLaw.extreme(), xi, length, 1, Support.SYMMETRIC);
        double[] a = SampleStatistics.draw(shell, 0, 200, 89);
        double[] b = SampleStatistics.draw(extreme, 0, 200, 97);
        double m2 = RadialLaw.extreme().secondMoment(length);
        for (int r = 0; r < 200; r++) {
            assertEquals(length, quadraticForm(inverse, a, r, length), 1e-9);
            assertTrue(Math.sqrt(quadraticForm(inverse, b, r, length) * m2 / length) >= 2 - 1e-9);
        }
    }

    private static double quadraticForm(RealMatrix inverse, double[] x, int row, int d) {
        double[] v = new double[d];
        System.arraycopy(x, row * d, v, 0, d);
        return MatrixUtils.createRealVector(v).dotProduct(inverse.operate(MatrixUtils.createRealVector(v)));
    }

    /**
     * Sample kurtosis of one coordinate of the shell law, D = 8: exact 3D/(D+2) - 3 = -0.6.
     * One coordinate per row (rows are independent; coordinates of a row are not). With
     * {@code x = sqrt(D) u_1}, {@code E[x^(2j)] = D^j prod_(i<j) (2i+1)/(D+2i)}: m4 = 2.4, m6 = 8,
     * m8 = 32; tolerance 5 SE from {@link SampleStatistics#kurtosisVariance} (0.054 at n = 40,000).
     */
    @Test
    void shellKurtosisIsExact() {
        int length = 8;
        int rows = 40_000;
        EllipticalModel shell = new EllipticalModel(RadialLaw.shell(), new ClassPair(1, 1), length, 1, Support.SYMMETRIC);
        assertEquals(-0.6, shell.marginalExcessKurtosis(0).orElseThrow(), 1e-15);
        double[] x = SampleStatistics.column(SampleStatistics.draw(shell, 0, rows, 101), length, 0);
        double se = Math.sqrt(SampleStatistics.kurtosisVariance(2.4, 8, 32) / rows);
        assertEquals(2.4, SampleStatistics.kurtosis(x, 0), 5 * se);
    }

    @Test
    void reportsNameDimensionAndDescription() {
        EllipticalModel model = new EllipticalModel(RadialLaw.studentT(3), DataModelConfig.DEFAULT_XI, 10, 2,
                Support.SYMMETRIC);
        assertEquals("elliptical", model.name());
        assertEquals(100, model.dimension());
        assertEquals(Double.POSITIVE_INFINITY, model.marginalExcessKurtosis(1).orElseThrow());
        assertTrue(model.description().contains("t(df=3.0)"), model.description());
    }
}
