package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The common machinery of the project's measuring listeners: a schedule (every {@code frequency}
 * parameter updates, or every {@code frequency} epochs with {@link InvocationType#EPOCH_END}), a
 * measurement producing one record, a one-line SLF4J summary of it (INFO), and the
 * {@link RecordSink}s that receive it. A record's step is the number of parameter updates the
 * model has seen (DL4J calls {@code iterationDone} after the update, with the 0-based index of
 * that update).
 *
 * @param <R> the record type
 */
public abstract class RecordingListener<R> extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Schedule schedule;
    private final List<RecordSink<? super R>> sinks;

    /** Takes the schedule and the sinks of a builder. */
    protected RecordingListener(Builder<R, ?> builder) {
        this.schedule = new Schedule(builder.frequency, builder.invocationType);
        this.sinks = List.copyOf(builder.sinks);
    }

    /**
     * Called after every parameter update, before the schedule is consulted: a listener that
     * accumulates over steps (e.g. over training batches) does it here. Does nothing by default.
     *
     * @param step the number of parameter updates done, the update just made included
     */
    protected void observe(Model model, long step) {
    }

    /** Measures the model now: the record at {@code step} updates, in {@code epoch}. */
    protected abstract R measure(Model model, long step, int epoch);

    /** The one-line summary logged for a record. */
    protected abstract String summarize(R record);

    @Override
    public final void iterationDone(Model model, int iteration, int epoch) {
        long step = iteration + 1L;
        observe(model, step);
        if (schedule.dueAfterStep(step)) {
            recordNow(model, step, epoch);
        }
    }

    @Override
    public final void onEpochEnd(Model model) {
        int epoch = ModelAccess.epoch(model);
        if (schedule.dueAtEndOfEpoch(epoch)) {
            recordNow(model, ModelAccess.stepsDone(model), epoch);
        }
    }

    /** Records now, whatever the schedule, at the model's own counters (e.g. step 0 before fit). */
    public R recordNow(Model model) {
        return recordNow(model, ModelAccess.stepsDone(model), ModelAccess.epoch(model));
    }

    /**
     * Records now, whatever the schedule, logs the summary and hands the record to the sinks.
     *
     * @param step  the number of parameter updates done (the record's step)
     * @param epoch the epoch to report
     */
    public R recordNow(Model model, long step, int epoch) {
        R record = measure(model, step, epoch);
        Logger log = LoggerFactory.getLogger(getClass());
        if (log.isInfoEnabled()) {
            log.info("step {}: {}", step, summarize(record));
        }
        for (RecordSink<? super R> sink : sinks) {
            sink.accept(record);
        }
        return record;
    }

    /** Closes every sink. */
    public void close() {
        sinks.forEach(RecordSink::close);
    }

    /** The recording period, in updates or epochs. */
    public int frequency() {
        return schedule.frequency();
    }

    /** What the frequency counts: {@link InvocationType#ITERATION_END} (updates) or EPOCH_END (epochs). */
    public InvocationType invocationType() {
        return schedule.invocationType();
    }

    /** The listener's own settings, for {@link #toString()}. */
    protected abstract String settings();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + schedule + ", " + settings() + ", sinks=" + sinks + ")";
    }

    /**
     * The options every recording listener has: the frequency (first, as in DL4J's listeners), the
     * invocation type and the sinks.
     *
     * @param <R> the record type
     * @param <B> the concrete builder type
     */
    public abstract static class Builder<R, B extends Builder<R, B>> {
        private final int frequency;
        private InvocationType invocationType = InvocationType.ITERATION_END;
        private final List<RecordSink<? super R>> sinks = new ArrayList<>();

        /** @param frequency record every this many updates (or epochs), >= 1 */
        protected Builder(int frequency) {
            this.frequency = Require.atLeast("frequency", frequency, 1);
        }

        /** This builder, typed as its concrete class. */
        protected abstract B self();

        /** {@link InvocationType#ITERATION_END} (default) or {@link InvocationType#EPOCH_END}. */
        public B invocationType(InvocationType type) {
            this.invocationType = new Schedule(frequency, type).invocationType();
            return self();
        }

        /** Adds a sink. */
        public B sink(RecordSink<? super R> sink) {
            sinks.add(Require.nonNull("sink", sink));
            return self();
        }
    }
}
