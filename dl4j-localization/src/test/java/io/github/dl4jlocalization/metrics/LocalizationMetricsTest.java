package io.github.dl4jlocalization.metrics;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;

import static io.github.dl4jlocalization.metrics.LocalizationMetrics.circularPosition;
import static io.github.dl4jlocalization.metrics.LocalizationMetrics.fractionAbove;
import static io.github.dl4jlocalization.metrics.LocalizationMetrics.histogramEntropy;
import static io.github.dl4jlocalization.metrics.LocalizationMetrics.ipr;
import static io.github.dl4jlocalization.metrics.LocalizationMetrics.iprPerUnit;
import static io.github.dl4jlocalization.metrics.LocalizationMetrics.linearPosition;
import static io.github.dl4jlocalization.metrics.LocalizationMetrics.receptiveFields;
import static io.github.dl4jlocalization.metrics.LocalizationMetrics.rmsDistance;
import static io.github.dl4jlocalization.metrics.LocalizationMetrics.signedPeak;
import static io.github.dl4jlocalization.metrics.LocalizationMetrics.signedPeaks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalizationMetricsTest {
    private static final int D = 40;

    @Test
    void iprOfOneHotIsOneAndOfConstantIsOneOverD() {
        double[] oneHot = new double[D];
        oneHot[17] = -2.5;
        assertEquals(1, ipr(oneHot), 1e-15);
        double[] constant = new double[D];
        Arrays.fill(constant, 0.3);
        assertEquals(1.0 / D, ipr(constant), 1e-15);
    }

    @Test
    void iprOfSingleFourierModeIsThreeOverTwoD() {
        for (int k : new int[] {1, 2, 3, 7, 11, 19}) {
            for (double phi : new double[] {0, 0.4, -1.3}) {
                assertEquals(3.0 / (2 * D), ipr(mode(k, phi)), 1e-15, "k=" + k + " phi=" + phi);
            }
        }
    }

    @Test
    void iprOfModeAtQuarterFrequencyDependsOnPhase() {
        // 4k = D: sum cos^4 picks up D cos(4 phi) / 8, so IPR = (3 + cos 4phi) / (2D)
        assertEquals(2.0 / D, ipr(mode(D / 4, 0)), 1e-15);
        assertEquals((3 + Math.cos(4 * 0.3)) / (2 * D), ipr(mode(D / 4, 0.3)), 1e-15);
    }

    private static double[] mode(int k, double phi) {
        double[] w = new double[D];
        for (int i = 0; i < D; i++) {
            w[i] = 0.7 * Math.cos(2 * Math.PI * k * i / D + phi);
        }
        return w;
    }

    @Test
    void meanIprOfGaussianVectorsIsThreeOverDPlusTwo() {
        // w = r u with u uniform on the sphere, so IPR = sum u_i^4 and E[IPR] = D * 3/(D(D+2)) exactly.
        // Tolerance: 5 standard errors of the mean of n i.i.d. IPRs, from their sample sd.
        int n = 4000;
        SplittableRandom random = new SplittableRandom(20240101L);
        double sum = 0;
        double sumSq = 0;
        double[] w = new double[D];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < D; i++) {
                w[i] = random.nextGaussian();
            }
            double v = ipr(w);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        double sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
        double tolerance = 5 * sd / Math.sqrt(n);
        assertEquals(3.0 / (D + 2), mean, tolerance);
        // and it separates the Gaussian value from the single-mode value 3/(2D)
        assertTrue(Math.abs(3.0 / (2 * D) - mean) > 20 * tolerance);
    }

    @Test
    void iprOfZeroVectorIsNaNAndBadInputIsRejected() {
        assertTrue(Double.isNaN(ipr(new double[5])));
        assertMessage("w must be given, got null", () -> ipr(null));
        assertMessage("w must be a non-empty vector, got length 0", () -> ipr(new double[0]));
        assertMessage("w[2] must be a finite number, got NaN", () -> ipr(new double[] {1, 2, Double.NaN}));
        assertMessage("w[0] must be a finite number, got Infinity",
                () -> ipr(new double[] {Double.POSITIVE_INFINITY}));
    }

    @Test
    void iprIsScaleFreeFarOutsideTheRangeOfFourthPowers() {
        double[] w = {0.3, -1.2, 0.05, 2.0, -0.7};
        double reference = ipr(w);
        // 1e200^4 overflows and 1e-200^2 underflows: both are evaluated on w / max|w|
        for (double scale : new double[] {1e200, 1e80, 1e-80, 1e-200, 1e-300}) {
            double[] scaled = Arrays.stream(w).map(v -> v * scale).toArray();
            assertEquals(reference, ipr(scaled), 1e-14 * reference, "scale " + scale);
        }
        assertEquals(1.0, ipr(new double[] {0, 1e-170, 0}));
        assertEquals(0.5, ipr(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE}));
    }

    @Test
    void rmsDistanceOfHugeWeightsIsFinite() {
        double[] a = {1e300, -2e300, 0};
        double[] b = {-1e300, 2e300, 3e300};
        // sqrt((4 + 16 + 9) / 3) * 1e300, where the squares themselves overflow
        assertEquals(Math.sqrt(29.0 / 3) * 1e300, rmsDistance(a, b), 1e-15 * 1e301);
        assertEquals(Math.sqrt(29.0 / 3), rmsDistance(new double[] {1, -2, 0}, new double[] {-1, 2, 3}), 1e-15);
    }

    @Test
    void perFieldIprAndSignedPeaksOfEveryField() {
        double[][] fields = {{0, 0, -3, 1}, {1, 1, 1, 1}, {0, 2, 0, 0}};
        assertArrayEquals(new double[] {ipr(fields[0]), 0.25, 1}, iprPerUnit(fields));
        assertArrayEquals(new SignedPeak[] {new SignedPeak(2, -1), new SignedPeak(0, 1), new SignedPeak(1, 1)},
                signedPeaks(fields));
        assertEquals(0, iprPerUnit(new double[0][]).length);
        assertMessage("fields must be given, got null", () -> signedPeaks(null));
    }

    @Test
    void receptiveFieldOfUnitKIsColumnK() {
        // D = 4 inputs, K = 2 units: unit 0 one-hot at input 2, unit 1 constant
        INDArray w = Nd4j.create(new double[][] {{0, 1}, {0, 1}, {3, 1}, {0, 1}});
        double[][] fields = receptiveFields(w);
        assertArrayEquals(new double[] {0, 0, 3, 0}, fields[0]);
        assertArrayEquals(new double[] {1, 1, 1, 1}, fields[1]);
        assertArrayEquals(new double[] {1, 0.25}, iprPerUnit(w), 1e-15);
        assertArrayEquals(new double[] {1, 0.25}, iprPerUnit(w.castTo(DataType.FLOAT)), 1e-7);
    }

    @Test
    void denseLayerWeightMatrixIsInputsByUnits() {
        int nIn = 6;
        int nOut = 3;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(nOut).build())
                .build());
        net.init();
        INDArray w = net.getParam("0_W");
        assertArrayEquals(new long[] {nIn, nOut}, w.shape());
        double[][] fields = receptiveFields(w);
        assertEquals(nOut, fields.length);
        for (int k = 0; k < nOut; k++) {
            for (int i = 0; i < nIn; i++) {
                assertEquals(w.getDouble(i, k), fields[k][i]);
            }
        }
        // unit 1's receptive field: the weights from every input into output 1
        INDArray localized = Nd4j.zeros(DataType.DOUBLE, nIn, nOut).addi(0.01);
        localized.putScalar(4, 1, 5.0);
        net.setParam("0_W", localized);
        double[] ipr = iprPerUnit(net.getParam("0_W"));
        assertEquals(1.0 / nIn, ipr[0], 1e-15);
        assertTrue(ipr[1] > 0.99);
        // 1/nIn = 0.167 is above 0.15: with threshold 0.2 only unit 1 counts as localized
        assertEquals(1.0, fractionAbove(ipr, 0.15));
        assertEquals(1.0 / 3, fractionAbove(ipr, 0.2));
    }

    @Test
    void matrixAdaptersRejectBadShapesAndValues() {
        assertMessage("weights must be a non-empty rank-2 matrix, got [3]",
                () -> iprPerUnit(Nd4j.create(new double[] {1, 2, 3})));
        assertMessage("weights must be given, got null", () -> receptiveFields(null));
        INDArray w = Nd4j.ones(DataType.DOUBLE, 3, 2);
        w.putScalar(2, 1, Double.NaN);
        assertMessage("weights[2, 1] must be a finite number, got NaN", () -> iprPerUnit(w));
    }

    @Test
    void fractionAboveCountsStrictlyAboveAndNotNaN() {
        assertEquals(0.5, fractionAbove(new double[] {0.05, 0.1, 0.2, 0.9}, 0.1));
        assertEquals(0.25, fractionAbove(new double[] {Double.NaN, 0.2, 0.01, 0.1}, 0.1));
        assertMessage("threshold must be a finite number, got NaN", () -> fractionAbove(new double[] {1}, Double.NaN));
        assertMessage("values.length must be an integer >= 1, got 0", () -> fractionAbove(new double[0], 0.1));
    }

    @Test
    void signedPeakIsFirstLargestMagnitudeWithItsSign() {
        assertEquals(new SignedPeak(1, -1), signedPeak(new double[] {0.1, -0.9, 0.5}));
        assertEquals(new SignedPeak(0, 1), signedPeak(new double[] {0.5, -0.5, 0.2}));
        assertEquals(new SignedPeak(2, 1), signedPeak(new double[] {-0.1, 0.2, 0.3}));
        assertEquals(new SignedPeak(0, 0), signedPeak(new double[3]));
        assertEquals(-1, signedPeak(new double[] {0.1, -0.9, 0.5}).encoded());
    }

    @Test
    void linearPositionOfDeltaAndInteriorBump() {
        double[] delta = new double[D];
        delta[7] = -1.5;
        assertEquals(new LinearPosition(7, 0), linearPosition(delta));
        // p_i ∝ exp(-(i - c)^2 / (2 s^2)): mean c, variance s^2 up to exp(-2 pi^2 s^2) (Poisson summation)
        // and the tails beyond the ring, exp(-(D/2)^2 / (2 s^2)); both < 1e-20 here
        LinearPosition p = linearPosition(bump(20.3, 2));
        assertEquals(20.3, p.mean(), 1e-12);
        assertEquals(4, p.variance(), 1e-12);
        assertEquals(2, p.standardDeviation(), 1e-12);
        assertTrue(Double.isNaN(linearPosition(new double[4]).mean()));
    }

    @Test
    void circularPositionOfDeltaAndInteriorBump() {
        for (int at : new int[] {0, 7, D - 1}) {
            double[] delta = new double[D];
            delta[at] = 2;
            CircularPosition p = circularPosition(delta);
            assertEquals(at, p.mean(), 1e-12);
            assertEquals(1, p.resultantLength(), 1e-15);
            assertEquals(0, p.standardDeviation(), 1e-12);
        }
        CircularPosition p = circularPosition(bump(20.3, 2));
        assertEquals(20.3, p.mean(), 1e-12);
        assertEquals(2, p.standardDeviation(), 1e-12);
    }

    @Test
    void onlyCircularPositionLocatesBumpAcrossTheBoundary() {
        // centred between pixels D-1 and 0: half the mass near 0, half near D-1
        double[] w = bump(D - 0.5, 2);
        CircularPosition circular = circularPosition(w);
        assertEquals(D - 0.5, circular.mean(), 1e-12);
        assertEquals(2, circular.standardDeviation(), 1e-12);
        assertEquals(Math.exp(-0.5 * Math.pow(2 * Math.PI * 2 / D, 2)), circular.resultantLength(), 1e-14);
        LinearPosition linear = linearPosition(w);
        assertTrue(Math.abs(linear.mean() - D / 2.0) < 1, "linear mean " + linear.mean());
        assertTrue(linear.standardDeviation() > D / 3.0, "linear sd " + linear.standardDeviation());
    }

    @Test
    void circularPositionOfEvenlySpreadWeightHasNoResultant() {
        double[] constant = new double[D];
        Arrays.fill(constant, 1);
        CircularPosition p = circularPosition(constant);
        assertTrue(p.resultantLength() < 1e-14);
        assertTrue(p.standardDeviation() > D);
        assertTrue(Double.isNaN(circularPosition(new double[D]).mean()));
    }

    /** {@code w_i = exp(-d(i, c)^2 / (4 s^2))} with the ring distance d, so {@code p_i ∝ exp(-d^2/(2 s^2))}. */
    private static double[] bump(double centre, double s) {
        double[] w = new double[D];
        for (int i = 0; i < D; i++) {
            double d = Math.abs(i - centre) % D;
            d = Math.min(d, D - d);
            w[i] = Math.exp(-d * d / (4 * s * s));
        }
        return w;
    }

    @Test
    void histogramEntropyOfKnownHistograms() {
        assertEquals(0, histogramEntropy(new double[] {0.01, 0.02, 0.05, 0.099}));
        assertEquals(1, histogramEntropy(new double[] {0.01, 0.02, 0.51, 0.52}), 1e-15);
        assertEquals(2, histogramEntropy(new double[] {-3.05, 0.01, 0.51, 9.95}), 1e-15);
        double threeToOne = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2);
        assertEquals(threeToOne, histogramEntropy(new double[] {0.3, 0.3, 0.3, -0.3}), 1e-15);
    }

    @Test
    void histogramEntropyEdgesAndOverflowBins() {
        // [-10, -9.9) is the first regular bin, -10 belongs to it
        assertEquals(0, histogramEntropy(new double[] {-10, -9.95}));
        // 0 is an edge: -1e-300 and 0 fall in neighbouring bins
        assertEquals(1, histogramEntropy(new double[] {-1e-300, 0}), 1e-15);
        // underflow (< -10) and overflow (>= 10) are two separate bins
        assertEquals(0, histogramEntropy(new double[] {-11, -50}));
        assertEquals(0, histogramEntropy(new double[] {10, 12}));
        assertEquals(1, histogramEntropy(new double[] {-11, 12}), 1e-15);
        assertEquals(1, histogramEntropy(new double[] {9.999999, 10}), 1e-15);
        // general form: bins [0,1), [1,2), [2,3) plus under/overflow: five values, five bins
        assertEquals(Math.log(5) / Math.log(2),
                histogramEntropy(new double[] {-1, 0.5, 1.5, 2.5, 3}, 0, 1, 3), 1e-15);
        assertMessage("width must be a finite number > 0, got 0.0",
                () -> histogramEntropy(new double[] {1}, 0, 0, 3));
        assertMessage("bins must be an integer >= 1, got 0", () -> histogramEntropy(new double[] {1}, 0, 1, 0));
        assertMessage("values[1] must be a finite number, got NaN",
                () -> histogramEntropy(new double[] {1, Double.NaN}));
    }

    @Test
    void rmsDistanceIsRootMeanSquare() {
        assertEquals(Math.sqrt(4.0 / 3), rmsDistance(new double[] {1, 2, 3}, new double[] {1, 2, 5}), 1e-15);
        assertEquals(0, rmsDistance(new double[] {1, -2}, new double[] {1, -2}));
        assertMessage("b.length must be a.length = 3, got 2",
                () -> rmsDistance(new double[] {1, 2, 3}, new double[] {1, 2}));
    }

    static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }
}
