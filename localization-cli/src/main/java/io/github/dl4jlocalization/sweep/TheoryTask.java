package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.ConfigValues;
import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.TheoryComparison;
import io.github.dl4jlocalization.experiment.TheoryComparison.CovarianceSource;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.theory.EffectiveDynamics;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Integrates the effective dynamics of the single ReLU neuron next to the SGD run of the
 * configuration, from the same initial weights ({@link TheoryComparison}; SGD into
 * {@code dir/sgd}). Grid-file settings:
 * <pre>
 * task: {kind: theory, covariance: auto|exact|empirical, empiricalSamples: 100000, variant: 1|fig3}
 * </pre>
 * The unit's summary is the SGD run's, diverged (with the comparison's {@code divergence}) when
 * either side diverged. Measures: {@code iprTheory}, {@code iprSgd} (final), {@code peakTheory},
 * {@code peakSgd} (the signed peaks as {@code sign * (index + 1)}, so that index 0 keeps its
 * sign), {@code peakMatch} (1 or 0, {@link SignedPeak#matches}) and {@code l2Error} (final rms
 * distance).
 *
 * @param covariance       the class covariances' source, null for exact where the model has closed forms
 * @param empiricalSamples samples per class of empirical covariances, >= 2
 * @param variant          the update rule
 */
public record TheoryTask(CovarianceSource covariance, int empiricalSamples, EffectiveDynamics.Variant variant)
        implements UnitTask {
    /** The kind's name. */
    public static final String KIND = "theory";
    /** The settings a grid file may give. */
    public static final Set<String> SETTINGS = Set.of("covariance", "empiricalSamples", "variant");

    private static final String AUTO = "auto";

    /** Validates. */
    public TheoryTask {
        Require.atLeast("empiricalSamples", empiricalSamples, 2);
        Require.nonNull("variant", variant);
    }

    /** Exact covariances where available, variant 1. */
    public static TheoryTask defaults() {
        return new TheoryTask(null, TheoryComparison.DEFAULT_EMPIRICAL_SAMPLES, EffectiveDynamics.Variant.VARIANT_1);
    }

    /**
     * Reads the settings of a grid file's task map (the {@code kind} entry ignored); missing
     * settings take their defaults.
     *
     * @throws IllegalArgumentException naming an unknown setting or invalid value
     */
    public static TheoryTask fromSettings(Map<String, ?> settings) {
        UnitTasks.requireKnown(KIND, settings, SETTINGS);
        TheoryTask d = defaults();
        Object cov = settings.get("covariance");
        String covText = cov == null ? AUTO : ConfigValues.string("covariance", cov).trim().toLowerCase(Locale.ROOT);
        CovarianceSource source = covText.equals(AUTO) ? null
                : RunConfig.parseEnum("covariance", CovarianceSource.class, covText);
        int samples = settings.containsKey("empiricalSamples")
                ? ConfigValues.integer("empiricalSamples", settings.get("empiricalSamples")) : d.empiricalSamples;
        EffectiveDynamics.Variant variant = settings.containsKey("variant")
                ? parseVariant(String.valueOf(settings.get("variant"))) : d.variant;
        return new TheoryTask(source, samples, variant);
    }

    /** {@code 1} (docs/science.md 5.3, variant 1) or {@code fig3} (the Fig. 3 notebook's rule). */
    public static EffectiveDynamics.Variant parseVariant(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1" -> EffectiveDynamics.Variant.VARIANT_1;
            case "fig3" -> EffectiveDynamics.Variant.FIG3;
            default -> throw new IllegalArgumentException("variant must be 1 or fig3, got '" + text + "'");
        };
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("covariance", covariance == null ? AUTO : covariance.name().toLowerCase(Locale.ROOT));
        m.put("empiricalSamples", empiricalSamples);
        m.put("variant", variant == EffectiveDynamics.Variant.VARIANT_1 ? "1" : "fig3");
        return m;
    }

    /**
     * Checks that this task can run on {@code config} ({@link TheoryComparison#check}) without
     * setting up the dynamics.
     *
     * @throws IllegalArgumentException naming the parameter at fault
     */
    public void check(RunConfig config) {
        TheoryComparison.check(config, covariance, variant);
    }

    /** The comparison of {@code config} (sets up the dynamics). */
    public TheoryComparison comparison(RunConfig config) {
        return new TheoryComparison(config, covariance, empiricalSamples, variant);
    }

    @Override
    public Outcome execute(RunConfig config, Path dir) {
        TheoryComparison.Result result = comparison(config).run(dir, new Experiment.Observer() {
        }, false);
        Map<String, Object> s = result.summary();
        Map<String, Double> measures = new LinkedHashMap<>();
        measures.put("iprTheory", ((Number) s.get("finalIprTheory")).doubleValue());
        measures.put("iprSgd", ((Number) s.get("finalIprSgd")).doubleValue());
        measures.put("peakTheory", (double) peakCode(result.peakTheory()));
        measures.put("peakSgd", (double) peakCode(result.peakSgd()));
        measures.put("peakMatch", result.peakTheory().matches(result.peakSgd()) ? 1.0 : 0.0);
        measures.put("l2Error", ((Number) s.get("finalL2Error")).doubleValue());
        // a unit whose comparison diverged (either side) is a diverged unit
        Object divergence = s.get("divergence");
        return new Outcome(divergence == null ? result.sgd() : result.sgd().diverged(divergence.toString()), measures);
    }

    /** {@code sign * (index + 1)}: a signed peak as one number that keeps the sign at index 0. */
    public static int peakCode(SignedPeak peak) {
        return peak.sign() * (peak.index() + 1);
    }

    /**
     * The signed peak of a {@link #peakCode} (as stored in the measures): index {@code |code| - 1}
     * and the sign of {@code code}; code 0 (the zero vector's sign 0) gives index 0, sign 0.
     *
     * @throws IllegalArgumentException when {@code code} is not a whole number
     */
    public static SignedPeak peakOf(double code) {
        Require.that(code == Math.rint(code) && Math.abs(code) <= Integer.MAX_VALUE, "peak code", code,
                "a whole number sign * (index + 1)");
        int c = (int) code;
        return c == 0 ? new SignedPeak(0, 0) : new SignedPeak(Math.abs(c) - 1, Integer.signum(c));
    }
}
