package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps records in memory, in the order accepted (for tests, notebooks and small runs).
 * Thread-safe: a reader may take {@link #records()} while training adds records.
 *
 * <pre>{@code
 * InMemoryRecordSink<ReceptiveFieldRecord> memory = new InMemoryRecordSink<>();
 * net.addListeners(new ReceptiveFieldListener(10, memory));
 * net.fit(train);
 * List<ReceptiveFieldRecord> trajectory = memory.records();
 * }</pre>
 *
 * @param <R> the record type (Serializable for the sink to be)
 */
public final class InMemoryRecordSink<R> implements RecordSink<R> {
    private static final long serialVersionUID = 1L;

    private final List<R> records = new ArrayList<>();

    @Override
    public synchronized void accept(R record) {
        records.add(Require.nonNull("record", record));
    }

    /** An immutable snapshot of the records accepted so far, oldest first. */
    public synchronized List<R> records() {
        return List.copyOf(records);
    }

    /** The number of records accepted so far. */
    public synchronized int size() {
        return records.size();
    }

    /** The most recent record, or null when none. */
    public synchronized R latest() {
        return records.isEmpty() ? null : records.get(records.size() - 1);
    }

    @Override
    public synchronized String toString() {
        return "InMemoryRecordSink(records=" + records.size() + ")";
    }
}
