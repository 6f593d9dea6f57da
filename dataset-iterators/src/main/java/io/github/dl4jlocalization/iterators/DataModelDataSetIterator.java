package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.data.Support;
import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A DL4J {@link DataSetIterator} that generates labelled batches of any {@link DataModel} on
 * demand: features {@code [B, D]}, labels {@code [B, 2]} one-hot ({@link LabelFormat#ONE_HOT},
 * the default, as DL4J's own classification iterators: a softmax {@code OutputLayer} with
 * {@code nOut(2)} trains on them as they are) or {@code [B, 1]} ({@link LabelFormat#REGRESSION},
 * the papers' MSE target {@code y} in {0, 1}, chosen explicitly for their one-output networks).
 *
 * <h2>Batches and epochs</h2>
 * The iterator keeps a global batch counter {@code t = epoch * batchesPerEpoch + i}; batch
 * {@code t} is batch {@link SamplingMode#sourceBatch(long, int) mode.sourceBatch(t)} of a
 * {@link BatchSampler}, a pure function of {@code (seed, batch index)}:
 * <ul>
 *   <li>{@link SamplingMode#ONLINE} (default): sampler batch {@code t}; every batch of every epoch
 *       is fresh data, the online regime of the papers (step {@code t} of SGD sees batch
 *       {@code t}).</li>
 *   <li>{@link SamplingMode#FIXED}: sampler batch {@code t mod batchesPerEpoch}; a finite training
 *       set of {@code batchesPerEpoch * batchSize} samples, identical in every epoch.</li>
 * </ul>
 * An epoch is {@code batchesPerEpoch} batches: {@link #hasNext()} turns false at its end, and
 * {@link #reset()} starts the next epoch. DL4J calls {@code reset()} between epochs (e.g.
 * {@code MultiLayerNetwork.fit(iterator, numEpochs)}, or {@code fit(iterator)} on an exhausted
 * iterator), so in ONLINE mode epoch {@code e} sees sampler batches
 * {@code e*batchesPerEpoch .. (e+1)*batchesPerEpoch - 1}.
 *
 * <h2>Reproducibility, prefetching and resuming</h2>
 * All randomness comes from the seeded counter-based streams of {@link BatchSampler}, never from
 * ND4J's or the thread's generator, so a batch is bit-identical whether it is drawn synchronously,
 * prefetched on DL4J's {@code AsyncDataSetIterator} thread ({@link #asyncSupported()} is true), or
 * regenerated after a restart: save {@link #position()} with a checkpoint and rebuild the
 * iterator with {@link BaseBuilder#startBatch(long) startBatch(position)}.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * // your classifier (e.g. a softmax OutputLayer with nOut(2) and MCXENT) on NLGP(3) data, L = 40
 * DataSetIterator train = new NlgpDataSetIterator.Builder()
 *         .gain(3).xi(0.3, 0.7).length(40)
 *         .batchSize(1000).batchesPerEpoch(100).seed(1)
 *         .build();                                  // one-hot labels [B, 2]
 * net.fit(train, 10);        // 10 epochs = 1,000 steps, each on a fresh batch
 *
 * // the papers' networks (ShallowNetwork: one output, MSE) take the scalar target y explicitly
 * DataSetIterator papers = new DataModelDataSetIterator.Builder(model)
 *         .batchSize(5000).batchesPerEpoch(100).seed(1)
 *         .labelFormat(LabelFormat.REGRESSION)       // labels [B, 1]
 *         .build();
 * }</pre>
 *
 * <h2>Held-out data and evaluation</h2>
 * An {@link SamplingMode#ONLINE} iterator never repeats a batch, and every {@link #reset()} after
 * a pass moves on to new ones. So DL4J's {@code EvaluativeListener}, which resets its iterator
 * before each evaluation, or repeated {@code net.evaluate(iterator)} calls, see <em>fresh</em>
 * data at every evaluation when given an ONLINE iterator: an estimate of the accuracy on the data
 * distribution, with a new sampling error each time. For a fixed held-out set, the same samples
 * at every evaluation, build the test iterator with {@link SamplingMode#FIXED} and a seed other
 * than the training iterator's (with the same seed its batches are the training stream's first
 * ones):
 * <pre>{@code
 * DataSetIterator test = new NlgpDataSetIterator.Builder().gain(3).xi(0.3, 0.7).length(40)
 *         .batchSize(1000).batchesPerEpoch(2).seed(99).mode(SamplingMode.FIXED).build();
 * net.addListeners(new EvaluativeListener(test, 1, InvocationType.EPOCH_END));
 * }</pre>
 *
 * It drops into any pipeline that takes a {@code DataSetIterator}: {@code fit},
 * {@code evaluate}, early stopping, {@code NormalizerStandardize.fit(iterator)} followed by
 * {@link #setPreProcessor(DataSetPreProcessor)}, {@code AsyncDataSetIterator},
 * {@code ParallelWrapper}.
 *
 * <h2>Named iterators</h2>
 * A data model's own iterator ({@link NlgpDataSetIterator}, ...) is a small subclass whose
 * builder extends {@link TaskBuilder} (or {@link BaseBuilder}), adds the model's parameters and
 * implements {@link BaseBuilder#model()}; every iteration option is inherited.
 *
 * <p>Not thread-safe: one thread at a time calls {@code next()} (DL4J's prefetch thread does so
 * exclusively). Do not keep references to DataSets handed out through an
 * {@code AsyncDataSetIterator}: they live in a recycled workspace.
 */
public class DataModelDataSetIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    /** The label names of every task, {@code ["0", "1"]}. */
    public static final List<String> LABEL_NAMES = List.of("0", "1");

    private final BatchSampler sampler;
    private final int batchSize;
    private final int batchesPerEpoch;
    private final SamplingMode mode;
    private final DataType dataType;
    private final LabelFormat labelFormat;
    private DataSetPreProcessor preProcessor;

    /** Next global batch handed out. */
    private long position;
    /** Exclusive end of the current epoch (a multiple of batchesPerEpoch). */
    private long epochEnd;
    /** Whether a batch of the current epoch has been handed out (a reset then moves on). */
    private boolean epochStarted;
    /** Reused sampling buffers (ND4J copies them): not part of the state. */
    private transient LabelledBatch scratch;
    /** Reused label matrix of the scratch batch. */
    private transient double[] scratchLabels;

    /**
     * Builds the iterator from a builder's options and model; named iterators call this from
     * their builder's {@code build()}.
     *
     * @throws IllegalArgumentException naming the first invalid option
     */
    protected DataModelDataSetIterator(BaseBuilder<?> builder) {
        this.batchSize = Require.atLeast("batchSize", builder.batchSize, 1);
        this.batchesPerEpoch = Require.atLeast("batchesPerEpoch", builder.batchesPerEpoch, 1);
        long start = Require.atLeast("startBatch", builder.startBatch, 0L);
        this.mode = Require.nonNull("mode", builder.mode);
        this.labelFormat = Require.nonNull("labelFormat", builder.labelFormat);
        this.dataType = Require.nonNull("dataType", builder.dataType);
        Require.that(dataType.isFPType(), "dataType", dataType, "a floating-point type (DOUBLE, FLOAT, HALF, BFLOAT16)");
        this.preProcessor = builder.preProcessor;
        this.sampler = new BatchSampler(Require.nonNull("model", builder.model()), builder.seed);
        this.position = start;
        this.epochEnd = (start / batchesPerEpoch + 1) * batchesPerEpoch;
    }

    /** The data model. */
    public DataModel model() {
        return sampler.model();
    }

    /** The data seed. */
    public long seed() {
        return sampler.seed();
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The sampling mode. */
    public SamplingMode mode() {
        return mode;
    }

    /** The label format. */
    public LabelFormat labelFormat() {
        return labelFormat;
    }

    /** The data type of features and labels. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * The global index {@code t} of the next batch: {@link #next()} hands it out, or, once the
     * epoch is exhausted, the first {@code next()} after {@link #reset()}. Store it with a
     * checkpoint and resume with {@link BaseBuilder#startBatch(long) startBatch(position())}.
     */
    public long position() {
        return position;
    }

    /** Whether the current epoch has batches left. */
    @Override
    public boolean hasNext() {
        return position < epochEnd;
    }

    /**
     * The next batch of {@link #batch()} samples, passed through the preprocessor if one is set.
     *
     * @throws NoSuchElementException at the end of an epoch (call {@link #reset()})
     */
    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /**
     * The next global batch drawn with {@code num} samples instead of {@link #batch()}: batch
     * {@code t} of the sampler at size {@code num} (for {@code num == batch()} exactly
     * {@link #next()}; for other sizes a different but equally reproducible draw, not a subset of
     * the full batch). It counts as one batch of the epoch.
     *
     * @param num number of samples, >= 1
     * @throws NoSuchElementException at the end of an epoch (call {@link #reset()})
     */
    @Override
    public DataSet next(int num) {
        Require.atLeast("num", num, 1);
        if (!hasNext()) {
            throw new NoSuchElementException("epoch ended at batch " + position + " (" + batchesPerEpoch
                    + " batches per epoch): call reset() to start the next epoch");
        }
        LabelledBatch batch = scratch(num);
        sampler.sampleInto(mode.sourceBatch(position, batchesPerEpoch), batch.features(), batch.labels());
        position++;
        epochStarted = true;
        DataSet dataSet = toDataSet(batch);
        if (preProcessor != null) {
            preProcessor.preProcess(dataSet);
        }
        return dataSet;
    }

    /**
     * One bulk copy of each Java array into an ND4J buffer (in the current workspace, if any, as
     * on DL4J's prefetch thread), cast to the iterator's data type unless DOUBLE. ND4J's
     * {@code Nd4j.create(double[], shape, type)} copies element by element through the buffer's
     * typed setter, about 25x slower for a batch of 5000 x 40.
     */
    private DataSet toDataSet(LabelledBatch batch) {
        long rows = batch.size();
        labelFormat.encodeInto(batch.labels(), scratchLabels);
        return new DataSet(ndArray(batch.features(), rows, batch.dimension()),
                ndArray(scratchLabels, rows, labelFormat.columns()));
    }

    /** A new {@code rows x columns} array of the iterator's type holding {@code values} (exactly that many). */
    private INDArray ndArray(double[] values, long rows, long columns) {
        INDArray array = Nd4j.create(Nd4j.createBuffer(values), rows, columns);
        return dataType == DataType.DOUBLE ? array : array.castTo(dataType);
    }

    private LabelledBatch scratch(int size) {
        if (scratch == null || scratch.size() != size) {
            int d = model().dimension();
            scratch = new LabelledBatch(new double[size * d], new int[size], d);
            scratchLabels = new double[size * labelFormat.columns()];
        }
        return scratch;
    }

    /** D, the input dimension of the model. */
    @Override
    public int inputColumns() {
        return model().dimension();
    }

    /** Label columns: 1 ({@link LabelFormat#REGRESSION}) or 2 ({@link LabelFormat#ONE_HOT}). */
    @Override
    public int totalOutcomes() {
        return labelFormat.columns();
    }

    /** True: {@link #reset()} starts the next epoch. */
    @Override
    public boolean resetSupported() {
        return true;
    }

    /** True: batches are pure functions of (seed, t), safe to draw on a prefetch thread. */
    @Override
    public boolean asyncSupported() {
        return true;
    }

    /**
     * Starts the next epoch: the next batch is the first batch of the epoch after the current
     * one, so ONLINE mode moves on to fresh data and FIXED mode starts the training set over. The
     * rest of a partly consumed epoch is skipped. A reset before any batch of the current epoch
     * has been handed out changes nothing (DL4J and user loops often reset a fresh iterator, and
     * a resumed iterator must continue where it stopped).
     */
    @Override
    public void reset() {
        if (epochStarted) {
            position = epochEnd;
            epochEnd += batchesPerEpoch;
            epochStarted = false;
        }
    }

    /** The batch size B. */
    @Override
    public int batch() {
        return batchSize;
    }

    /** Sets the preprocessor applied to every batch in {@link #next()} ({@code null}: none). */
    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /**
     * {@code ["0", "1"]}: the names of the two classes in either label format (DL4J's
     * {@code Evaluation} names its classes with them; with {@link LabelFormat#REGRESSION}'s one
     * column it reads the column as class 1 against class 0).
     */
    @Override
    public List<String> getLabels() {
        return LABEL_NAMES;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + model().description() + ", seed=" + seed() + ", batchSize="
                + batchSize + ", batchesPerEpoch=" + batchesPerEpoch + ", mode=" + mode + ", labels=" + labelFormat
                + ", dataType=" + dataType + ", position=" + position + "]";
    }

    /**
     * The iteration options shared by every data-model iterator. A named iterator's builder
     * extends this class (or {@link TaskBuilder}) with itself as {@code B}, so that the inherited
     * setters return the named builder and chain with its model parameters.
     *
     * <p>Values are checked when {@code build()} runs; each failure names the option.
     *
     * @param <B> the concrete builder type
     */
    public abstract static class BaseBuilder<B extends BaseBuilder<B>> {
        private int batchSize = 1000;
        private int batchesPerEpoch = 100;
        private long seed;
        private SamplingMode mode = SamplingMode.ONLINE;
        private long startBatch;
        private DataType dataType = DataType.DOUBLE;
        private LabelFormat labelFormat = LabelFormat.ONE_HOT;
        private DataSetPreProcessor preProcessor;

        /** This builder, typed as its concrete class. */
        protected abstract B self();

        /** Builds the data model from the builder's model parameters (called once by build). */
        protected abstract DataModel model();

        /** Builds the iterator. */
        public abstract DataModelDataSetIterator build();

        /** Samples per batch B, >= 1 (default 1000). */
        public B batchSize(int batchSize) {
            this.batchSize = batchSize;
            return self();
        }

        /** Batches per epoch, >= 1 (default 100). */
        public B batchesPerEpoch(int batchesPerEpoch) {
            this.batchesPerEpoch = batchesPerEpoch;
            return self();
        }

        /** The data seed (default 0); batch t is a pure function of (seed, t). */
        public B seed(long seed) {
            this.seed = seed;
            return self();
        }

        /**
         * {@link SamplingMode#ONLINE} (default: fresh data at every batch, also for an evaluation
         * repeated through {@code reset()}) or {@link SamplingMode#FIXED} (the same
         * {@code batchesPerEpoch} batches in every epoch: a finite training set or a fixed
         * held-out set).
         */
        public B mode(SamplingMode mode) {
            this.mode = mode;
            return self();
        }

        /**
         * Resumes a run: the first batch handed out is global batch {@code t >= 0} (default 0),
         * in the epoch {@code t / batchesPerEpoch}, which then ends at its usual boundary.
         */
        public B startBatch(long t) {
            this.startBatch = t;
            return self();
        }

        /** Data type of features and labels: DOUBLE (default, the papers' float64) or FLOAT. */
        public B dataType(DataType dataType) {
            this.dataType = dataType;
            return self();
        }

        /**
         * {@link LabelFormat#ONE_HOT} (default, [B,2], for DL4J's classification layers) or
         * {@link LabelFormat#REGRESSION} ([B,1], the papers' scalar target y of their one-output
         * MSE networks).
         */
        public B labelFormat(LabelFormat labelFormat) {
            this.labelFormat = labelFormat;
            return self();
        }

        /** A preprocessor applied to every batch (default none), e.g. a fitted normalizer. */
        public B preProcessor(DataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
            return self();
        }
    }

    /**
     * A {@link BaseBuilder} for one of the named data models: the parameters shared by the papers'
     * task (the class parameters {@code xi}, the ring length {@code L}, the dimension (1: D = L,
     * 2: D = L^2) and the output {@link Support}) go into a {@link DataModelConfig}, whose
     * documented defaults (e.g. {@code xi = (0.3, 0.7)}, {@code L = 40}, 1-D) and validation are
     * the same as the command line's. The model is built, and its parameters checked, when
     * {@code build()} runs.
     *
     * @param <B> the concrete builder type
     */
    public abstract static class TaskBuilder<B extends TaskBuilder<B>> extends BaseBuilder<B> {
        private final DataModelConfig.Builder config;

        /** @param modelName the model's name, one of {@link DataModelConfig#MODELS} */
        protected TaskBuilder(String modelName) {
            this.config = DataModelConfig.builder().model(modelName);
        }

        /** Class parameters: {@code xi0} for label 0, {@code xi1} for label 1. */
        public B xi(double xi0, double xi1) {
            return xi(new ClassPair(xi0, xi1));
        }

        /** Class parameters. */
        public B xi(ClassPair xi) {
            config.xi(xi);
            return self();
        }

        /** Ring (1-D) or torus side (2-D) length L. */
        public B length(int length) {
            config.length(length);
            return self();
        }

        /** 1 (D = L) or 2 (D = L^2, row-major images). */
        public B dim(int dim) {
            config.dim(dim);
            return self();
        }

        /** Output support (a, b); (-1, 1) is the papers' default. */
        public B support(Support support) {
            config.support(support);
            return self();
        }

        /** Output support (a, b). */
        public B support(double lower, double upper) {
            return support(new Support(lower, upper));
        }

        /** The model configuration being built, for the named builders' own parameters. */
        protected DataModelConfig.Builder config() {
            return config;
        }

        @Override
        protected DataModel model() {
            return config.build().build();
        }
    }

    /**
     * Builder of an iterator over a data model built elsewhere:
     * {@code new DataModelDataSetIterator.Builder(model).batchSize(1000).seed(7).build()}.
     */
    public static final class Builder extends BaseBuilder<Builder> {
        private final DataModel model;

        /**
         * @param model the data model, not null
         */
        public Builder(DataModel model) {
            this.model = Require.nonNull("model", model);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected DataModel model() {
            return model;
        }

        @Override
        public DataModelDataSetIterator build() {
            return new DataModelDataSetIterator(this);
        }
    }
}
