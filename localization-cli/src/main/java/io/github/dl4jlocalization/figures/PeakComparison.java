package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.sweep.TheoryTask;
import io.github.dl4jlocalization.util.Require;

import java.util.Map;

/**
 * One initial condition of the peak comparison: the signed peaks (docs/science.md 4.2) of the final SGD
 * receptive field and of the integrated one (effective dynamics from the same w0), with their
 * final IPRs and the rms distance between them. Immutable.
 *
 * @param seed      the run's seed (initial weights and data)
 * @param sgd       the SGD field's signed peak
 * @param theory    the integrated field's signed peak
 * @param iprSgd    final IPR of the SGD field
 * @param iprTheory final IPR of the integrated field
 * @param l2Error   final {@code rms(w_SGD - w_theory)}
 */
public record PeakComparison(long seed, SignedPeak sgd, SignedPeak theory, double iprSgd, double iprTheory,
                             double l2Error) {

    /** Validates. */
    public PeakComparison {
        Require.nonNull("sgd", sgd);
        Require.nonNull("theory", theory);
    }

    /**
     * Reads the measures of a {@link TheoryTask} unit ({@code peakSgd}, {@code peakTheory} as
     * {@link TheoryTask#peakCode} codes, {@code iprSgd}, {@code iprTheory}, {@code l2Error}).
     *
     * @throws IllegalArgumentException naming a missing measure
     */
    public static PeakComparison of(long seed, Map<String, Double> measures) {
        return new PeakComparison(seed, TheoryTask.peakOf(measure(measures, "peakSgd")),
                TheoryTask.peakOf(measure(measures, "peakTheory")), measure(measures, "iprSgd"),
                measure(measures, "iprTheory"), measure(measures, "l2Error"));
    }

    private static double measure(Map<String, Double> measures, String name) {
        Double v = measures.get(name);
        Require.that(v != null, "measure", name, "one of the theory task's measures " + measures.keySet());
        return v;
    }

    /** Whether the signed peaks are equal ({@link SignedPeak#matches}). */
    public boolean match() {
        return sgd.matches(theory);
    }

    /** Whether both peaks have the same sign. */
    public boolean sameSign() {
        return sgd.sign() == theory.sign();
    }

    /**
     * The distance between the two peak positions on the ring of {@code length} sites,
     * {@code min(|i - j|, L - |i - j|)}, whatever their signs.
     *
     * @param length L, larger than both indices
     */
    public int ringDistance(int length) {
        Require.that(sgd.index() < length && theory.index() < length, "length", length,
                "more than both peak indices " + sgd.index() + " and " + theory.index());
        int d = Math.abs(sgd.index() - theory.index());
        return Math.min(d, length - d);
    }
}
