package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.Labels;
import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.data.StationaryCovariance;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.theory.Amplifier;
import io.github.dl4jlocalization.theory.EffectiveDynamics;
import io.github.dl4jlocalization.theory.EmpiricalCovariance;
import io.github.dl4jlocalization.theory.IntegrationDivergedException;
import io.github.dl4jlocalization.theory.Trajectory;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The effective dynamics of a single ReLU neuron (docs/science.md 5.3, 5.4) against the SGD run of the
 * same {@link RunConfig}, from the same initial weights
 * ({@link EffectiveDynamics#initialWeights}): the dynamics are integrated with Euler step
 * {@code tau = lr} for the run's steps and recorded at the run's record steps (0, every
 * {@code recordEvery}, T); the SGD run is an {@link Experiment} in the sub-directory
 * {@value #SGD_DIR}. Written into the output directory:
 * <ul>
 *   <li>{@value #TRAJECTORY}: {@code step,iprTheory,iprSgd,l2Error} per common record step, with
 *       {@code l2Error = }{@link LocalizationMetrics#rmsDistance rms(w_SGD - w_theory)};</li>
 *   <li>{@value #THEORY_WEIGHTS}: the integrated weights at every record step, in the format of
 *       {@link RunDirectory#WEIGHTS} (read with {@link RunDirectory#readWeights(String)});</li>
 *   <li>{@value #SUMMARY}: final IPRs, signed peaks of both, {@code peakMatch}
 *       ({@link SignedPeak#matches}), final error, and how the dynamics were set up;</li>
 *   <li>the plots {@value #IPR_PLOT}, {@value #ERROR_PLOT}, {@value #FIELDS_PLOT}.</li>
 * </ul>
 * Covariances: exact when the data model has closed forms for both classes, else (or when asked)
 * {@link EmpiricalCovariance estimated} from {@code empiricalSamples} samples per class drawn from
 * the seed {@code RandomStreams.of(seed, 3).nextLong()} (a stream the run's own seeds, 0-2, do
 * not use). Amplifier: {@link Amplifier#forModel} for {@link EffectiveDynamics.Variant#VARIANT_1};
 * {@link Amplifier#fig3Cubic} of the exact class-1 marginal kurtosis for
 * {@link EffectiveDynamics.Variant#FIG3}.
 */
public final class TheoryComparison {
    /** Per-record comparison. */
    public static final String TRAJECTORY = "trajectory.csv";
    /** The integrated weights per record step. */
    public static final String THEORY_WEIGHTS = "theory-weights.csv";
    /** Final comparison. */
    public static final String SUMMARY = "summary.json";
    /** IPR of both against the step. */
    public static final String IPR_PLOT = "ipr-theory-vs-sgd.png";
    /** l2 error against the step. */
    public static final String ERROR_PLOT = "error.png";
    /** Final receptive fields side by side. */
    public static final String FIELDS_PLOT = "receptive-fields.png";
    /** Sub-directory of the SGD run. */
    public static final String SGD_DIR = "sgd";
    /** Default samples per class of the empirical covariances. */
    public static final int DEFAULT_EMPIRICAL_SAMPLES = 100_000;

    private static final long COVARIANCE_STREAM = 3;

    /** Where the class covariances come from. */
    public enum CovarianceSource {
        /** The data model's closed forms. */
        EXACT,
        /** Estimated from samples ({@link EmpiricalCovariance}). */
        EMPIRICAL
    }

    private final RunConfig config;
    private final CovarianceSource covariance;
    private final int empiricalSamples;
    private final EffectiveDynamics dynamics;
    private final double[] w0;

    /**
     * Sets up the dynamics of {@code config} (the costly part: quadrature amplifier, empirical
     * covariances).
     *
     * @param config           a single ReLU neuron without bias and with frozen readout
     * @param covariance       the covariance source, null for exact when available, else empirical
     * @param empiricalSamples samples per class of empirical covariances, >= 2
     * @param variant          the update rule
     * @throws IllegalArgumentException for another network, exact covariances of a model without
     *                                  closed forms, or {@code FIG3} without a known kurtosis
     */
    public TheoryComparison(RunConfig config, CovarianceSource covariance, int empiricalSamples,
                            EffectiveDynamics.Variant variant) {
        this.config = Require.nonNull("config", config);
        this.empiricalSamples = Require.atLeast("empiricalSamples", empiricalSamples, 2);
        this.covariance = check(config, covariance, variant);
        this.w0 = EffectiveDynamics.initialWeights(config.network());
        DataModel model = config.dataModel();
        StationaryCovariance[] sigma = new StationaryCovariance[Labels.COUNT];
        DataModelConfig data = config.data();
        long seed = RandomStreams.of(config.seed(), COVARIANCE_STREAM).nextLong();
        for (int c = 0; c < Labels.COUNT; c++) {
            sigma[c] = this.covariance == CovarianceSource.EXACT ? model.covariance(c).orElseThrow()
                    : EmpiricalCovariance.estimate(model, c, empiricalSamples, seed, data.length(), data.dim());
        }
        Amplifier amplifier = variant == EffectiveDynamics.Variant.VARIANT_1 ? Amplifier.forModel(model)
                : Amplifier.fig3Cubic(3 + model.marginalExcessKurtosis(1).orElseThrow());
        this.dynamics = EffectiveDynamics.builder().covariances(sigma[0], sigma[1]).amplifier(amplifier)
                .tau(config.learningRate()).variant(variant).build();
    }

    /**
     * The cheap checks of the constructor, without setting anything up (a figure runs them before
     * its sweep, so that bad input fails at once instead of in every unit).
     *
     * @return the covariance source in use ({@code covariance}, or the default for null)
     * @throws IllegalArgumentException as the constructor
     */
    public static CovarianceSource check(RunConfig config, CovarianceSource covariance,
                                         EffectiveDynamics.Variant variant) {
        Require.nonNull("config", config);
        Require.nonNull("variant", variant);
        try {
            EffectiveDynamics.initialWeights(config.network());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the effective dynamics describe only the single ReLU neuron without "
                    + "bias and with frozen readout (--hidden 1 --activation relu --bias none --readout frozen): "
                    + e.getMessage(), e);
        }
        DataModel model = config.dataModel();
        boolean exactAvailable = model.covariance(0).isPresent() && model.covariance(1).isPresent();
        CovarianceSource source = covariance != null ? covariance
                : exactAvailable ? CovarianceSource.EXACT : CovarianceSource.EMPIRICAL;
        Require.that(source == CovarianceSource.EMPIRICAL || exactAvailable, "covariance", "exact",
                "empirical for " + model.description() + " (it has no closed-form class covariances)");
        Require.that(variant == EffectiveDynamics.Variant.VARIANT_1 || model.marginalExcessKurtosis(1).isPresent(),
                "variant", "fig3", "1 for " + model.description()
                        + " (fig3 needs the class-1 marginal kurtosis, unknown for it)");
        return source;
    }

    /** The dynamics. */
    public EffectiveDynamics dynamics() {
        return dynamics;
    }

    /** The covariance source in use. */
    public CovarianceSource covariance() {
        return covariance;
    }

    /**
     * What a comparison produced.
     *
     * @param sgd        the SGD run's summary
     * @param summary    the comparison's summary, as written to {@value #SUMMARY}
     * @param peakTheory the signed peak of the integrated receptive field at the last common record
     * @param peakSgd    the signed peak of the SGD receptive field there
     */
    public record Result(RunSummary sgd, Map<String, Object> summary, SignedPeak peakTheory, SignedPeak peakSgd) {
    }

    /**
     * Integrates the dynamics, runs SGD into {@code out/}{@value #SGD_DIR} and writes the
     * comparison into {@code out}. The comparison covers the record steps both reached: when SGD
     * diverges ({@link RunSummary.Status#DIVERGED}: the guard stopped it) or the integration does
     * ({@link IntegrationDivergedException}), the summary's {@code status} is {@code diverged}, its
     * {@code divergence} says which side did at which step, and the final values are those of the
     * last record step both reached.
     *
     * @param observer follows the SGD run
     * @param prefetch whether the SGD run generates batches on a second thread (same results)
     */
    public Result run(Path out, Experiment.Observer observer, boolean prefetch) {
        Require.nonNull("out", out);
        AtomicFiles.checkWritableParent(out.resolve(SUMMARY));
        Trajectory theory;
        IntegrationDivergedException theoryDiverged = null;
        try {
            theory = dynamics.integrate(w0, config.steps(), config.recordEvery());
        } catch (IntegrationDivergedException e) {
            theory = e.recorded();
            theoryDiverged = e;
        }
        Trajectory integrated = theory;
        AtomicFiles.write(out.resolve(THEORY_WEIGHTS), w -> {
            w.write(RunDirectory.weightsHeader(w0.length) + "\n");
            for (int i = 0; i < integrated.size(); i++) {
                w.write(RunDirectory.weightsRow(integrated.step(i), 0, integrated.weights(i)) + "\n");
            }
        });
        Experiment experiment = Experiment.create(config, out.resolve(SGD_DIR)).observer(observer)
                .prefetch(prefetch);
        RunSummary sgdSummary = experiment.run();
        Map<Long, double[]> sgd = new HashMap<>();
        for (WeightSnapshot s : experiment.snapshots()) {
            sgd.put(s.step(), s.fields()[0]);
        }
        List<double[]> rows = new ArrayList<>();
        double[] lastSgd = null;
        double[] lastTheory = null;
        for (int i = 0; i < theory.size(); i++) {
            double[] wTheory = theory.weights(i);
            double[] w = sgd.get((long) theory.step(i));
            if (w != null) {
                lastSgd = w;
                lastTheory = wTheory;
                rows.add(new double[] {theory.step(i), LocalizationMetrics.ipr(wTheory), LocalizationMetrics.ipr(w),
                    LocalizationMetrics.rmsDistance(w, wTheory)});
            }
        }
        AtomicFiles.write(out.resolve(TRAJECTORY), w -> {
            w.write("step,iprTheory,iprSgd,l2Error\n");
            for (double[] r : rows) {
                w.write(String.format(Locale.ROOT, "%d,%s,%s,%s%n", (long) r[0], r[1], r[2], r[3]));
            }
        });
        double[] steps = column(rows, 0);
        Plots.theoryIprCurves(steps, column(rows, 1), column(rows, 2), w0.length, out.resolve(IPR_PLOT));
        Plots.theoryError(steps, column(rows, 3), out.resolve(ERROR_PLOT));
        Plots.theoryReceptiveFields(lastSgd, lastTheory, out.resolve(FIELDS_PLOT));
        SignedPeak peakTheory = LocalizationMetrics.signedPeak(lastTheory);
        SignedPeak peakSgd = LocalizationMetrics.signedPeak(lastSgd);
        double[] last = rows.get(rows.size() - 1);
        List<String> divergence = new ArrayList<>();
        if (sgdSummary.status() == RunSummary.Status.DIVERGED) {
            divergence.add("SGD: " + sgdSummary.divergence());
        }
        if (theoryDiverged != null) {
            divergence.add("Effective dynamics: " + theoryDiverged.getMessage() + ". Try a smaller learning rate.");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", RunConfig.enumName(divergence.isEmpty() ? RunSummary.Status.COMPLETED
                : RunSummary.Status.DIVERGED));
        if (!divergence.isEmpty()) {
            summary.put("divergence", String.join(" ", divergence));
        }
        summary.put("step", (long) last[0]);
        summary.put("finalIprTheory", last[1]);
        summary.put("finalIprSgd", last[2]);
        summary.put("peakTheory", RunSummary.peak(peakTheory));
        summary.put("peakSgd", RunSummary.peak(peakSgd));
        summary.put("peakMatch", peakTheory.matches(peakSgd));
        summary.put("finalL2Error", last[3]);
        summary.put("sgdStatus", RunConfig.enumName(sgdSummary.status()));
        summary.put("covariance", covariance.name().toLowerCase(Locale.ROOT));
        if (covariance == CovarianceSource.EMPIRICAL) {
            summary.put("empiricalSamples", empiricalSamples);
        }
        summary.put("variant", dynamics.variant().label());
        summary.put("amplifier", dynamics.amplifier().toString());
        summary.put("tau", dynamics.tau());
        summary.put("config", config.toMap());
        summary.put("plots", List.of(IPR_PLOT, ERROR_PLOT, FIELDS_PLOT));
        JsonFiles.write(out.resolve(SUMMARY), summary);
        return new Result(sgdSummary, summary, peakTheory, peakSgd);
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }
}
