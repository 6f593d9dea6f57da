package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.sweep.Sweep;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A figure's CSV table: a header and rows of the same width, written atomically with
 * {@link Sweep#csvLine} (RFC 4180 quoting). Numbers are written with {@link String#valueOf}
 * (full double precision; NaN and Infinity as Java spells them).
 */
public final class CsvTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** An empty table with these column names. */
    public CsvTable(String... header) {
        Require.that(header.length > 0, "header", header.length, "at least one column");
        this.header = List.of(header);
    }

    /** Appends a row of {@code header.length} values. */
    public CsvTable row(Object... values) {
        Require.that(values.length == header.size(), "row", values.length + " values",
                header.size() + " values, one per column " + header);
        List<String> row = new ArrayList<>(values.length);
        for (Object v : values) {
            row.add(String.valueOf(v));
        }
        rows.add(row);
        return this;
    }

    /** The number of rows. */
    public int size() {
        return rows.size();
    }

    /** Writes the table to {@code csv}, atomically. */
    public void write(Path csv) {
        AtomicFiles.write(csv, out -> {
            out.write(Sweep.csvLine(header));
            for (List<String> row : rows) {
                out.write(Sweep.csvLine(row));
            }
        });
    }
}
