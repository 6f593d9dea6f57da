package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.experiment.InputKurtosis;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunSummary;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one {@link WorkUnit} ({@code results/<id>.json} of a sweep): what the results
 * table needs, without the run's files. Numbers not available (a failed unit, an unknown exact
 * kurtosis) are NaN (null in the file).
 *
 * @param id                       the unit's id
 * @param status                   how it ended
 * @param error                    the failure (or divergence) message, null when completed
 * @param finalLoss                training loss of the last step
 * @param accuracy                 accuracy on the evaluation batch at the last record
 * @param meanIpr                  mean IPR over units at the last record
 * @param maxIpr                   largest IPR over units at the last record
 * @param iprPerUnit               IPR of each hidden unit at the last record (empty when failed)
 * @param inputExcessKurtosis      the inputs' excess kurtosis measured on the evaluation batch (both classes)
 * @param inputExcessKurtosisExact the model's exact value (both classes)
 * @param measures                 the task's further named numbers ({@link UnitTask.Outcome#measures()}),
 *                                 empty for training and when failed
 * @param seconds                  wall-clock seconds of the execution
 */
public record UnitResult(String id, Status status, String error, double finalLoss, double accuracy, double meanIpr,
                         double maxIpr, double[] iprPerUnit, double inputExcessKurtosis,
                         double inputExcessKurtosisExact, Map<String, Double> measures, double seconds)
        implements Serializable {

    /** How a unit ended. */
    public enum Status {
        /** Trained every step. */
        COMPLETED,
        /** The loss or weights became non-finite ({@link RunSummary.Status#DIVERGED}). */
        DIVERGED,
        /** An error stopped it (see {@link #error()}). */
        FAILED
    }

    /** Validates id and status and copies the IPRs. */
    public UnitResult {
        Require.nonNull("id", id);
        Require.nonNull("status", status);
        iprPerUnit = Require.nonNull("iprPerUnit", iprPerUnit).clone();
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull("measures", measures)));
    }

    /** The result of a finished run with the task's further measures. */
    public static UnitResult of(String id, RunSummary summary, Map<String, Double> measures, double seconds) {
        InputKurtosis k = summary.inputExcessKurtosis();
        return new UnitResult(id, summary.status() == RunSummary.Status.COMPLETED ? Status.COMPLETED : Status.DIVERGED,
                summary.divergence(), summary.finalLoss(), summary.finalAccuracy(), summary.meanIpr(),
                summary.maxIpr(), summary.iprPerUnit(), k.measured(), k.exact().orElse(Double.NaN), measures, seconds);
    }

    /** The result of a unit that failed with {@code error}. */
    public static UnitResult failed(String id, String error, double seconds) {
        return new UnitResult(id, Status.FAILED, Require.nonNull("error", error), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, new double[0], Double.NaN, Double.NaN, Map.of(), seconds);
    }

    @Override
    public double[] iprPerUnit() {
        return iprPerUnit.clone();
    }

    /** Whether both describe the same outcome: every field but {@link #seconds()} equal. */
    public boolean sameOutcome(UnitResult other) {
        Map<String, Object> a = new LinkedHashMap<>(toMap());
        Map<String, Object> b = new LinkedHashMap<>(other.toMap());
        a.remove("seconds");
        b.remove("seconds");
        return a.toString().equals(b.toString());
    }

    /** As written to the result file (by {@code JsonFiles}: NaN numbers as null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", status.name().toLowerCase(Locale.ROOT));
        m.put("error", error);
        m.put("finalLoss", finalLoss);
        m.put("accuracy", accuracy);
        m.put("meanIpr", meanIpr);
        m.put("maxIpr", maxIpr);
        m.put("iprPerUnit", Arrays.stream(iprPerUnit).boxed().toList());
        m.put("inputExcessKurtosis", inputExcessKurtosis);
        m.put("inputExcessKurtosisExact", inputExcessKurtosisExact);
        m.put("measures", measures);
        m.put("seconds", seconds);
        return m;
    }

    /**
     * Reads a map written by {@link #toMap()}.
     *
     * @throws IllegalArgumentException naming the first missing or malformed entry
     */
    public static UnitResult fromMap(Map<String, ?> m) {
        Object ipr = m.get("iprPerUnit");
        Require.that(ipr instanceof List<?>, "iprPerUnit", ipr, "a list of numbers");
        double[] perUnit = ((List<?>) ipr).stream().mapToDouble(v -> orNaN("iprPerUnit", v)).toArray();
        Object error = m.get("error");
        Map<String, Double> measures = new LinkedHashMap<>();
        if (m.containsKey("measures")) {
            ConfigValues.section("measures", m.get("measures")).forEach((key, value) ->
                    measures.put(key, orNaN("measures." + key, value)));
        }
        return new UnitResult(ConfigValues.string("id", m.get("id")),
                RunConfig.parseEnum("status", Status.class, ConfigValues.string("status", m.get("status"))),
                error == null ? null : error.toString(), number(m, "finalLoss"), number(m, "accuracy"),
                number(m, "meanIpr"), number(m, "maxIpr"), perUnit, number(m, "inputExcessKurtosis"),
                number(m, "inputExcessKurtosisExact"), measures, number(m, "seconds"));
    }

    /** The number {@code key}: present, and null (JSON's NaN) or a number. */
    private static double number(Map<String, ?> m, String key) {
        Require.that(m.containsKey(key), key, "missing", "a number or null");
        return orNaN(key, m.get(key));
    }

    /** A number, NaN for null (files written before non-finite numbers became null hold "NaN"). */
    private static double orNaN(String key, Object value) {
        return value == null ? Double.NaN : ConfigValues.number(key, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitResult r && r.toMap().toString().equals(toMap().toString());
    }

    @Override
    public int hashCode() {
        return toMap().toString().hashCode();
    }

    @Override
    public String toString() {
        return "UnitResult" + toMap();
    }
}
