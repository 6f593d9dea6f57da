package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.data.EllipticalModel;

/**
 * Online batches of an elliptical law (shell, extreme radius or multivariate Student-t) ({@link EllipticalModel}) for DL4J:
 * <pre>{@code
 * DataSetIterator train = new EllipticalDataSetIterator.Builder()
 *         .radial("shell").xi(1, 3).length(40)          // the model
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
public final class EllipticalDataSetIterator extends DataModelDataSetIterator {
    private static final long serialVersionUID = 1L;

    private EllipticalDataSetIterator(Builder builder) {
        super(builder);
    }

    @Override
    public EllipticalModel model() {
        return (EllipticalModel) super.model();
    }

    /** Builder: the radial law (default extreme) and Student-t degrees of freedom (default 3), plus the task parameters and iteration options. A user-supplied radial quantile goes through {@code new DataModelDataSetIterator.Builder(new EllipticalModel(RadialLaw.quantile(...), ...))}. */
    public static final class Builder extends TaskBuilder<Builder> {
        /** A builder with the model's default parameters. */
        public Builder() {
            super("elliptical");
        }

        /** The radial law: shell, extreme or t (default extreme). */
        public Builder radial(String radial) {
            config().radial(radial);
            return this;
        }

        /** Student-t degrees of freedom > 2 (default 3). */
        public Builder df(double df) {
            config().df(df);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public EllipticalDataSetIterator build() {
            return new EllipticalDataSetIterator(this);
        }
    }
}
