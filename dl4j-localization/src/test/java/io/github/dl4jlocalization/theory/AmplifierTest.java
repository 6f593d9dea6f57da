package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.EllipticalModel;
import io.github.dl4jlocalization.data.IsingModel;
import io.github.dl4jlocalization.data.KurModel;
import io.github.dl4jlocalization.data.Marginal;
import io.github.dl4jlocalization.data.NlgpCloneModel;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.data.PulseModel;
import io.github.dl4jlocalization.data.RadialLaw;
import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.data.StationaryCovariance;
import io.github.dl4jlocalization.data.Support;
import io.github.dl4jlocalization.math.PointwiseTransform;
import io.github.dl4jlocalization.math.Quadrature;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmplifierTest {
    private static final double[] A = {0.1, 0.3, 0.5, 0.7, 0.9};
    /** Half a unit in the 5th decimal: the rounding of docs/science.md 5.2's table. */
    private static final double TABLE_ROUNDING = 5e-6;
    private static final ClassPair XI = new ClassPair(1, 3);

    private static void assertRow(Amplifier phi, double[] expected) {
        for (int i = 0; i < A.length; i++) {
            if (!Double.isNaN(expected[i])) {
                assertEquals(expected[i], phi.value(A[i]), TABLE_ROUNDING, phi + " at a=" + A[i]);
            }
        }
    }

    /** docs/science.md 5.2 reference table, to its 5 decimals. */
    @Test
    void referenceTable() {
        assertRow(Amplifier.gaussian(), new double[] {0.07979, 0.23937, 0.39894, 0.55852, 0.71810});
        assertRow(Amplifier.binary(), new double[] {0.08006, 0.24685, 0.43630, 0.67301, 0.96105});
        assertRow(Amplifier.forModel(new NlgpModel(3, XI, 40)),
                new double[] {0.08003, Double.NaN, 0.43253, Double.NaN, 0.91121});
        assertRow(Amplifier.taylor(1), new double[] {0.08005, 0.24655, 0.43219, 0.64974, 0.91198});
        assertRow(Amplifier.fig3Cubic(1), new double[] {0.08012, 0.24837, 0.44061, 0.67285, 0.96110});
    }

    @Test
    void polynomialFormsAndDerivatives() {
        double s = Math.sqrt(2 / Math.PI);
        for (double kappa : new double[] {1, 1.166, 3, 7.29}) {
            Amplifier taylor = Amplifier.taylor(kappa);
            Amplifier fig3 = Amplifier.fig3Cubic(kappa);
            for (double a : new double[] {-0.8, -0.2, 0.4, 0.95}) {
                assertEquals(s * (a - (kappa - 3) / 6 * a * a * a), taylor.value(a), 1e-15);
                assertEquals(s * (1 - (kappa - 3) / 2 * a * a), taylor.derivative(a), 1e-15);
                assertEquals(s * a + (3 - kappa) / 6 * a * a * a, fig3.value(a), 1e-15);
            }
        }
        assertEquals(0.7 * 0.4, Amplifier.linear(0.7).value(0.4), 1e-16);
        for (double a : new double[] {0.3, 0.9}) {
            assertEquals(Amplifier.gaussian().value(a), Amplifier.taylor(3).value(a), 1e-16, "kappa = 3 is Gaussian");
        }
    }

    /**
     * The Taylor form is the expansion of the exact amplifier to third order: the remainder is
     * O(a^5), so halving a divides it by about 2^5 = 32 (between 25 and 40 allows the next, a^7,
     * term). Checked for the binary law (kappa = 1) and NLGP g = 3 (kappa from quadrature).
     */
    @Test
    void taylorFormIsThirdOrderExpansion() {
        Amplifier[] exact = {Amplifier.binary(), Amplifier.forModel(new NlgpModel(3, XI, 40))};
        double[] kappa = {1, 3 + NlgpModel.excessKurtosis(3)};
        for (int m = 0; m < exact.length; m++) {
            Amplifier taylor = Amplifier.taylor(kappa[m]);
            double r1 = exact[m].value(0.2) - taylor.value(0.2);
            double r2 = exact[m].value(0.1) - taylor.value(0.1);
            double ratio = r1 / r2;
            assertTrue(ratio > 25 && ratio < 40, exact[m] + ": remainder ratio " + ratio);
        }
    }

    /** Transforms of the project's marginals, for the shape and accuracy checks. */
    private static PointwiseTransform[] marginals() {
        return new PointwiseTransform[] {
            NlgpModel.marginalTransform(0.1), NlgpModel.marginalTransform(3), NlgpModel.marginalTransform(100),
            Marginal.algebraic(4.1).transform(), Marginal.algebraic(5).transform(), Marginal.algebraic(50).transform(),
            Marginal.laplace().transform(), Marginal.uniform().transform()};
    }

    private static final String[] MARGINAL_NAMES = {"nlgp 0.1", "nlgp 3", "nlgp 100", "kur 4.1", "kur 5", "kur 50",
        "laplace", "uniform"};

    /**
     * The tabulated quadrature amplifier equals the exact quadrature to 1e-10 on random a, a
     * near +-1 and beyond the table's ends; and its derivative matches a central difference of
     * the exact value (step 1e-5: truncation ~1e-10 |phi'''|, rounding ~1e-16/1e-5).
     */
    @Test
    void tabulationMatchesQuadrature() {
        PointwiseTransform[] t = marginals();
        SplittableRandom random = new SplittableRandom(11);
        for (int m = 0; m < t.length; m++) {
            MarginalAmplifier exact = new MarginalAmplifier(t[m], MARGINAL_NAMES[m]);
            Amplifier table = Amplifier.tabulated(exact, Amplifier.QUADRATURE_CELLS);
            for (int i = 0; i < 60; i++) {
                double a = i < 40 ? random.nextDouble(-1, 1)
                        : Math.copySign(1 - Math.pow(10, -random.nextDouble(1, 10)), random.nextDouble(-1, 1));
                assertEquals(exact.value(a), table.value(a), 1e-10, MARGINAL_NAMES[m] + " at a=" + a);
            }
            for (double a : new double[] {-0.95, 0.2, 0.7}) {
                double h = 1e-5;
                double difference = (exact.value(a + h) - exact.value(a - h)) / (2 * h);
                assertEquals(difference, exact.derivative(a), 1e-8, MARGINAL_NAMES[m] + " phi'(" + a + ")");
            }
        }
        Amplifier binary = Amplifier.binary();
        for (double a : new double[] {-0.95, 0.2, 0.7}) {
            double h = 1e-5;
            assertEquals((binary.value(a + h) - binary.value(a - h)) / (2 * h), binary.derivative(a), 1e-8);
        }
    }

    /**
     * Shape: odd, increasing, 0 at 0, {@code phi(+-1) = +-E|X|} with {@code E|X| <= 1} (unit
     * variance), and above the Gaussian line exactly when the excess kurtosis is negative (near
     * a = 0, where the Taylor form decides).
     */
    @Test
    void amplifiersAreOddIncreasingAndBounded() {
        PointwiseTransform[] t = marginals();
        double[] excess = {NlgpModel.excessKurtosis(0.1), NlgpModel.excessKurtosis(3), NlgpModel.excessKurtosis(100),
            Marginal.algebraic(4.1).excessKurtosis(), Marginal.algebraic(5).excessKurtosis(),
            Marginal.algebraic(50).excessKurtosis(), 3, -1.2};
        for (int m = 0; m < t.length; m++) {
            MarginalAmplifier exact = new MarginalAmplifier(t[m], MARGINAL_NAMES[m]);
            Amplifier phi = Amplifier.tabulated(exact, 512);
            double meanAbs = exact.meanAbsoluteValue();
            assertTrue(meanAbs > 0 && meanAbs <= 1, MARGINAL_NAMES[m] + " E|X| = " + meanAbs);
            assertEquals(meanAbs, phi.value(1), 0);
            assertEquals(-meanAbs, phi.value(-1), 0);
            assertEquals(0, phi.value(0), 1e-15);
            double previous = -meanAbs;
            for (int i = -99; i <= 99; i++) {
                double a = i / 100.0;
                double v = phi.value(a);
                assertEquals(-v, phi.value(-a), 1e-14, MARGINAL_NAMES[m] + " odd at " + a);
                assertTrue(v > previous && Math.abs(v) <= meanAbs, MARGINAL_NAMES[m] + " at " + a);
                previous = v;
            }
            double gap = phi.value(0.2) - Amplifier.gaussian().value(0.2);
            assertEquals(Math.signum(-excess[m]), Math.signum(gap), MARGINAL_NAMES[m] + " gap " + gap);
        }
    }

    /**
     * Monte Carlo against quadrature for NLGP(3). xi = 0.1 makes the field white to double precision
     * (C(1) = e^-100), so the N = n D values are independent and the estimator's variance is
     * {@code (E[Y^2] - phi^2)/N} with {@code Y = X erf(cX)}, {@code E[Y^2]} by quadrature over z.
     * Tolerance: 5 standard errors (at a = 0.5, 5 SE = 0.0025 against a gap of 0.034 to the
     * Gaussian value).
     */
    @Test
    void monteCarloMatchesQuadrature() {
        int samples = 5000;
        int length = 40;
        NlgpModel model = new NlgpModel(3, new ClassPair(0.1, 0.1), length);
        Amplifier mc = Amplifier.monteCarlo(model, samples, 7);
        Amplifier quadrature = Amplifier.forModel(model);
        PointwiseTransform t = NlgpModel.marginalTransform(3);
        double n = (double) samples * length;
        for (double a : A) {
            double c = a / Math.sqrt(2 * (1 - a * a));
            double second = 2 / Math.sqrt(2 * Math.PI) * Quadrature.integrate(z -> {
                double x = t.apply(z);
                double y = x * Erf.erf(c * x);
                return y * y * Math.exp(-0.5 * z * z);
            }, 0, 13, 1e-12);
            double phi = quadrature.value(a);
            double se = Math.sqrt((second - phi * phi) / n);
            assertEquals(phi, mc.value(a), 5 * se, "a=" + a);
        }
    }

    /** Ising spins are +-1: the Monte Carlo amplifier pools them into one |x| and is the binary form. */
    @Test
    void monteCarloOfSpinsIsBinary() {
        SampleAmplifier mc = SampleAmplifier.draw(new IsingModel(new ClassPair(0.3, 0.7), 12), 50, 3);
        assertEquals(1, mc.distinctMagnitudes());
        for (double a : new double[] {-1, -0.6, 0.1, 0.99, 1}) {
            assertEquals(Amplifier.binary().value(a), mc.value(a), 1e-15);
        }
        assertEquals(Amplifier.binary().derivative(0.4), mc.derivative(0.4), 1e-15);
    }

    @Test
    void forModelChoosesTheExactForm() {
        assertInstanceOf(BinaryAmplifier.class, Amplifier.forModel(new IsingModel(new ClassPair(0.3, 0.7), 40)));
        assertInstanceOf(BinaryAmplifier.class,
                Amplifier.forModel(new PulseModel(PulseModel.DEFAULT_FRACTIONS, 0.05, 40, Support.SYMMETRIC)));
        assertInstanceOf(BinaryAmplifier.class,
                Amplifier.forModel(new KurModel(Marginal.binary(), XI, 40, 1, Support.SYMMETRIC)));
        assertEquals(Amplifier.gaussian(), Amplifier.forModel(new NlgpCloneModel(3, XI, 40, 1, Support.SYMMETRIC)));
        assertEquals(Amplifier.gaussian(),
                Amplifier.forModel(new KurModel(Marginal.gaussian(), XI, 40, 1, Support.SYMMETRIC)));
        Amplifier kur5 = Amplifier.forModel(new KurModel(5, XI, 40));
        MarginalAmplifier exact = new MarginalAmplifier(Marginal.algebraic(5).transform(), "k=5");
        assertEquals(exact.value(0.6), kur5.value(0.6), 1e-10);
        assertTrue(kur5.value(0.6) < Amplifier.gaussian().value(0.6), "positive excess kurtosis: sub-linear");
    }

    /** The papers' support only: a shifted or scaled support breaks the sign symmetry or unit variance. */
    @Test
    void forModelRejectsOtherSupports() {
        assertEquals("support must be (-1, 1) for the effective dynamics (zero-mean, sign-symmetric, unit-variance "
                        + "marginals), got (0.0, 1.0)",
                assertThrows(IllegalArgumentException.class, () -> Amplifier.forModel(new PulseModel(40))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Amplifier.forModel(new NlgpModel(3, XI, 40, 1, new Support(-2, 2))));
        assertThrows(IllegalArgumentException.class,
                () -> Amplifier.forModel(new IsingModel(XI, 40, IsingModel.Sampler.EXACT, 10, Support.UNIT)));
    }

    /**
     * Elliptical laws: the amplifier is linear with slope E|X| (the exact {@code E[1(w.x>=0)x]},
     * docs/science.md 2.8). Closed forms: shell {@code sqrt(D) E|u_1|}; Student t
     * {@code sqrt(df-2) Gamma((df-1)/2)/(sqrt(pi) Gamma(df/2))}, 2/pi at df = 3 for every D,
     * {@code -> sqrt(2/pi)} as df grows.
     */
    @Test
    void ellipticalAmplifierIsLinearWithSlopeMeanAbsoluteValue() {
        int length = 40;
        double meanAbsU = Math.exp(Gamma.logGamma(20) - Gamma.logGamma(20.5)) / Math.sqrt(Math.PI);
        assertEquals(Math.sqrt(length) * meanAbsU, slope(RadialLaw.shell(), length), 1e-13);
        assertEquals(2 / Math.PI, slope(RadialLaw.studentT(3), length), 1e-13);
        assertEquals(2 / Math.PI, slope(RadialLaw.studentT(3), 7), 1e-13);
        assertEquals(Math.sqrt(2 / Math.PI), slope(RadialLaw.studentT(1e7), length), 1e-7);
        Amplifier phi = Amplifier.forModel(new EllipticalModel(RadialLaw.extreme(), XI, length, 1, Support.SYMMETRIC));
        assertEquals(0.3 * phi.value(1), phi.value(0.3), 1e-15);
    }

    private static double slope(RadialLaw law, int length) {
        return Amplifier.forModel(new EllipticalModel(law, XI, length, 1, Support.SYMMETRIC)).value(1);
    }

    /**
     * The elliptical slope E|X| against the sample mean of |x_0| (one value per sample, so the n
     * values are independent; {@code Var|X| = E[X^2] - E|X|^2 = 1 - E|X|^2} exactly). 5 SE.
     */
    @Test
    void ellipticalSlopeMatchesSamples() {
        int samples = 20_000;
        EllipticalModel model = new EllipticalModel(RadialLaw.extreme(), XI, 40, 1, Support.SYMMETRIC);
        double slope = model.meanAbsoluteValue();
        double[] x = new double[samples * 40];
        model.sample(1, samples, x, 0, RandomStreams.of(5, 0));
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            sum += Math.abs(x[s * 40]);
        }
        double se = Math.sqrt((1 - slope * slope) / samples);
        assertEquals(slope, sum / samples, 5 * se);
    }

    /**
     * A model the factory does not know gets the tabulated Monte Carlo amplifier of its samples:
     * here a wrapper of a white Gaussian field (xi = 0.1, so the 2000 x 10 values are independent),
     * whose amplifier is the Gaussian line; {@code Var(X erf(cX)) <= E[X^2] = 1}, 5 SE.
     */
    @Test
    void unknownModelGetsMonteCarlo() {
        DataModel gaussian = new NlgpCloneModel(0.01, new ClassPair(0.1, 0.1), 10, 1, Support.SYMMETRIC);
        DataModel wrapper = new DataModel() {
            @Override
            public String name() {
                return "wrapper";
            }

            @Override
            public int dimension() {
                return gaussian.dimension();
            }

            @Override
            public void sample(int label, int count, double[] out, int row, RandomGenerator random) {
                gaussian.sample(label, count, out, row, random);
            }

            @Override
            public Optional<StationaryCovariance> covariance(int label) {
                return Optional.empty();
            }

            @Override
            public OptionalDouble marginalExcessKurtosis(int label) {
                return OptionalDouble.empty();
            }

            @Override
            public String description() {
                return "wrapper of " + gaussian.description();
            }
        };
        Amplifier phi = Amplifier.forModel(wrapper);
        assertInstanceOf(TabulatedAmplifier.class, phi);
        double tolerance = 5 / Math.sqrt(Amplifier.MONTE_CARLO_SAMPLES * 10.0);
        for (double a : A) {
            assertEquals(Amplifier.gaussian().value(a), phi.value(a), tolerance, "a=" + a);
        }
    }

    @Test
    void tabulatedAmplifierSurvivesSerialisation() throws Exception {
        Amplifier phi = Amplifier.forModel(new NlgpModel(3, XI, 40));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(phi);
        }
        Amplifier copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Amplifier) in.readObject();
        }
        for (double a : new double[] {-1, -0.3, 0.5, 1 - 1e-9}) {
            assertEquals(phi.value(a), copy.value(a), 0);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.5, -1.0000001, Double.NaN})
    void valueRejectsArgumentsOutsideTheClosedInterval(double a) {
        for (Amplifier phi : new Amplifier[] {Amplifier.gaussian(), Amplifier.binary(), Amplifier.taylor(2)}) {
            assertEquals("a must be a number in [-1, 1], got " + a,
                    assertThrows(IllegalArgumentException.class, () -> phi.value(a)).getMessage());
        }
    }

    @Test
    void derivativeRejectsTheEnds() {
        assertEquals("a must be a number in (-1, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> Amplifier.binary().derivative(1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Amplifier.gaussian().derivative(-1));
    }

    @ParameterizedTest
    @CsvSource({
        "taylor, 0.5, 'kurtosis must be a finite number >= 1 (E[X^4] of a unit-variance law), got 0.5'",
        "fig3, NaN, 'kurtosis must be a finite number >= 1 (E[X^4] of a unit-variance law), got NaN'",
        "linear, 0, 'slope must be a finite number > 0, got 0.0'"})
    void factoriesRejectBadParameters(String factory, double value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            switch (factory) {
                case "taylor" -> Amplifier.taylor(value);
                case "fig3" -> Amplifier.fig3Cubic(value);
                default -> Amplifier.linear(value);
            }
        });
        assertEquals(message, e.getMessage());
    }

    @Test
    void otherFactoriesRejectBadParameters() {
        assertEquals("cells must be an integer >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> Amplifier.tabulated(Amplifier.binary(), 1))
                        .getMessage());
        assertEquals("amplifier must be given, got null",
                assertThrows(IllegalArgumentException.class, () -> Amplifier.tabulated(null, 8)).getMessage());
        assertEquals("samples must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> Amplifier.monteCarlo(new NlgpModel(3, XI, 40), 0, 1)).getMessage());
        assertEquals("model must be given, got null",
                assertThrows(IllegalArgumentException.class, () -> Amplifier.forModel(null)).getMessage());
        IllegalArgumentException notOdd = assertThrows(IllegalArgumentException.class,
                () -> Amplifier.marginal(z -> z + 1, "shifted"));
        assertTrue(notOdd.getMessage().startsWith("marginal transform shifted must be odd (a symmetric marginal), got"),
                notOdd.getMessage());
    }
}
