package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.data.NlgpCloneModel;

/**
 * Online batches of the Gaussian clone of NLGP(g): Gaussian data with exactly the NLGP covariance ({@link NlgpCloneModel}) for DL4J:
 * <pre>{@code
 * DataSetIterator train = new NlgpCloneDataSetIterator.Builder()
 *         .gain(3).xi(0.3, 0.7).length(40)          // the model
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
public final class NlgpCloneDataSetIterator extends DataModelDataSetIterator {
    private static final long serialVersionUID = 1L;

    private NlgpCloneDataSetIterator(Builder builder) {
        super(builder);
    }

    @Override
    public NlgpCloneModel model() {
        return (NlgpCloneModel) super.model();
    }

    /** Builder: the gain g of the NLGP whose covariance is cloned (default 3), plus the task parameters and iteration options. */
    public static final class Builder extends TaskBuilder<Builder> {
        /** A builder with the model's default parameters. */
        public Builder() {
            super("nlgp-clone");
        }

        /** The gain g > 0 of the cloned NLGP (default 3). */
        public Builder gain(double gain) {
            config().gain(gain);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public NlgpCloneDataSetIterator build() {
            return new NlgpCloneDataSetIterator(this);
        }
    }
}
