package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.data.KurModel;

/**
 * Online batches of Kur(k), the Gaussian copula with algebraic-sigmoid (or another) marginal ({@link KurModel}) for DL4J:
 * <pre>{@code
 * DataSetIterator train = new KurDataSetIterator.Builder()
 *         .k(6.1).xi(0.3, 0.7).length(40)          // the model
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
public final class KurDataSetIterator extends DataModelDataSetIterator {
    private static final long serialVersionUID = 1L;

    private KurDataSetIterator(Builder builder) {
        super(builder);
    }

    @Override
    public KurModel model() {
        return (KurModel) super.model();
    }

    /** Builder: the marginal (default algebraic) and its exponent k (default 5), plus the task parameters and iteration options. */
    public static final class Builder extends TaskBuilder<Builder> {
        /** A builder with the model's default parameters. */
        public Builder() {
            super("kur");
        }

        /** The algebraic-sigmoid exponent k > 2 (default 5). */
        public Builder k(double k) {
            config().k(k);
            return this;
        }

        /** The marginal: algebraic, gaussian, uniform, laplace or binary (default algebraic). */
        public Builder marginal(String marginal) {
            config().marginal(marginal);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public KurDataSetIterator build() {
            return new KurDataSetIterator(this);
        }
    }
}
