package io.github.dl4jlocalization.listeners;

import java.nio.file.Path;

/**
 * Writes records of any of the listeners' types as CSV, one row per record under a header line,
 * flushed after every row (see {@link LineFileSink} for durability and appending):
 * <pre>{@code
 * new ReceptiveFieldListener.Builder(10).sink(new CsvRecordSink<>(Path.of("run/fields.csv"), false)).build();
 * new KurtosisListener.Builder(10).heldOutBatch(heldOut).sink(new CsvRecordSink<>(Path.of("run/kurtosis.csv"), false)).build();
 * new IterativeMagnitudePruning.Builder().sink(new CsvRecordSink<>(Path.of("run/rounds.csv"), false)).build();
 * }</pre>
 * The columns are those of the record type ({@link ListenerRecord#csvColumns()}; documented on
 * {@link ReceptiveFieldRecord}, {@link KurtosisRecord} and {@link PruningRoundRecord}), e.g. for
 * receptive fields of K units
 * {@code iteration,epoch,timestampMillis,score,meanIpr,maxIpr,ipr_0,...,peak_0,...,sign_0,...}.
 * One file holds one record type and shape: the header comes from the first record, and a record
 * with other columns (another type, another number of units) is refused with an
 * {@link IllegalStateException} naming both headers, before anything of it is written. Appending to
 * an existing file requires the same header.
 *
 * @param <R> the record type
 */
public final class CsvRecordSink<R extends ListenerRecord> extends LineFileSink<R> {
    private static final long serialVersionUID = 2L;

    /** The header of this sink's rows, fixed by the first record. */
    private String header;

    /**
     * @param file   the CSV file
     * @param append whether to add rows to an existing file (resuming a run) or to replace it
     */
    public CsvRecordSink(Path file, boolean append) {
        super(file, append);
    }

    @Override
    protected String header(R first) {
        return String.join(",", first.csvColumns());
    }

    @Override
    protected String line(R record) {
        String columns = header(record);
        if (header == null) {
            header = columns;
        } else if (!header.equals(columns)) {
            throw new IllegalStateException("cannot write " + record + " to " + file() + ": its columns are \""
                    + columns + "\", but the file's are \"" + header + "\" (one record type and shape per file)");
        }
        return String.join(",", record.csvValues());
    }
}
