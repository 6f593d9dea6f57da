package io.github.dl4jlocalization.listeners;

import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Writes {@link EffectiveReceptiveFieldRecord}s as CSV, one row per record, flushed after every
 * row (see {@link LineFileSink}). For K units on an input of A axes the columns are
 * <pre>
 * iteration,epoch,timestampMillis,score,layer,meanIpr,maxIpr,meanWidth,ipr_0..ipr_{K-1},width_0..width_{K-1},
 * secondMomentWidth_0..,centre_0_0..centre_{K-1}_{A-1}
 * </pre>
 * ({@code width_k}: the sites holding the record's mass fraction of unit k's field;
 * {@code centre_k_a}: its centre along input axis a, in sites). The fields themselves are not
 * written (use {@link JsonLinesRecordSink}). Numbers in Java's shortest round-trip form; NaN as
 * {@code NaN}. Appending requires the same header (same units and axes).
 */
public final class EffectiveReceptiveFieldCsvSink extends LineFileSink<EffectiveReceptiveFieldRecord> {
    private static final long serialVersionUID = 1L;

    /**
     * @param file   the CSV file
     * @param append whether to add rows to an existing file (resuming) or to replace it
     */
    public EffectiveReceptiveFieldCsvSink(Path file, boolean append) {
        super(file, append);
    }

    /** The header for K units on an input of A axes. */
    public static String headerFor(int units, int axes) {
        StringJoiner h = new StringJoiner(",");
        h.add("iteration").add("epoch").add("timestampMillis").add("score").add("layer").add("meanIpr").add("maxIpr")
                .add("meanWidth");
        for (String column : new String[] {"ipr_", "width_", "secondMomentWidth_"}) {
            for (int k = 0; k < units; k++) {
                h.add(column + k);
            }
        }
        for (int k = 0; k < units; k++) {
            for (int a = 0; a < axes; a++) {
                h.add("centre_" + k + "_" + a);
            }
        }
        return h.toString();
    }

    @Override
    protected String header(EffectiveReceptiveFieldRecord first) {
        return headerFor(first.unitCount(), first.inputShape().length);
    }

    @Override
    protected String line(EffectiveReceptiveFieldRecord r) {
        StringJoiner row = new StringJoiner(",");
        row.add(Long.toString(r.iteration())).add(Integer.toString(r.epoch())).add(Long.toString(r.timestampMillis()))
                .add(Double.toString(r.score())).add(r.layer().replace(',', ';')).add(Double.toString(r.meanIpr()))
                .add(Double.toString(r.maxIpr())).add(Double.toString(r.meanWidth()));
        for (double v : r.ipr()) {
            row.add(Double.toString(v));
        }
        for (int w : r.width()) {
            row.add(Integer.toString(w));
        }
        for (double v : r.secondMomentWidth()) {
            row.add(Double.toString(v));
        }
        for (double[] c : r.centre()) {
            for (double v : c) {
                row.add(Double.toString(v));
            }
        }
        return row.toString();
    }
}
