package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.util.Require;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * The single pulse of the reference code ({@code single_pulse.py}), exploratory binary data on a
 * 1-D ring of length L: class c has pulse lengths
 * <pre>  l = U{lo..hi-1} + 1,   lo = (int)(xi_c L),   hi = (int)((xi_c + spread) L)</pre>
 * i.e. l uniform on {@code {lo+1, ..., hi}}; the start s is uniform on the ring; the canonical
 * output is +1 on the cyclic interval {@code [s, s+l)} and -1 elsewhere, and with probability 1/2
 * the whole sample is negated; then the {@link Support} map. The reference's default support is
 * (0, 1) ({@link #DEFAULT_SUPPORT}: 0/1 values) and its default classes are
 * {@code xi = (0.05, 0.2)} with spread 0.05, i.e. class 0 pulses of (0.05, 0.1] L and class 1 of
 * (0.2, 0.25] L.
 *
 * <p>Exact statistics. Values are +-1 with probability 1/2 each (excess kurtosis -2, mean 0).
 * For a pulse of length {@code l <= L} and two sites at periodic distance {@code delta}, the
 * number of starts whose arc contains both is the number of arcs containing the short path
 * ({@code delta + 1} sites) or the long path ({@code L - delta + 1} sites) between them,
 * {@code (l - delta)^+ + (l - L + delta)^+}; so
 * {@code P(site 0 in, site delta out) = (l - (l - delta)^+ - (l - L + delta)^+) / L} and, since
 * the product of the two outputs is -1 exactly when one site is in and the other out,
 * <pre>  Cov(delta) = 1 - (4/L) E_l[ l - (l - delta)^+ - (l - L + delta)^+ ]</pre>
 * (times {@code scale^2} of the support). The random sign makes the mean 0 but the covariance
 * stays large at long distance ({@code 1 - 4 E[l]/L}): samples are mostly constant.
 */
public final class PulseModel implements DataModel {
    private static final long serialVersionUID = 1L;

    /** The reference's support: 0/1 values. */
    public static final Support DEFAULT_SUPPORT = Support.UNIT;
    /** The reference's lower length fractions: class 0 0.05, class 1 0.2. */
    public static final ClassPair DEFAULT_FRACTIONS = new ClassPair(0.05, 0.2);
    /** The reference's spread of the length fractions. */
    public static final double DEFAULT_SPREAD = 0.05;
    /** The width of each class's length-fraction range, in (0, 1) (default {@value #DEFAULT_SPREAD}). */
    public static final Parameter<Double> SPREAD = Parameter.real("pulseSpread").range(Range.fraction())
            .defaultValue(DEFAULT_SPREAD).label("F").unit("of L").help("Pulse length range width");
    /**
     * The pulse as config files and flags know it: xi are the lower length fractions; its own
     * default xi and support; 1-D only.
     */
    public static final DataModelType TYPE = DataModelType.builder("pulse",
                    c -> new PulseModel(c.xi(), c.get(SPREAD), c.length(), c.support()))
            .parameter(SPREAD).defaultValue(DataModelType.XI, DEFAULT_FRACTIONS)
            .defaultValue(DataModelType.SUPPORT, DEFAULT_SUPPORT).oneDimensional().build();

    private final ClassPair lowerFractions;
    private final double spread;
    private final int length;
    private final Support support;
    /** Shortest pulse length of each class, lo + 1. */
    private final int[] shortest;
    /** Longest pulse length of each class, hi. */
    private final int[] longest;

    /**
     * @param lowerFractions lower length fractions {@code xi_c} of class 0 and class 1, in (0, 1)
     * @param spread         width of each class's fraction range, in (0, 1)
     * @param length         ring length L >= 2
     * @param support        output support adjustment; {@link #DEFAULT_SUPPORT} in the reference
     */
    public PulseModel(ClassPair lowerFractions, double spread, int length, Support support) {
        this.lowerFractions = Require.nonNull("xi (pulse length fractions)", lowerFractions);
        this.spread = Require.fraction("pulse spread", spread);
        this.length = Require.atLeast("length", length, 2);
        this.support = Require.nonNull("support", support);
        this.shortest = new int[Labels.COUNT];
        this.longest = new int[Labels.COUNT];
        for (int c = 0; c < Labels.COUNT; c++) {
            double xi = Require.fraction("xi[" + c + "] (pulse length fraction of class " + c + ")",
                    lowerFractions.of(c));
            int lo = (int) (xi * length);
            int hi = (int) ((xi + spread) * length);
            Require.that(lo < hi, "pulse lengths of class " + c, "(int)(xi L) = " + lo + ", (int)((xi + spread) L) = " + hi,
                    "a non-empty range (int)(xi L) < (int)((xi + spread) L); increase spread or L");
            Require.that(hi <= length, "longest pulse of class " + c, hi, "<= L = " + length + " (xi + spread <= 1)");
            shortest[c] = lo + 1;
            longest[c] = hi;
        }
    }

    /** The reference's single pulse: default fractions, spread and 0/1 support. */
    public PulseModel(int length) {
        this(DEFAULT_FRACTIONS, DEFAULT_SPREAD, length, DEFAULT_SUPPORT);
    }

    @Override
    public String name() {
        return TYPE.name();
    }

    /**
     * Values +-1 with probability 1/2. The Gaussian approximation behind phi is crude here (a
     * pulse sample is mostly constant, so {@code w.x} given {@code x_i} is far from Gaussian);
     * the form is what the formula gives, not an exact statement about pulses.
     */
    @Override
    public Optional<ClassOneMarginal> classOneMarginal() {
        return Optional.of(new ClassOneMarginal.Binary(support));
    }

    @Override
    public int dimension() {
        return length;
    }

    /** The lower length fractions of the classes. */
    public ClassPair lowerFractions() {
        return lowerFractions;
    }

    /** The spread of the length fractions. */
    public double spread() {
        return spread;
    }

    /** The output support adjustment. */
    public Support support() {
        return support;
    }

    /** The shortest pulse length of class {@code label}, {@code (int)(xi L) + 1}. */
    public int shortestPulse(int label) {
        return shortest[Labels.check(label)];
    }

    /** The longest pulse length of class {@code label}, {@code (int)((xi + spread) L)}. */
    public int longestPulse(int label) {
        return longest[Labels.check(label)];
    }

    @Override
    public void sample(int label, int count, double[] out, int row, RandomGenerator random) {
        int lo = shortestPulse(label);
        int choices = longest[label] - lo + 1;
        int n = length;
        for (int r = row, end = row + count; r < end; r++) {
            int pulse = lo + random.nextInt(choices);
            int start = random.nextInt(n);
            double sign = random.nextBoolean() ? 1 : -1;
            int base = r * n;
            for (int i = 0; i < n; i++) {
                out[base + i] = -sign;
            }
            for (int k = 0; k < pulse; k++) {
                out[base + (start + k) % n] = sign;
            }
        }
        support.apply(out, row * n, count * n);
    }

    /** The exact covariance (see the class documentation). */
    @Override
    public Optional<StationaryCovariance> covariance(int label) {
        int lo = shortestPulse(label);
        int hi = longest[label];
        double variance = support.scale() * support.scale();
        return Optional.of(StationaryCovariance.ring(length, delta -> {
            double inOut = 0;
            for (int l = lo; l <= hi; l++) {
                inOut += l - Math.max(0, l - delta) - Math.max(0, l - length + delta);
            }
            inOut /= hi - lo + 1;
            return (1 - 4 * inOut / length) * variance;
        }));
    }

    @Override
    public OptionalDouble marginalExcessKurtosis(int label) {
        Labels.check(label);
        return OptionalDouble.of(-2);
    }

    @Override
    public String description() {
        return "Pulse(xi=" + lowerFractions + ", spread=" + spread + ", L=" + length + ", support=" + support + ")";
    }

    @Override
    public String toString() {
        return description();
    }
}
