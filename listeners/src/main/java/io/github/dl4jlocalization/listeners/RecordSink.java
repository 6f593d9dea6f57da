package io.github.dl4jlocalization.listeners;

import java.io.Serializable;

/**
 * Where a listener hands its records: a file, memory, or DL4J's stats storage (for the UI).
 * A sink makes each accepted record durable as soon as its medium allows (file sinks flush every
 * record), so a crash never loses records that were already handed over.
 *
 * @param <R> the record type
 */
public interface RecordSink<R> extends Serializable, AutoCloseable {

    /** Takes one record. */
    void accept(R record);

    /** A sink that drops every record: a listener's own cost, without I/O (benchmarks). */
    static <R> RecordSink<R> discarding() {
        return record -> {
        };
    }

    /** Releases the sink's resources; records accepted before stay where they were written. */
    @Override
    default void close() {
    }
}
