package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.ExcessKurtosis;
import io.github.dl4jlocalization.util.NdArrays;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.InvocationType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Records excess kurtosis during training (Lufkin, Saxe &amp; Grant 2024: localization is driven
 * by the input's non-Gaussianity; Redman et al.: pruning raises the pre-activations' kurtosis):
 * <ol>
 *   <li><b>Input marginals.</b> After every {@code inputEvery}-th parameter update (updates
 *       {@code inputEvery, 2 inputEvery, ...}) the listener adds the training batch just used
 *       ({@code model.input()}, flattened per example to D columns) to running central moments of
 *       each pixel. At a record it reports, per pixel, {@code m4 / m2^2 - 3} of all samples added
 *       since the previous record, i.e. exactly {@link ExcessKurtosis#CENTRAL} of those batches
 *       stacked (pooled mean; biased moment estimator, standard error about {@code sqrt(24/n)}
 *       for Gaussian data, n = {@link KurtosisRecord#inputSamples()}), then starts afresh.
 *       Batches are merged with exact pairwise moment formulas, so memory stays O(D).
 *       <p>By default {@code inputEvery} is the frequency (with {@link InvocationType#ITERATION_END}):
 *       each record measures the batch of its own step, one batch copy per record. The
 *       marginals are a property of the data, not of the network, so more batches only make the
 *       estimate more precise: {@code .inputEvery(1)} pools every batch since the previous
 *       record, at the price of copying every training batch into the JVM heap (O(B D) per step,
 *       about 0.1-0.2 ms for B = 1000, D = 40: a few percent of a step of a 100-unit layer, but
 *       as much as the step itself for the papers' single neuron). With
 *       {@link InvocationType#EPOCH_END} the default is 1 (the whole epoch).</li>
 *   <li><b>Pre-activations.</b> On a fixed held-out batch X (N x D, given at construction) it
 *       computes {@code H = X W} with the watched layer's weights W (D x K) and reports
 *       {@link ExcessKurtosis#CENTRAL} of each column, unit k's pre-activation
 *       {@code h_k = w_k . x + b_k} over the N held-out samples. The bias is not added: it shifts
 *       a column by a constant, which the central estimator ignores (this also covers a fixed bias
 *       folded into the activation, as {@code ShallowNetwork} does).</li>
 * </ol>
 * Every {@code frequency} parameter updates (or epochs, with {@link InvocationType#EPOCH_END}) it
 * logs a one-line summary through SLF4J (INFO) and hands a {@link KurtosisRecord} to its sinks.
 *
 * <h2>Adding it to an existing pipeline</h2>
 * <pre>{@code
 * DataSetIterator train = new NlgpDataSetIterator.Builder().gain(3).length(40).batchSize(1000).build();
 * INDArray heldOut = new NlgpDataSetIterator.Builder().gain(3).length(40).batchSize(2000)
 *         .seed(99).build().next().getFeatures();                        // not used for training
 * KurtosisListener kurtosis = new KurtosisListener.Builder(100)            // every 100 steps
 *         .heldOutBatch(heldOut)
 *         .sink(new JsonLinesRecordSink<>(Path.of("runs/kurtosis.jsonl"), false))
 *         .build();
 * net.addListeners(new DivergenceGuard(), kurtosis);
 * net.fit(train, epochs);
 * kurtosis.close();
 * }</pre>
 * Without a held-out batch only the input marginals are recorded; with
 * {@code .inputMarginals(false)} only the pre-activations. A record's pre-activations cost one
 * product of the held-out batch with W (N x D x K) and one pass over the N x K result.
 *
 * <p>Serializable when its sinks are (the held-out batch is kept as a Java array).
 */
public class KurtosisListener extends RecordingListener<KurtosisRecord> {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final boolean inputMarginals;
    /** The input marginals take the batch of every this many updates. */
    private final int inputEvery;
    /** N x D, or null. */
    private final double[][] heldOut;
    private final ColumnMoments inputMoments = new ColumnMoments();
    /** ND4J copy of heldOut, made at the first use. */
    private transient INDArray heldOutArray;
    /** H = X W (N x K, C order), kept from one record to the next. */
    private transient INDArray preActivations;

    /**
     * Records every {@code frequency} updates the input marginals and the first layer's
     * ({@code "0_W"}) pre-activations on {@code heldOut} into {@code sink}.
     */
    public KurtosisListener(int frequency, INDArray heldOut, RecordSink<? super KurtosisRecord> sink) {
        this(new Builder(frequency).heldOutBatch(heldOut).sink(sink));
    }

    private KurtosisListener(Builder b) {
        super(b);
        this.parameter = b.parameter;
        this.inputMarginals = b.inputMarginals;
        this.heldOut = b.heldOut;
        Require.that(inputMarginals || heldOut != null, "heldOutBatch", null,
                "given when inputMarginals is false (otherwise there is nothing to record)");
        boolean perUpdates = invocationType() == InvocationType.ITERATION_END;
        this.inputEvery = b.inputEvery > 0 ? b.inputEvery : perUpdates ? frequency() : 1;
        Require.that(!perUpdates || inputEvery <= frequency(), "inputEvery", inputEvery,
                "at most the frequency " + frequency() + " (every record needs a batch)");
    }

    /** Adds the training batch just used to the running input moments, every {@code inputEvery} updates. */
    @Override
    protected void observe(Model model, long step) {
        if (inputMarginals && step % inputEvery == 0) {
            INDArray input = model.input();
            if (input != null && input.size(0) > 0) {
                inputMoments.add(NdArrays.rowMajor(input), (int) (input.length() / input.size(0)));
            }
        }
    }

    /**
     * The input kurtosis of the samples accumulated since the previous record (then forgotten)
     * and the pre-activation kurtosis on the held-out batch.
     */
    @Override
    protected KurtosisRecord measure(Model model, long step, int epoch) {
        long samples = inputMoments.count();
        double[] inputKurtosis = inputMoments.excessKurtosis();
        inputMoments.clear();
        double[] preActivation = heldOut == null ? new double[0] : preActivationKurtosis(model);
        return new KurtosisRecord(step, epoch, samples, inputKurtosis, preActivation,
                System.currentTimeMillis());
    }

    @Override
    protected String summarize(KurtosisRecord record) {
        return String.format("input excess kurtosis %.4f (mean over %d pixels, %d samples), "
                        + "pre-activation excess kurtosis %.4f (mean over %d units)", record.meanInputKurtosis(),
                record.inputKurtosis().length, record.inputSamples(), record.meanPreActivationKurtosis(),
                record.preActivationKurtosis().length);
    }

    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    private double[] preActivationKurtosis(Model model) {
        INDArray weights = ModelAccess.denseWeights(model, parameter);
        Require.that(weights.rows() == heldOut[0].length, "heldOutBatch columns", heldOut[0].length,
                "the input dimension " + weights.rows() + " of parameter " + parameter);
        INDArray w = weights.castTo(DataType.DOUBLE);
        if (preActivations == null || preActivations.columns() != w.columns()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                heldOutArray = Nd4j.create(heldOut);
                preActivations = Nd4j.create(DataType.DOUBLE, heldOut.length, w.columns());
            }
        }
        // BLAS straight into the kept result: INDArray.mmul allocates a new N x K array at every
        // record, which costs several times the product itself
        Nd4j.gemm(heldOutArray, w, preActivations, false, false, 1.0, 0.0);
        return ExcessKurtosis.CENTRAL.perColumn(preActivations);
    }

    @Override
    protected String settings() {
        return "parameter=" + parameter + ", inputMarginals=" + inputMarginals + ", inputEvery=" + inputEvery
                + ", heldOut=" + (heldOut == null ? "none" : heldOut.length + "x" + heldOut[0].length);
    }

    /** Configuration of a {@link KurtosisListener}. */
    public static final class Builder extends RecordingListener.Builder<KurtosisRecord, Builder> {
        private String parameter = "0_W";
        private boolean inputMarginals = true;
        /** 0: the default of the invocation type. */
        private int inputEvery;
        private double[][] heldOut;

        /** @param frequency record every this many updates (or epochs), >= 1 */
        public Builder(int frequency) {
            super(frequency);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Parameter key of the dense weight matrix W (D x K) (default {@code "0_W"}). */
        public Builder parameter(String key) {
            this.parameter = Require.nonNull("parameter", key);
            return this;
        }

        /** Whether to record the training inputs' marginal kurtosis (default true). */
        public Builder inputMarginals(boolean record) {
            this.inputMarginals = record;
            return this;
        }

        /**
         * The input marginals take the training batch of every {@code updates}-th parameter
         * update, >= 1 (default: the frequency with {@link InvocationType#ITERATION_END}, i.e. the
         * batch of each record's step; 1 with {@link InvocationType#EPOCH_END}). With
         * ITERATION_END at most the frequency, so that every record has samples; 1 pools every
         * batch (most precise, one copy of every batch).
         */
        public Builder inputEvery(int updates) {
            this.inputEvery = Require.atLeast("inputEvery", updates, 1);
            return this;
        }

        /**
         * The held-out inputs X, N x D with N >= 2 finite rows, for the pre-activation kurtosis
         * (copied; default none).
         */
        public Builder heldOutBatch(INDArray x) {
            Require.nonNull("heldOutBatch", x);
            Require.that(x.rank() == 2 && x.rows() >= 2 && x.columns() >= 1, "heldOutBatch shape",
                    Arrays.toString(x.shape()), "N x D with N >= 2 and D >= 1");
            double[][] copy = NdArrays.rows(x);
            for (double[] row : copy) {
                for (double v : row) {
                    Require.finite("heldOutBatch entry", v);
                }
            }
            this.heldOut = copy;
            return this;
        }

        /** The listener. */
        public KurtosisListener build() {
            return new KurtosisListener(this);
        }
    }
}
