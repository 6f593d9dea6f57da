package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.Labels;
import io.github.dl4jlocalization.data.StationaryCovariance;
import io.github.dl4jlocalization.nn.Bias;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.Readout;
import io.github.dl4jlocalization.nn.ShallowNetwork;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The analytical effective dynamics of a single ReLU neuron (Lufkin, Saxe &amp; Grant 2024;
 * docs/science.md 5.1-5.4): gradient flow of the expected MSE loss, in time {@code t = step * lr},
 * with the data term replaced by the {@link Amplifier localization amplifier} phi:
 * <pre>
 *   dw/dt = 1/2 [ phi(a(w)) - (Sigma_0 + Sigma_1) w ],   a(w) = Sigma_1 w / sqrt(w' Sigma_1 w)   (phi elementwise)
 * </pre>
 * integrated by Euler steps of size {@code tau} = the SGD learning rate, so that one step is one
 * expected SGD step and a trajectory can be compared step by step with an SGD run started from
 * the same {@code w_0} ({@link #initialWeights(ShallowNetwork)}):
 * <pre>
 *   {@link Variant#VARIANT_1}:  w &lt;- w + (tau/2) (phi(a) - (Sigma_0 + Sigma_1) w)  (docs/science.md 5.3, variant 1)
 *   {@link Variant#FIG3}:       w &lt;- w + tau (f(a) - (1/2)(Sigma_0 + Sigma_1) w)   (variant fig3, Fig. 3 notebook)
 * </pre>
 * with {@code a} clipped to {@code [-1 + 1e-12, 1 - 1e-12]} (docs/science.md 5.4). The class
 * covariances must have unit diagonal for {@code |a| <= 1} (Cauchy-Schwarz); empirical ones are
 * close to it and the clip covers the rest. To reproduce the Fig. 3 Ising panel use
 * {@link Variant#FIG3} with {@link Amplifier#fig3Cubic(double)} and covariances from
 * {@link EmpiricalCovariance}.
 *
 * <p>Products with the class covariances are circular convolutions computed by FFT
 * ({@link CirculantOperator}, which states the measured costs); {@code Sigma_1 w} and
 * {@code (Sigma_0 + Sigma_1) w} share one forward and one inverse complex transform. A whole step
 * at L = 40 with a tabulated amplifier takes about 4 us.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()} or {@link #forModel}.
 */
public final class EffectiveDynamics implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@code a} is clipped to {@code [-1 + CLIP, 1 - CLIP]}. */
    public static final double CLIP = 1e-12;

    /** The update rule, spelled {@link #label()} ({@code 1} or {@code fig3}) in flags and files. */
    public enum Variant {
        /**
         * {@code w <- w + (tau/2)(phi(a) - (Sigma_0 + Sigma_1) w)}: the expected-gradient step of
         * the MSE loss without factor 1/2 (the reference's {@code numerical_integration.py}).
         */
        VARIANT_1("1"),
        /**
         * {@code w <- w + tau (f(a) - (1/2)(Sigma_0 + Sigma_1) w)}: the Fig. 3 notebook's rule
         * ({@code fig3.ipynb}, {@code fig3a.py}), which weights the amplifier twice relative to
         * the derivation; the notebook pairs it with {@link Amplifier#fig3Cubic(double)}.
         */
        FIG3("fig3");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        /** The spelling of flags, grid files and summaries: {@code 1} (docs/science.md 5.3) or {@code fig3}. */
        public String label() {
            return label;
        }

        /**
         * The variant spelled {@code text}: its {@link #label()}, or (as older files wrote it) its
         * constant name, {@code variant_1} or {@code variant-1}; case ignored.
         *
         * @param name the parameter named in the error, e.g. {@code variant}
         * @throws IllegalArgumentException {@code NAME must be 1 or fig3, got 'x'}
         */
        public static Variant parse(String name, String text) {
            Require.nonNull(name, text);
            String t = text.trim();
            for (Variant v : values()) {
                if (v.label.equalsIgnoreCase(t) || v.name().equalsIgnoreCase(t.replace('-', '_'))) {
                    return v;
                }
            }
            throw new IllegalArgumentException(name + " must be 1 or fig3, got '" + text + "'");
        }
    }

    private final StationaryCovariance sigma0;
    private final StationaryCovariance sigma1;
    private final CirculantOperator sigma1Operator;
    private final CirculantOperator sumOperator;
    private final Amplifier amplifier;
    private final double tau;
    private final Variant variant;

    private EffectiveDynamics(Builder b) {
        Checks.sameGeometry(b.sigma0, b.sigma1);
        this.sigma0 = b.sigma0;
        this.sigma1 = b.sigma1;
        Require.positive("sigma1 variance", sigma1.variance());
        this.amplifier = Require.nonNull("amplifier", b.amplifier);
        this.tau = Require.positive("tau", b.tau);
        this.variant = Require.nonNull("variant", b.variant);
        this.sigma1Operator = CirculantOperator.of(sigma1);
        double[] k0 = sigma0.kernel();
        double[] k1 = sigma1.kernel();
        double[] sum = new double[k0.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = k0[i] + k1[i];
        }
        this.sumOperator = CirculantOperator.of(new StationaryCovariance(sigma0.length(), sigma0.dims(), sum));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The dynamics of a data model with its exact class covariances ({@link DataModel#covariance})
     * and {@link Amplifier#forModel its amplifier}, variant 1.
     *
     * @param tau the Euler step (the SGD learning rate), finite and > 0
     * @throws IllegalArgumentException if the model has no closed-form covariance (then build
     *                                  with {@link EmpiricalCovariance}) or its support is not (-1, 1)
     */
    public static EffectiveDynamics forModel(DataModel model, double tau) {
        Require.nonNull("model", model);
        StationaryCovariance[] sigma = new StationaryCovariance[Labels.COUNT];
        for (int c = 0; c < Labels.COUNT; c++) {
            int label = c;
            sigma[c] = model.covariance(c).orElseThrow(() -> new IllegalArgumentException(
                    "model " + model.description() + " has no closed-form covariance of class " + label
                            + "; build the dynamics with EmpiricalCovariance.estimate"));
        }
        return builder().covariances(sigma[0], sigma[1]).amplifier(Amplifier.forModel(model)).tau(tau).build();
    }

    /**
     * The initial weight vector of the single neuron of an SGD run, the same draw as
     * {@link ShallowNetwork#network()} uses.
     *
     * @param network a single ReLU neuron without bias and with the frozen readout (the model the
     *                effective dynamics describe)
     */
    public static double[] initialWeights(ShallowNetwork network) {
        Require.nonNull("network", network);
        Require.that(network.hiddenUnits() == 1, "hiddenUnits", network.hiddenUnits(), "1 (a single neuron)");
        Require.that(network.activation() == HiddenActivation.RELU, "activation", network.activation(), "RELU");
        Require.that(network.bias().kind() == Bias.Kind.NONE, "bias", network.bias(), "none");
        Require.that(network.readout() == Readout.FROZEN, "readout", network.readout(), "FROZEN");
        return network.initialReceptiveFields()[0];
    }

    /** D. */
    public int dimension() {
        return sigma1.dimension();
    }

    /** The class-0 covariance. */
    public StationaryCovariance sigma0() {
        return sigma0;
    }

    /** The class-1 covariance. */
    public StationaryCovariance sigma1() {
        return sigma1;
    }

    /** The amplifier. */
    public Amplifier amplifier() {
        return amplifier;
    }

    /** The Euler step tau. */
    public double tau() {
        return tau;
    }

    /** The update rule. */
    public Variant variant() {
        return variant;
    }

    /** One Euler step from w, as a new array (w is not modified). */
    public double[] step(double[] w) {
        double[] next = requireStart(w);
        new Stepper().advance(next, 0);
        return next;
    }

    /**
     * Integrates {@code steps} Euler steps from {@code w0} and records the state at step 0, every
     * {@code recordEvery} steps and at the last step.
     *
     * @param w0          the initial weights: length D, finite, with {@code w0' Sigma_1 w0 > 0}
     * @param steps       >= 0
     * @param recordEvery >= 1
     * @throws IntegrationDivergedException if {@code w' Sigma_1 w} stops being a positive finite
     *                                      number, with the records made before
     *                               (the state collapsed to 0 or diverged)
     */
    public Trajectory integrate(double[] w0, int steps, int recordEvery) {
        double[] w = requireStart(w0);
        Require.atLeast("steps", steps, 0);
        Require.atLeast("recordEvery", recordEvery, 1);
        int records = steps / recordEvery + 1 + (steps % recordEvery == 0 ? 0 : 1);
        int[] recordedSteps = new int[records];
        double[][] recorded = new double[records][];
        recorded[0] = w.clone();
        int next = 1;
        Stepper stepper = new Stepper();
        for (int t = 1; t <= steps; t++) {
            try {
                stepper.advance(w, t);
            } catch (IllegalStateException diverged) {
                throw new IntegrationDivergedException(diverged.getMessage(), t, new Trajectory(tau,
                        Arrays.copyOf(recordedSteps, next), Arrays.copyOf(recorded, next)));
            }
            if (t % recordEvery == 0 || t == steps) {
                recordedSteps[next] = t;
                recorded[next++] = w.clone();
            }
        }
        return new Trajectory(tau, recordedSteps, recorded);
    }

    private double[] requireStart(double[] w0) {
        Checks.finiteVector("w0", w0, dimension());
        double q = sigma1Operator.quadraticForm(w0);
        Require.that(q > 0, "w0' Sigma_1 w0", q, "> 0 (w0 must not be zero)");
        return w0.clone();
    }

    /** The work arrays of one integration. */
    private final class Stepper {
        private final double[] s1w = new double[dimension()];
        private final double[] sumW = new double[dimension()];
        private final CirculantOperator.Workspace ws = sigma1Operator.workspace();

        /** One Euler step of w in place; {@code t} is the step number for error messages. */
        void advance(double[] w, int t) {
            CirculantOperator.applyPair(sigma1Operator, sumOperator, w, s1w, sumW, ws);
            double q = 0;
            for (int i = 0; i < w.length; i++) {
                q += w[i] * s1w[i];
            }
            if (!(q > 0 && q < Double.POSITIVE_INFINITY)) {
                throw new IllegalStateException("w' Sigma_1 w = " + q + " at step " + t
                        + ": the state collapsed to 0 or diverged (tau = " + tau + ")");
            }
            double inverseNorm = 1 / Math.sqrt(q);
            double amplifierWeight = variant == Variant.VARIANT_1 ? tau / 2 : tau;
            double decayWeight = tau / 2;
            for (int i = 0; i < w.length; i++) {
                double a = Math.max(-1 + CLIP, Math.min(1 - CLIP, s1w[i] * inverseNorm));
                w[i] += amplifierWeight * amplifier.value(a) - decayWeight * sumW[i];
            }
        }
    }

    @Override
    public String toString() {
        return "EffectiveDynamics[" + variant + ", tau=" + tau + ", amplifier=" + amplifier + ", sigma0=" + sigma0
                + ", sigma1=" + sigma1 + "]";
    }

    /**
     * Builder of {@link EffectiveDynamics}; {@link #build()} validates. Required: the class
     * covariances and the amplifier. Defaults: {@code tau} =
     * {@link ShallowNetwork#DEFAULT_LEARNING_RATE}, {@link Variant#VARIANT_1}.
     */
    public static final class Builder {
        private StationaryCovariance sigma0;
        private StationaryCovariance sigma1;
        private Amplifier amplifier;
        private double tau = ShallowNetwork.DEFAULT_LEARNING_RATE;
        private Variant variant = Variant.VARIANT_1;

        private Builder() {
        }

        /**
         * The class covariances: exact ({@code model.covariance(c)}) or
         * {@link EmpiricalCovariance estimated}; same ring or torus.
         */
        public Builder covariances(StationaryCovariance sigma0, StationaryCovariance sigma1) {
            this.sigma0 = sigma0;
            this.sigma1 = sigma1;
            return this;
        }

        /** The localization amplifier phi (tabulate costly ones, see {@link Amplifier#tabulated}). */
        public Builder amplifier(Amplifier amplifier) {
            this.amplifier = amplifier;
            return this;
        }

        /** The Euler step, equal to the SGD learning rate; finite and > 0. */
        public Builder tau(double tau) {
            this.tau = tau;
            return this;
        }

        /** The update rule. */
        public Builder variant(Variant variant) {
            this.variant = variant;
            return this;
        }

        /** Validates and builds. */
        public EffectiveDynamics build() {
            return new EffectiveDynamics(this);
        }
    }
}
