package io.github.dl4jlocalization.listeners;

import java.util.ArrayList;
import java.util.List;

/**
 * Excess kurtosis {@code m4 / m2^2 - 3} (central moments) at one training step, as recorded by
 * {@link KurtosisListener}: of each input pixel's marginal over the training samples seen since
 * the previous record, and of each hidden unit's pre-activation {@code h_k = w_k . x + b_k} over
 * a fixed held-out batch. A Gaussian variable has 0; the papers' localizing data (NLGP, Kur) have
 * negative input kurtosis, and localized receptive fields show up as growing pre-activation
 * kurtosis.
 *
 * <p>Arrays are not copied; treat them as read-only.
 *
 * <p>CSV row ({@link CsvRecordSink}), for K hidden units (K = 0 without a held-out batch):
 * <pre>
 * iteration,epoch,timestampMillis,inputSamples,meanInputKurtosis,meanPreActivationKurtosis,preActivationKurtosis_0,...,preActivationKurtosis_{K-1}
 * </pre>
 * The input kurtosis appears as its mean over the pixels (NaN when no sample was seen): its
 * per-pixel values have no column, since a record made before the first training batch has none
 * ({@link JsonLinesRecordSink} and {@link StatsStorageRecordSink} keep them).
 *
 * @param iteration             parameter updates done
 * @param epoch                 DL4J's epoch counter
 * @param inputSamples          training samples behind {@code inputKurtosis} (0 when none)
 * @param inputKurtosis         excess kurtosis per input pixel (length D; empty when no samples
 *                              were seen or input marginals are off; NaN for a constant pixel)
 * @param preActivationKurtosis excess kurtosis per hidden unit on the held-out batch (length K;
 *                              empty without a held-out batch)
 * @param timestampMillis       wall-clock time of the record
 */
public record KurtosisRecord(long iteration, int epoch, long inputSamples, double[] inputKurtosis,
                             double[] preActivationKurtosis, long timestampMillis) implements ListenerRecord {

    private static final List<String> CSV_COLUMNS = List.of("iteration", "epoch", "timestampMillis", "inputSamples",
            "meanInputKurtosis", "meanPreActivationKurtosis");

    /** Mean input excess kurtosis over pixels (NaN pixels ignored; NaN when none). */
    public double meanInputKurtosis() {
        return NanStats.mean(inputKurtosis);
    }

    /** Mean pre-activation excess kurtosis over units (NaN units ignored; NaN when none). */
    public double meanPreActivationKurtosis() {
        return NanStats.mean(preActivationKurtosis);
    }

    @Override
    public List<String> csvColumns() {
        return CsvValues.columns(CSV_COLUMNS, preActivationKurtosis.length, "preActivationKurtosis_");
    }

    @Override
    public List<String> csvValues() {
        List<String> row = new ArrayList<>();
        CsvValues.add(row, iteration);
        CsvValues.add(row, epoch);
        CsvValues.add(row, timestampMillis, inputSamples);
        CsvValues.add(row, meanInputKurtosis(), meanPreActivationKurtosis());
        CsvValues.add(row, preActivationKurtosis);
        return row;
    }

    @Override
    public String toString() {
        return String.format("KurtosisRecord[iteration=%d, epoch=%d, inputSamples=%d, meanInputKurtosis=%.4f, "
                        + "meanPreActivationKurtosis=%.4f, units=%d]", iteration, epoch, inputSamples,
                meanInputKurtosis(), meanPreActivationKurtosis(), preActivationKurtosis.length);
    }
}
