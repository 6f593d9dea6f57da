package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.ExcessKurtosis;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.InvocationType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Records excess kurtosis during training (Lufkin, Saxe &amp; Grant 2024: localization is driven
 * by the input's non-Gaussianity; Redman et al.: pruning raises the pre-activations' kurtosis):
 * <ol>
 *   <li><b>Input marginals.</b> After every parameter update the listener adds the training batch
 *       just used ({@code model.input()}, flattened per example to D columns) to running central
 *       moments of each pixel. At a record it reports, per pixel, {@code m4 / m2^2 - 3} of all
 *       samples seen since the previous record, i.e. exactly
 *       {@link ExcessKurtosis#CENTRAL} of those batches stacked (pooled mean; biased moment
 *       estimator, standard error about {@code sqrt(24/n)} for Gaussian data), then starts
 *       afresh. Batches are merged with exact pairwise moment formulas, so memory stays O(D).</li>
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
 * {@code .inputMarginals(false)} only the pre-activations. The input accumulation costs O(B D) per
 * step (one copy of the batch into the JVM heap).
 *
 * <p>Serializable when its sinks are (the held-out batch is kept as a Java array).
 */
public class KurtosisListener extends RecordingListener<KurtosisRecord> {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final boolean inputMarginals;
    /** N x D, or null. */
    private final double[][] heldOut;
    private final ColumnMoments inputMoments = new ColumnMoments();
    /** ND4J copy of heldOut, made at the first use. */
    private transient INDArray heldOutArray;

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
    }

    /** Adds the training batch just used to the running input moments. */
    @Override
    protected void observe(Model model) {
        if (inputMarginals) {
            INDArray input = model.input();
            if (input != null && input.size(0) > 0) {
                // one copy of the whole batch (a per-row copy costs an ND4J call per sample)
                int columns = (int) (input.length() / input.size(0));
                inputMoments.add(input.reshape(input.length()).toDoubleVector(), columns);
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

    private double[] preActivationKurtosis(Model model) {
        INDArray weights = ModelAccess.denseWeights(model, parameter);
        Require.that(weights.rows() == heldOut[0].length, "heldOutBatch columns", heldOut[0].length,
                "the input dimension " + weights.rows() + " of parameter " + parameter);
        if (heldOutArray == null) {
            heldOutArray = Nd4j.create(heldOut);
        }
        return ExcessKurtosis.CENTRAL.perColumn(heldOutArray.mmul(weights.castTo(DataType.DOUBLE)));
    }

    @Override
    protected String settings() {
        return "parameter=" + parameter + ", inputMarginals=" + inputMarginals
                + ", heldOut=" + (heldOut == null ? "none" : heldOut.length + "x" + heldOut[0].length);
    }

    /** Configuration of a {@link KurtosisListener}. */
    public static final class Builder extends RecordingListener.Builder<KurtosisRecord, Builder> {
        private String parameter = "0_W";
        private boolean inputMarginals = true;
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
         * The held-out inputs X, N x D with N >= 2 finite rows, for the pre-activation kurtosis
         * (copied; default none).
         */
        public Builder heldOutBatch(INDArray x) {
            Require.nonNull("heldOutBatch", x);
            Require.that(x.rank() == 2 && x.rows() >= 2 && x.columns() >= 1, "heldOutBatch shape",
                    Arrays.toString(x.shape()), "N x D with N >= 2 and D >= 1");
            double[][] copy = x.toDoubleMatrix();
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
