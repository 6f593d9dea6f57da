package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.util.Require;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * The 1-D Ising ring of the reference code ({@code IsingDataset}): L spins
 * {@code s_i in {-1, +1}} with energy {@code E(s) = -J sum_i s_i s_(i+1)} (periodic, inverse
 * temperature absorbed into J); the class parameter is the coupling, {@code J = couplings[c]}.
 *
 * <p>Sampler, one independent Metropolis chain per sample: every spin starts at +-1 with
 * probability 1/2; then {@code sweeps * L} single-site updates, each at a uniformly random site
 * i, flip accepted with probability {@code min(1, exp(-dE))},
 * {@code dE = 2 J s_i (s_(i-1) + s_(i+1))}; the final state is the sample. dE takes only the
 * values {@code 0, +-4J}: the acceptance probability {@code exp(-4J)} is precomputed and a
 * uniform is drawn only when dE &gt; 0. The figure runs use 2000 updates at L = 40, i.e.
 * {@link #DEFAULT_SWEEPS} = 50 sweeps.
 *
 * <p>Exact equilibrium statistics (transfer matrix, {@code t = tanh J}):
 * {@code <s_i s_(i+d)> = (t^d + t^(L-d)) / (1 + t^L)}, marginal +-1 with excess kurtosis -2.
 * The canonical output is +-1, then the {@link Support} map.
 */
public final class IsingModel implements DataModel {
    private static final long serialVersionUID = 1L;

    /** Metropolis sweeps per sample in the reference figures (2000 updates at L = 40). */
    public static final int DEFAULT_SWEEPS = 50;
    /** Metropolis sweeps per sample, >= 1 (default {@value #DEFAULT_SWEEPS}). */
    public static final Parameter<Integer> SWEEPS = Parameter.integer("sweeps").range(Range.atLeast(1))
            .defaultValue(DEFAULT_SWEEPS).help("Metropolis sweeps per sample");
    /** The Ising ring as config files and flags know it: xi are the couplings J; 1-D only. */
    public static final DataModelType TYPE = DataModelType.builder("ising",
            c -> new IsingModel(c.xi(), c.length(), c.get(SWEEPS), c.support())).parameter(SWEEPS).oneDimensional()
            .build();

    private final ClassPair couplings;
    private final int length;
    private final int sweeps;
    private final Support support;
    /** exp(-4 J_c): acceptance probability of a flip that costs energy. */
    private final double[] uphillAcceptance;

    /**
     * @param couplings J of class 0 and class 1 (ferromagnetic, > 0)
     * @param length    ring length L >= 3
     * @param sweeps    Metropolis sweeps (L single-site updates each) per sample, >= 1
     * @param support   output support adjustment, {@link Support#SYMMETRIC} in the papers
     */
    public IsingModel(ClassPair couplings, int length, int sweeps, Support support) {
        this.couplings = Require.nonNull("couplings (xi)", couplings);
        this.length = Require.atLeast("length", length, 3);
        this.sweeps = Require.atLeast("sweeps", sweeps, 1);
        Require.that((long) sweeps * length <= Integer.MAX_VALUE, "sweeps * length", (long) sweeps * length,
                "<= " + Integer.MAX_VALUE);
        this.support = Require.nonNull("support", support);
        this.uphillAcceptance = new double[] {Math.exp(-4 * couplings.label0()), Math.exp(-4 * couplings.label1())};
    }

    /** The ring of the reference figures: {@link #DEFAULT_SWEEPS} sweeps, support (-1, 1). */
    public IsingModel(ClassPair couplings, int length) {
        this(couplings, length, DEFAULT_SWEEPS, Support.SYMMETRIC);
    }

    /** The exact ring correlation {@code (t^d + t^(L-d)) / (1 + t^L)}, {@code t = tanh J}. */
    public static double correlation(double coupling, int length, int distance) {
        Require.positive("coupling J", coupling);
        Require.atLeast("length", length, 3);
        Require.inRange("distance", distance, 0, length);
        double t = Math.tanh(coupling);
        return (Math.pow(t, distance) + Math.pow(t, length - distance)) / (1 + Math.pow(t, length));
    }

    @Override
    public String name() {
        return TYPE.name();
    }

    /** Spins +-1. */
    @Override
    public Optional<ClassOneMarginal> classOneMarginal() {
        return Optional.of(new ClassOneMarginal.Binary(support));
    }

    @Override
    public int dimension() {
        return length;
    }

    /** The class couplings J. */
    public ClassPair couplings() {
        return couplings;
    }

    /** Sweeps per sample. */
    public int sweeps() {
        return sweeps;
    }

    /** The output support adjustment. */
    public Support support() {
        return support;
    }

    @Override
    public void sample(int label, int count, double[] out, int row, RandomGenerator random) {
        double accept = uphillAcceptance[Labels.check(label)];
        int n = length;
        int steps = sweeps * n;
        int[] s = new int[n];
        for (int r = row, end = row + count; r < end; r++) {
            for (int i = 0; i < n; i++) {
                s[i] = random.nextBoolean() ? 1 : -1;
            }
            for (int step = 0; step < steps; step++) {
                int i = random.nextInt(n);
                int neighbours = s[i == 0 ? n - 1 : i - 1] + s[i == n - 1 ? 0 : i + 1];
                // dE = 2 J s_i (s_(i-1) + s_(i+1)) > 0 iff s_i * neighbours > 0 (J > 0)
                if (s[i] * neighbours <= 0 || random.nextDouble() < accept) {
                    s[i] = -s[i];
                }
            }
            int base = r * n;
            for (int i = 0; i < n; i++) {
                out[base + i] = s[i];
            }
        }
        support.apply(out, row * n, count * n);
    }

    @Override
    public Optional<StationaryCovariance> covariance(int label) {
        double j = couplings.of(label);
        double variance = support.scale() * support.scale();
        return Optional.of(StationaryCovariance.ring(length, d -> correlation(j, length, d) * variance));
    }

    @Override
    public OptionalDouble marginalExcessKurtosis(int label) {
        Labels.check(label);
        return OptionalDouble.of(-2);
    }

    @Override
    public String description() {
        return "Ising(J=" + couplings + ", L=" + length + ", sweeps=" + sweeps + ", support=" + support + ")";
    }

    @Override
    public String toString() {
        return description();
    }
}
