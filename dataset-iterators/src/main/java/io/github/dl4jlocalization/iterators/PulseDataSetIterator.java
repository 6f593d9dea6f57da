package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.data.PulseModel;

/**
 * Online batches of the single pulse (a cyclic interval of random start and length, randomly inverted) ({@link PulseModel}) for DL4J:
 * <pre>{@code
 * DataSetIterator train = new PulseDataSetIterator.Builder()
 *         .xi(0.05, 0.2).pulseSpread(0.05).length(40)          // the model
 *         .batchSize(5000).seed(1)                 // the iteration (see DataModelDataSetIterator)
 *         .build();
 * }</pre>
 * Identical, batch for batch, to {@code new DataModelDataSetIterator.Builder(model)} over the
 * same model with the same options. Parameters and defaults are those of
 * {@link io.github.dl4jlocalization.data.DataModelConfig} (the command line's).
 *
 * <p>Labels are one-hot {@code [B, 2]} by default, for DL4J's classification layers
 * ({@code .labelFormat(LabelFormat.REGRESSION)}: the papers' scalar target {@code [B, 1]}). The
 * default {@link SamplingMode#ONLINE} draws fresh batches after every {@code reset()}, so an
 * {@code EvaluativeListener} over such an iterator sees new data at every evaluation; for a
 * fixed held-out set build it with {@code .mode(SamplingMode.FIXED)} and its own seed (see
 * {@link DataModelDataSetIterator}).
 */
public final class PulseDataSetIterator extends DataModelDataSetIterator {
    private static final long serialVersionUID = 1L;

    private PulseDataSetIterator(Builder builder) {
        super(builder);
    }

    @Override
    public PulseModel model() {
        return (PulseModel) super.model();
    }

    /** Builder: the width of the pulse-length ranges (fraction of L, default 0.05), plus the task parameters (xi = lower length fractions, default (0.05, 0.2); support default (0, 1); 1-D only) and iteration options. */
    public static final class Builder extends TaskBuilder<Builder> {
        /** A builder with the model's default parameters. */
        public Builder() {
            super("pulse");
        }

        /** Width of each class's pulse-length range, as a fraction of L (default 0.05). */
        public Builder pulseSpread(double pulseSpread) {
            config().pulseSpread(pulseSpread);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public PulseDataSetIterator build() {
            return new PulseDataSetIterator(this);
        }
    }
}
