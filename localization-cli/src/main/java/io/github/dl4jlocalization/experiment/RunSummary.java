package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.util.Require;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The outcome of a run ({@code summary.json}). The receptive-field fields describe the last
 * record: the final weights of a completed run, the last finite weights of a diverged one.
 *
 * @param status              how the run ended
 * @param steps               SGD steps done
 * @param plannedSteps        SGD steps configured
 * @param finalLoss           training loss of the last step (non-finite when diverged)
 * @param finalEvalLoss       loss on the evaluation batch at the last record
 * @param finalAccuracy       accuracy on the evaluation batch at the last record
 * @param recordStep          step of the last record
 * @param iprPerUnit          IPR of each hidden unit at the last record
 * @param peakPerUnit         signed peak of each hidden unit at the last record
 * @param inputExcessKurtosis the inputs' excess kurtosis, measured on the evaluation batch and exact
 * @param secondsElapsed      wall-clock seconds of the run, summed over resumed sessions
 * @param backend             ND4J backend class
 * @param version             project version
 * @param peakResidentBytes   peak resident memory of the (last) process, where known
 * @param model               the final checkpoint archive, relative to the run directory (null when diverged)
 * @param plots               the plot files, relative to the run directory
 * @param divergence          how the run diverged (step, reason, advice), null when completed
 */
public record RunSummary(Status status, long steps, long plannedSteps, double finalLoss, double finalEvalLoss,
                         double finalAccuracy, long recordStep, double[] iprPerUnit, List<SignedPeak> peakPerUnit,
                         InputKurtosis inputExcessKurtosis, double secondsElapsed, String backend, String version,
                         OptionalLong peakResidentBytes, String model, List<String> plots,
                         String divergence) {

    /** How a run ended. */
    public enum Status {
        /** Every planned step was done. */
        COMPLETED,
        /** The loss or the weights became non-finite; training stopped there. */
        DIVERGED
    }

    /**
     * This summary marked {@link Status#DIVERGED} with {@code divergence} (e.g. a theory
     * comparison whose integration diverged while its SGD run completed).
     */
    public RunSummary diverged(String divergence) {
        return new RunSummary(Status.DIVERGED, steps, plannedSteps, finalLoss, finalEvalLoss, finalAccuracy, recordStep,
                iprPerUnit, peakPerUnit, inputExcessKurtosis, secondsElapsed, backend, version, peakResidentBytes, model,
                plots, Require.nonNull("divergence", divergence));
    }

    /** Mean IPR over units at the last record (NaN units ignored). */
    public double meanIpr() {
        return Arrays.stream(iprPerUnit).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    /** Largest IPR over units at the last record (NaN units ignored). */
    public double maxIpr() {
        return Arrays.stream(iprPerUnit).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /** As written to {@code summary.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name().toLowerCase(Locale.ROOT));
        if (divergence != null) {
            m.put("divergence", divergence);
        }
        m.put("steps", steps);
        m.put("plannedSteps", plannedSteps);
        m.put("finalLoss", finalLoss);
        m.put("finalEvalLoss", finalEvalLoss);
        m.put("finalAccuracy", finalAccuracy);
        m.put("recordStep", recordStep);
        m.put("meanIpr", meanIpr());
        m.put("maxIpr", maxIpr());
        m.put("iprPerUnit", iprPerUnit);
        m.put("peakPerUnit", peakPerUnit.stream().map(RunSummary::peak).toList());
        m.put("inputExcessKurtosis", inputExcessKurtosis.toMap());
        m.put("secondsElapsed", secondsElapsed);
        m.put("backend", backend);
        m.put("version", version);
        m.put("peakRssBytes", peakResidentBytes.isPresent() ? peakResidentBytes.getAsLong() : null);
        m.put("model", model);
        m.put("plots", plots);
        return m;
    }

    /** A signed peak as JSON: {@code index} and {@code sign}. */
    static Map<String, Object> peak(SignedPeak p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", p.index());
        m.put("sign", p.sign());
        return m;
    }
}
