package io.github.dl4jlocalization.listeners;

import java.io.Serializable;
import java.util.List;

/**
 * A record of this package's listeners, the one type every sink takes: a
 * {@link ReceptiveFieldRecord} ({@link ReceptiveFieldListener}), a {@link KurtosisRecord}
 * ({@link KurtosisListener}), a {@link PruningRoundRecord} ({@link IterativeMagnitudePruning}) or an
 * {@link EffectiveReceptiveFieldRecord} ({@link EffectiveReceptiveFieldListener}).
 * {@link CsvRecordSink} writes any of them as one CSV row under the header of its type,
 * {@link JsonLinesRecordSink} as a JSON object, {@link StatsStorageRecordSink} as a DL4J
 * stats-storage update for the UI, {@link InMemoryRecordSink} keeps them.
 *
 * <p>The CSV form: {@link #csvColumns()} names the columns and {@link #csvValues()} gives the
 * values in the same order. Numbers are written in Java's shortest round-trip decimal form
 * ({@link Double#toString(double)}), so they parse back exactly, and an undefined value as
 * {@code NaN}. The columns depend only on the record's type and on sizes that are fixed during
 * training (the number of hidden units K, the input's axes), never on the data, so every record of one listener has
 * the same header.
 */
public sealed interface ListenerRecord extends Serializable
        permits ReceptiveFieldRecord, KurtosisRecord, PruningRoundRecord, EffectiveReceptiveFieldRecord {

    /** Wall-clock time of the record, ms since the epoch. */
    long timestampMillis();

    /** The CSV column names of this record's row. */
    List<String> csvColumns();

    /** The CSV values of this record, in the order of {@link #csvColumns()}. */
    List<String> csvValues();
}
