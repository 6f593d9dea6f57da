package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A sink that writes one line of UTF-8 text per record to a file, the shared machinery of
 * {@link CsvRecordSink} and {@link JsonLinesRecordSink}: a subclass says what a record's line
 * is and, optionally, what header line the file starts with.
 *
 * <h2>Durability</h2>
 * Every record's line is written and flushed to the operating system before {@link #accept}
 * returns, so a file read while training runs, or after the JVM dies, holds every accepted
 * record as a complete line (at most the line being written at the moment of a crash is
 * partial).
 *
 * <h2>Opening, appending and resuming</h2>
 * The file is opened lazily, at the first record (parent directories are created). With
 * {@code append = false} the first open truncates the file; with {@code append = true} records
 * are added after the existing lines, which resumes a run's log. A header is written only into
 * an empty file; when appending to a non-empty file with a header, its first line must equal
 * this sink's header for that record (e.g. the same number of hidden units in a CSV), otherwise
 * {@link #accept} fails with an {@link IllegalStateException} and nothing is written.
 *
 * <p>Once the sink has opened its file, later opens append: after {@link #close()} (a record
 * accepted after close reopens the file) and in a deserialised copy (the writer is transient),
 * so neither erases the lines already written.
 *
 * <p>Thread-safe (accept and close are synchronized). I/O failures surface as
 * {@link UncheckedIOException}.
 *
 * @param <R> the record type
 */
public abstract class LineFileSink<R> implements RecordSink<R> {
    private static final long serialVersionUID = 1L;

    /** The file, kept as a string ({@link Path} is not serializable). */
    private final String file;
    private final boolean append;
    /** Whether this sink has opened its file before (later opens append). */
    private boolean opened;
    private transient Writer writer;

    /**
     * @param file   the file to write
     * @param append whether to add to the existing content of the file (true) or replace it
     */
    protected LineFileSink(Path file, boolean append) {
        this.file = Require.nonNull("file", file).toString();
        this.append = append;
    }

    /**
     * The header line of a file whose first record is {@code first}, without the line break,
     * or null for none (the default).
     */
    protected String header(R first) {
        return null;
    }

    /** The line of one record, without the line break (it must not contain one). */
    protected abstract String line(R record);

    @Override
    public final synchronized void accept(R record) {
        Require.nonNull("record", record);
        String text = line(record);
        try {
            if (writer == null) {
                open(record);
            }
            writer.write(text);
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a record to " + file + ": " + e.getMessage(), e);
        }
    }

    private void open(R first) throws IOException {
        Path path = file();
        boolean keep = append || opened;
        boolean hasContent = keep && Files.exists(path) && Files.size(path) > 0;
        String header = header(first);
        if (hasContent && header != null) {
            String existing;
            try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                existing = reader.readLine();
            }
            if (!header.equals(existing)) {
                throw new IllegalStateException("cannot append to " + file + ": its header is \"" + existing
                        + "\", but this sink writes \"" + header + "\"");
            }
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                keep ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        opened = true;
        if (!hasContent && header != null) {
            writer.write(header);
            writer.write('\n');
        }
    }

    /** Closes the file (if open); a later record reopens it and appends. */
    @Override
    public final synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
            } finally {
                writer = null;
            }
        }
    }

    /** The file written. */
    public final Path file() {
        return Path.of(file);
    }

    /** Whether the sink appends to existing content at its first open. */
    public final boolean append() {
        return append;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(file=" + file + ", append=" + append + ")";
    }
}
