package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import io.github.dl4jlocalization.listeners.RecordSink;
import io.github.dl4jlocalization.util.Require;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Appends the weight snapshot of every {@link ReceptiveFieldRecord} to a run's
 * {@code weights.csv}: K rows {@code step,unit,w0..w{D-1}} with the record's iteration as the
 * step, flushed once the record's rows are written.
 */
final class WeightsCsvSink implements RecordSink<ReceptiveFieldRecord> {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient Writer out;

    /** Appends to {@code directory}'s {@value RunDirectory#WEIGHTS} (which has its header already). */
    WeightsCsvSink(RunDirectory directory) {
        this.file = directory.path(RunDirectory.WEIGHTS);
        this.out = directory.append(RunDirectory.WEIGHTS);
    }

    @Override
    public void accept(ReceptiveFieldRecord record) {
        Require.that(record.hasReceptiveFields(), "record", record, "a record with a weight snapshot");
        try {
            double[][] fields = record.receptiveFields();
            for (int k = 0; k < fields.length; k++) {
                out.write(RunDirectory.weightsRow(record.iteration(), k, fields[k]));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(IoFailures.message("could not write", file, e), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(IoFailures.message("could not close", file, e), e);
        }
    }

    @Override
    public String toString() {
        return "WeightsCsvSink";
    }
}
