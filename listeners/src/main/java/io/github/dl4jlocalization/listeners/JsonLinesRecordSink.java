package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes records as JSON lines (<a href="https://jsonlines.org">jsonlines.org</a>): one JSON
 * object per line, flushed after every record (see {@link LineFileSink} for durability and
 * appending). The object holds the record's components by name, e.g. for a
 * {@link ReceptiveFieldRecord}
 * <pre>
 * {"iteration":100,"epoch":0,"score":0.2471,"ipr":[0.031,0.044],"peaks":[{"index":17,"sign":-1},{"index":3,"sign":1}],
 *  "receptiveFields":[[...D weights of unit 0...],[...unit 1...]],"timestampMillis":1700000000000}
 * </pre>
 * ({@code "receptiveFields":null} when snapshots are off) and for a {@link KurtosisRecord} its
 * per-pixel and per-unit kurtosis arrays. Doubles are written in their shortest round-trip form;
 * NaN and infinities, which JSON lacks, as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}. {@link #read(Path, Class)} reads a file back into records.
 *
 * <p>Records are converted by the Jackson that ND4J ships shaded ({@code org.nd4j.shade.jackson}),
 * which maps Java records by their components.
 *
 * @param <R> the record type, a Java record (or a Jackson-serialisable bean)
 */
public final class JsonLinesRecordSink<R> extends LineFileSink<R> {
    private static final long serialVersionUID = 1L;
    /** Thread-safe once configured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param file   the JSON-lines file (by convention {@code *.jsonl})
     * @param append whether to add lines to an existing file (resuming a run) or to replace it
     */
    public JsonLinesRecordSink(Path file, boolean append) {
        super(file, append);
    }

    @Override
    protected String line(R record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record cannot be written as JSON: " + record, e);
        }
    }

    /**
     * Reads every line of a JSON-lines file back into records of {@code type}, e.g.
     * {@code read(path, ReceptiveFieldRecord.class)}; blank lines are skipped.
     *
     * @throws UncheckedIOException when the file cannot be read or a line is not a {@code type}
     */
    public static <T> List<T> read(Path file, Class<T> type) {
        Require.nonNull("file", file);
        Require.nonNull("type", type);
        List<T> out = new ArrayList<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (!line.isBlank()) {
                    try {
                        out.add(MAPPER.readValue(line, type));
                    } catch (JsonProcessingException e) {
                        throw new UncheckedIOException("line " + number + " of " + file + " is not a "
                                + type.getSimpleName(), e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
