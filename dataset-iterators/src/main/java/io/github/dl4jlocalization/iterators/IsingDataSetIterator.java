package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.data.IsingModel;

/**
 * Online batches of the 1-D Ising ring (exact Boltzmann samples by default, or the reference's
 * Metropolis chains; xi are the couplings J) ({@link IsingModel}) for DL4J:
 * <pre>{@code
 * DataSetIterator train = new IsingDataSetIterator.Builder()
 *         .xi(0.3, 0.7).length(40)                 // the model (exact sampler)
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
public final class IsingDataSetIterator extends DataModelDataSetIterator {
    private static final long serialVersionUID = 1L;

    private IsingDataSetIterator(Builder builder) {
        super(builder);
    }

    @Override
    public IsingModel model() {
        return (IsingModel) super.model();
    }

    /**
     * Builder: the sampler (default exact) and Metropolis sweeps per sample (default 50), plus the
     * task parameters (xi = couplings J; 1-D only) and iteration options.
     */
    public static final class Builder extends TaskBuilder<Builder> {
        /** A builder with the model's default parameters. */
        public Builder() {
            super("ising");
        }

        /** The sampler, {@link IsingModel.Sampler#EXACT} (default) or {@link IsingModel.Sampler#METROPOLIS}. */
        public Builder sampler(IsingModel.Sampler sampler) {
            config().sampler(sampler.key());
            return this;
        }

        /** Metropolis sweeps per sample, >= 1 (default 50), used with the Metropolis sampler. */
        public Builder sweeps(int sweeps) {
            config().sweeps(sweeps);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public IsingDataSetIterator build() {
            return new IsingDataSetIterator(this);
        }
    }
}
