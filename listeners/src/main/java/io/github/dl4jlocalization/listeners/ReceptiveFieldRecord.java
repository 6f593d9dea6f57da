package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.SignedPeak;

import java.util.ArrayList;
import java.util.List;

/**
 * The receptive-field state of a hidden layer at one training step: the inverse participation
 * ratio {@code IPR_k = sum_i w_ki^4 / (sum_i w_ki^2)^2} and the signed peak of every unit k, and
 * optionally the weights themselves ({@code receptiveFields[k]} = unit k's D input weights).
 *
 * <p>Arrays are not copied; treat them as read-only.
 *
 * <p>CSV row ({@link CsvRecordSink}), for K hidden units:
 * <pre>
 * iteration,epoch,timestampMillis,score,meanIpr,maxIpr,ipr_0,...,ipr_{K-1},peak_0,...,peak_{K-1},sign_0,...,sign_{K-1}
 * </pre>
 * {@code peak_k} is the index {@code i*} of unit k's largest |weight| and {@code sign_k} the sign
 * of that weight (-1, 0 or 1): two columns, because the reference's single number {@code i* sign}
 * cannot tell the signs apart at index 0. The weights themselves are not written (their number
 * depends on D; {@link JsonLinesRecordSink} keeps them).
 *
 * @param iteration       DL4J's iteration counter (the number of parameter updates done)
 * @param epoch           DL4J's epoch counter
 * @param score           the model's score (loss) on the last minibatch
 * @param ipr             IPR per unit, in [1/D, 1] (NaN for an all-zero unit)
 * @param peaks           signed peak per unit
 * @param receptiveFields K x D weights, or null when snapshots are off
 * @param timestampMillis wall-clock time of the record
 */
public record ReceptiveFieldRecord(long iteration, int epoch, double score, double[] ipr, SignedPeak[] peaks,
                                   double[][] receptiveFields, long timestampMillis) implements ListenerRecord {

    private static final List<String> CSV_COLUMNS = List.of("iteration", "epoch", "timestampMillis", "score",
            "meanIpr", "maxIpr");

    /** Number of hidden units K. */
    public int units() {
        return ipr.length;
    }

    /** Mean IPR over units (NaN units ignored; NaN when all are NaN). */
    public double meanIpr() {
        return NanStats.mean(ipr);
    }

    /** Largest IPR over units (NaN units ignored; NaN when all are NaN). */
    public double maxIpr() {
        return NanStats.max(ipr);
    }

    /** Index of the unit with the largest IPR (-1 when all are NaN). */
    public int mostLocalizedUnit() {
        int best = -1;
        for (int k = 0; k < ipr.length; k++) {
            if (!Double.isNaN(ipr[k]) && (best < 0 || ipr[k] > ipr[best])) {
                best = k;
            }
        }
        return best;
    }

    /** Whether the weights were recorded. */
    public boolean hasReceptiveFields() {
        return receptiveFields != null;
    }

    @Override
    public List<String> csvColumns() {
        return CsvValues.columns(CSV_COLUMNS, units(), "ipr_", "peak_", "sign_");
    }

    @Override
    public List<String> csvValues() {
        List<String> row = new ArrayList<>();
        CsvValues.add(row, iteration);
        CsvValues.add(row, epoch);
        CsvValues.add(row, timestampMillis);
        CsvValues.add(row, score, meanIpr(), maxIpr());
        CsvValues.add(row, ipr);
        for (SignedPeak peak : peaks) {
            CsvValues.add(row, peak.index());
        }
        for (SignedPeak peak : peaks) {
            CsvValues.add(row, peak.sign());
        }
        return row;
    }

    @Override
    public String toString() {
        return String.format("ReceptiveFieldRecord[iteration=%d, epoch=%d, score=%.6g, units=%d, meanIpr=%.4f, maxIpr=%.4f]",
                iteration, epoch, score, units(), meanIpr(), maxIpr());
    }
}
