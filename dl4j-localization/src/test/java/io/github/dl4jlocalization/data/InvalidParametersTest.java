package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every invalid parameter fails where the model is built, with one message naming it and its range. */
class InvalidParametersTest {
    private static final ClassPair XI = DataModelConfig.DEFAULT_XI;

    private static void rejects(String message, Executable build) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void gain() {
        for (double g : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            rejects("gain must be a finite number > 0, got " + g, () -> new NlgpModel(g, XI, 40));
            rejects("gain must be a finite number > 0, got " + g,
                    () -> new NlgpCloneModel(g, XI, 40, 1, Support.SYMMETRIC));
            rejects("gain must be a finite number > 0, got " + g, () -> DataModelConfig.builder().gain(g).build());
        }
    }

    @Test
    void tailExponent() {
        rejects("k must be a finite number > 2, got 2.0", () -> new KurModel(2, XI, 40));
        rejects("k must be a finite number > 2, got 1.5", () -> DataModelConfig.builder().k(1.5).build());
    }

    @Test
    void classParameters() {
        rejects("xi[0] (class 0) must be a finite number > 0, got 0.0", () -> new ClassPair(0, 1));
        rejects("xi[1] (class 1) must be a finite number > 0, got -0.7", () -> new ClassPair(0.3, -0.7));
        rejects("xi[1] (class 1) must be a finite number > 0, got NaN", () -> ClassPair.parse("0.3,NaN"));
        rejects("xi must be given, got null", () -> new KurModel(Marginal.gaussian(), null, 40, 1, Support.SYMMETRIC));
    }

    @Test
    void lengthAndDimension() {
        rejects("length must be an integer >= 2, got 1", () -> new NlgpModel(3, XI, 1));
        rejects("length must be an integer >= 2, got 1", () -> new KurModel(5, XI, 1));
        rejects("length must be an integer >= 2, got 1",
                () -> new EllipticalModel(RadialLaw.shell(), XI, 1, 1, Support.SYMMETRIC));
        rejects("length must be an integer >= 2, got 1", () -> new PulseModel(1));
        rejects("length must be an integer >= 3, got 2", () -> new IsingModel(XI, 2));
        rejects("dim must be an integer in [1, 2], got 3", () -> new NlgpModel(3, XI, 10, 3, Support.SYMMETRIC));
        rejects("dim must be an integer in [1, 2], got 0", () -> DataModelConfig.builder().dim(0).build());
    }

    @Test
    void degreesOfFreedomAndSweeps() {
        rejects("df must be a finite number > 2, got 2.0", () -> RadialLaw.studentT(2));
        rejects("df must be a finite number > 2, got 1.0", () -> DataModelConfig.builder().df(1).build());
        rejects("sweeps must be an integer >= 1, got 0", () -> new IsingModel(XI, 40, IsingModel.Sampler.METROPOLIS, 0, Support.SYMMETRIC));
        rejects("pulseSpread must be a fraction in (0, 1), got 0.0", () -> DataModelConfig.builder().pulseSpread(0).build());
    }

    @Test
    void namesAndSupport() {
        rejects("unknown model 'gp'; accepted: nlgp, nlgp-clone, kur, ising, elliptical, pulse",
                () -> DataModelConfig.builder().model("gp").build());
        rejects("unknown marginal 'student'; accepted: algebraic, gaussian, uniform, laplace, binary",
                () -> Marginal.parse("student", 5));
        rejects("unknown radial law 'gauss'; accepted: shell, extreme, t", () -> RadialLaw.parse("gauss", 3));
        rejects("support must be an interval (a, b) with a < b, got (1.0, 0.0)", () -> new Support(1, 0));
        rejects("support must be given, got null", () -> new NlgpModel(3, XI, 40, 1, null));
        rejects("label must be 0 or 1, got 2", () -> new PulseModel(40).covariance(2));
    }
}
