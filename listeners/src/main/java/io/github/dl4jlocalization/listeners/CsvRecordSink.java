package io.github.dl4jlocalization.listeners;

import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Writes {@link ReceptiveFieldRecord}s as CSV, one row per record, flushed after every row
 * (see {@link LineFileSink} for durability and appending). For K hidden units the columns are
 * <pre>
 * iteration,epoch,timestampMillis,score,meanIpr,maxIpr,ipr_0,...,ipr_{K-1},peak_0,...,peak_{K-1},sign_0,...,sign_{K-1}
 * </pre>
 * <ul>
 *   <li>{@code iteration}: parameter updates done; {@code epoch}: DL4J's epoch counter;
 *       {@code timestampMillis}: wall-clock time (ms since the epoch);</li>
 *   <li>{@code score}: the loss on the last minibatch; {@code meanIpr}, {@code maxIpr}: mean and
 *       largest IPR over the units (NaN units ignored);</li>
 *   <li>{@code ipr_k}: unit k's IPR; {@code peak_k}: the index {@code i*} of its largest
 *       |weight|; {@code sign_k}: the sign of that weight (-1, 0 or 1). The pair is kept in two
 *       columns because the reference's single number {@code i* sign} cannot tell the signs
 *       apart at index 0.</li>
 * </ul>
 * Numbers use Java's shortest round-trip decimal form ({@link Double#toString(double)}), so the
 * values parse back exactly; an undefined value is written {@code NaN}. Weight snapshots are not
 * written (use {@link JsonLinesRecordSink} for them). Appending to an existing file requires the
 * same header, i.e. the same number of units.
 */
public final class CsvRecordSink extends LineFileSink<ReceptiveFieldRecord> {
    private static final long serialVersionUID = 1L;

    /**
     * @param file   the CSV file
     * @param append whether to add rows to an existing file (resuming a run) or to replace it
     */
    public CsvRecordSink(Path file, boolean append) {
        super(file, append);
    }

    /** The header line for K units. */
    public static String headerFor(int units) {
        StringJoiner header = new StringJoiner(",");
        header.add("iteration").add("epoch").add("timestampMillis").add("score").add("meanIpr").add("maxIpr");
        for (String column : new String[] {"ipr_", "peak_", "sign_"}) {
            for (int k = 0; k < units; k++) {
                header.add(column + k);
            }
        }
        return header.toString();
    }

    @Override
    protected String header(ReceptiveFieldRecord first) {
        return headerFor(first.units());
    }

    @Override
    protected String line(ReceptiveFieldRecord r) {
        StringJoiner row = new StringJoiner(",");
        row.add(Long.toString(r.iteration())).add(Integer.toString(r.epoch()))
                .add(Long.toString(r.timestampMillis())).add(Double.toString(r.score()))
                .add(Double.toString(r.meanIpr())).add(Double.toString(r.maxIpr()));
        for (double ipr : r.ipr()) {
            row.add(Double.toString(ipr));
        }
        for (var peak : r.peaks()) {
            row.add(Integer.toString(peak.index()));
        }
        for (var peak : r.peaks()) {
            row.add(Integer.toString(peak.sign()));
        }
        return row.toString();
    }
}
