package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.ParameterSet;
import io.github.dl4jlocalization.config.ParameterValues;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.config.ValueType;
import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.TheoryComparison;
import io.github.dl4jlocalization.experiment.TheoryComparison.CovarianceSource;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.theory.EffectiveDynamics;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Integrates the effective dynamics of the single ReLU neuron next to the SGD run of the
 * configuration, from the same initial weights ({@link TheoryComparison}; SGD into
 * {@code dir/sgd}). Grid-file settings (declared once, {@link #PARAMETERS}; the flags of
 * {@code theory} and {@code figure ising-peaks} are the same declarations):
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
    private static final String AUTO = "auto";

    /** The class covariances' source; null (written {@code auto}): exact where the model has closed forms. */
    public static final Parameter<CovarianceSource> COVARIANCE = Parameter.of("covariance", ValueType.of(String.class,
                    "auto|exact|empirical", TheoryTask::readCovariance, c -> c == null ? AUTO : ValueType.enumName(c)))
            .defaultText(AUTO).help("Class covariances: exact (closed form), empirical (estimated from samples, as "
                    + "the reference's np.cov) or auto (exact where the model has closed forms, else empirical)");
    /** Samples per class of empirical covariances, >= 2. */
    public static final Parameter<Integer> EMPIRICAL_SAMPLES = Parameter.integer("empiricalSamples")
            .range(Range.atLeast(2)).defaultValue(TheoryComparison.DEFAULT_EMPIRICAL_SAMPLES).unit("per class")
            .help("Samples of empirical covariances");
    /** The update rule, {@code 1} or {@code fig3} ({@link EffectiveDynamics.Variant#label()}). */
    public static final Parameter<EffectiveDynamics.Variant> VARIANT = Parameter.of("variant", ValueType.of(
                    String.class, "1|fig3", (name, value) -> EffectiveDynamics.Variant.parse(name,
                            ConfigValues.string(name, value)), EffectiveDynamics.Variant::label))
            .defaultValue(EffectiveDynamics.Variant.VARIANT_1)
            .help("Update rule: 1 (docs/science.md 5.3 variant 1, the model's exact amplifier) or fig3 (the Fig. 3 "
                    + "notebook's rule with the cubic kurtosis amplifier)");
    /** The settings a grid file may give. */
    public static final ParameterSet PARAMETERS = ParameterSet.of("theory task setting", COVARIANCE,
            EMPIRICAL_SAMPLES, VARIANT);

    /** Validates. */
    public TheoryTask {
        values(covariance, empiricalSamples, variant);
    }

    /** Exact covariances where available, variant 1. */
    public static TheoryTask defaults() {
        return of(PARAMETERS.defaults());
    }

    /** The task of checked values of {@link #PARAMETERS}. */
    public static TheoryTask of(ParameterValues v) {
        return new TheoryTask(v.get(COVARIANCE), v.get(EMPIRICAL_SAMPLES), v.get(VARIANT));
    }

    /**
     * Reads the settings of a grid file's task map (the {@code kind} entry ignored); missing
     * settings take their defaults.
     *
     * @throws IllegalArgumentException naming an unknown setting or invalid value
     */
    public static TheoryTask fromSettings(Map<String, ?> settings) {
        return of(UnitTasks.read(KIND, settings, PARAMETERS));
    }

    /** This task's settings as checked values of {@link #PARAMETERS}. */
    public ParameterValues values() {
        return values(covariance, empiricalSamples, variant);
    }

    private static ParameterValues values(CovarianceSource covariance, int empiricalSamples,
                                          EffectiveDynamics.Variant variant) {
        return PARAMETERS.builder().set(COVARIANCE, covariance).set(EMPIRICAL_SAMPLES, empiricalSamples)
                .set(VARIANT, variant).build();
    }

    private static CovarianceSource readCovariance(String name, Object value) {
        String text = ConfigValues.string(name, value).trim();
        return text.equalsIgnoreCase(AUTO) ? null : ValueType.parseEnum(name, CovarianceSource.class, text);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> settings() {
        return values().toMap();
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
