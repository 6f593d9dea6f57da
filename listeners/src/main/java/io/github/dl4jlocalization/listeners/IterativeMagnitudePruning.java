package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.CavityKurtosis;
import io.github.dl4jlocalization.metrics.ConnectionLocality;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.util.NdArrays;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * Iterative magnitude pruning (IMP, the lottery-ticket procedure; Pellegrini &amp; Biroli 2022,
 * Redman et al. 2024: pruning a fully connected network this way leaves local receptive fields).
 * It is both a DL4J listener that keeps pruned weights at exactly 0 during any training, and the
 * driver of the pruning rounds.
 *
 * <h2>The protocol ({@link #run})</h2>
 * <pre>
 *   theta_0 = the network's weights at the start; mask m = 1 (dense)
 *   for round r = 0 .. R:
 *       train E steps (or epochs) with the mask m            -> PruningRoundRecord r
 *       if r &lt; R: m = keep the round(N (1-p)^(r+1)) largest |weights| of each pool (among the kept)
 *               rewind: weights = theta_k * m, updater state and counters as at step k
 * </pre>
 * R pruning rounds give R + 1 training phases, and sparsity {@code 1 - (1-p)^r} in phase r: the
 * kept count is exactly {@code round(N (1-p)^r)} ({@link PruningMasks#keptTarget}). The rewind
 * point is the start ({@code rewindStep = 0}, the original lottery-ticket rewinding to
 * initialisation) or the state after k updates of phase 0 (late rewinding), captured during
 * training. Rewinding restores the parameters, the updater state (zero momentum for a fresh
 * network) and DL4J's iteration and epoch counters to that point (setting the parameters alone
 * would keep the trained momentum and counters). With {@code oneShot} the same run prunes once, to
 * the final sparsity {@code 1 - (1-p)^R}, after phase 0: the one-shot baseline (two records).
 * The rounds stop early, after the record of the phase just trained, when the next pruning would
 * keep no weight in a ranking pool ({@link PruningMasks#keepsWeights}: {@code round(N (1-p)^r)}
 * reached 0): there is nothing left to prune, and a network with a disconnected layer has no
 * receptive field to measure. The records then number fewer than R + 1, and the run logs why.
 * With {@link Builder#stopBelowConnectedUnits(double) stopBelowConnectedUnits(f)} (Pellegrini &amp;
 * Biroli's stopping rule, their f = 0.2) iterative pruning also stops, the same way, before a
 * pruning that would leave some pruned matrix with at most a fraction f of its units connected
 * ({@link PruningMasks#connectedUnitFraction}); R is then an upper bound. {@link #stopReason()}
 * says which rule stopped the last run.
 *
 * <p><b>Data.</b> {@link #run(MultiLayerNetwork, DataSetIterator)} continues one stream: every
 * phase is one {@code net.fit} on the next E batches (fresh online data in every round, never a
 * replay; the iterator is reset, which for the project's iterators moves to the next epoch, only
 * when exhausted). To give every phase the same data instead, pass {@code round -> a new iterator}
 * to {@link #run(MultiLayerNetwork, IntFunction)}; to train each phase yourself (your own
 * listeners, early stopping, a divergence guard), pass a {@link PhaseTraining} to
 * {@link #run(MultiLayerNetwork, PhaseTraining)}.
 *
 * <p><b>Per phase</b> (on the held-out set, after training, before pruning): accuracy, loss, and
 * for each first-layer unit the IPR of its masked weights, its surviving inputs with their circular
 * span and number of contiguous runs ({@link ConnectionLocality}), the excess kurtosis of its
 * pre-activation, and the cavity measure ({@link CavityKurtosis}) averaged over the first-layer
 * weights the following pruning removes vs keeps; see {@link PruningRoundRecord}.
 *
 * <h2>Mask enforcement (the listener)</h2>
 * In {@code onGradientCalculation} it multiplies the gradients of the masked matrices by the
 * mask, before the updater sees them; in {@code iterationDone}, right after the update, it
 * multiplies the parameters by the mask (covering updaters with momentum or weight decay, which
 * move a weight whose gradient is 0). DL4J calls listeners in order, so a listener placed after
 * this one sees pruned weights at exactly 0; {@link #attach} puts it first, after a leading
 * {@link DivergenceGuard}, which only checks that the weights are finite. (A
 * {@code LayerConstraint} would run only after all listeners.)
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * DataSet heldOut = new NlgpDataSetIterator.Builder().gain(3).length(40).batchSize(2000).seed(99)
 *         .labelFormat(LabelFormat.REGRESSION).build().next();   // ShallowNetwork: one output, MSE
 * IterativeMagnitudePruning imp = new IterativeMagnitudePruning.Builder()
 *         .rate(0.2).rounds(10).stepsPerRound(2000)          // p, R, E
 *         .scope(PruningScope.FIRST_LAYER).rewindToStep(0)   // the defaults
 *         .heldOut(heldOut)
 *         .sink(new JsonLinesRecordSink<>(Path.of("runs/imp.jsonl"), false))
 *         .build();
 * MultiLayerNetwork net = ShallowNetwork.builder(40).hiddenUnits(10).build().network();
 * List<PruningRoundRecord> rounds = imp.run(net, trainIterator);
 * ModelSerializer.writeModel(net, file, true);
 * imp.masks().writeTo(file);                                 // the mask travels with the model
 *
 * // later: continue training the restored ticket under its mask
 * MultiLayerNetwork ticket = ModelSerializer.restoreMultiLayerNetwork(file, true);
 * imp.attach(ticket, PruningMasks.readFrom(file));           // or any new instance
 * ticket.fit(moreData);
 * }</pre>
 * Listeners added to the network stay in place (after this one); they see the counters jump back
 * at every rewind. Every parameter value (p, R, E, scope, rewind point) of the papers is
 * UNVERIFIED (docs/science.md 6.6): the defaults are the common lottery-ticket choices.
 *
 * <p>Serializable when its sinks are. One run at a time.
 */
public class IterativeMagnitudePruning extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(IterativeMagnitudePruning.class);

    /** Default pruning rate p per round (the lottery-ticket papers' 20%). */
    public static final double DEFAULT_RATE = 0.2;
    /** Default number of pruning rounds R (final sparsity 1 - 0.8^10 = 0.893). */
    public static final int DEFAULT_ROUNDS = 10;
    /** Default training steps per round E. */
    public static final int DEFAULT_STEPS_PER_ROUND = 1000;
    /** The measured layer: the first layer's weights. */
    static final String FIRST_LAYER_WEIGHTS = "0_W";

    private final double rate;
    private final int rounds;
    private final int stepsPerRound;
    private final int epochsPerRound;
    private final PruningScope scope;
    private final long rewindStep;
    private final boolean oneShot;
    private final boolean snapshotWeights;
    private final double stopBelowConnectedUnits;
    private final double[][] heldOutFeatures;
    private final double[][] heldOutLabels;
    private final List<RecordSink<? super PruningRoundRecord>> sinks;

    private volatile PruningMasks masks;
    /** The state of the run in progress, or null. */
    private transient Run run;
    /** Why the last run stopped before its R prunings, or null. */
    private transient volatile String stopReason;

    private IterativeMagnitudePruning(Builder b) {
        this.rate = b.rate;
        this.rounds = b.rounds;
        this.stepsPerRound = b.stepsPerRound;
        this.epochsPerRound = b.epochsPerRound;
        this.scope = b.scope;
        this.rewindStep = b.rewindStep;
        this.oneShot = b.oneShot;
        this.snapshotWeights = b.snapshotWeights;
        this.stopBelowConnectedUnits = b.stopBelowConnectedUnits;
        Require.that(b.heldOutFeatures != null, "heldOut", null, "a held-out DataSet (for the per-round measures)");
        Require.that(epochsPerRound > 0 || rewindStep <= stepsPerRound, "rewindToStep", rewindStep,
                "at most stepsPerRound = " + stepsPerRound + " (the rewind point is taken in the first round)");
        this.heldOutFeatures = b.heldOutFeatures;
        this.heldOutLabels = b.heldOutLabels;
        this.sinks = List.copyOf(b.sinks);
    }

    // ---------------------------------------------------------------- the listener

    /** Masks the gradients of the pruned matrices before the updater uses them. */
    @Override
    public void onGradientCalculation(Model model) {
        PruningMasks current = masks;
        if (current != null) {
            current.maskGradient(model);
        }
    }

    /** Re-applies the mask to the parameters after the update; counts steps during {@link #run}. */
    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        PruningMasks current = masks;
        if (current != null) {
            current.applyTo(model);
        }
        Run state = run;
        if (state != null && model == state.net) {
            state.steps++;
            state.phaseSteps++;
            if (state.rewind == null && state.phase == 0 && state.phaseSteps == rewindStep) {
                state.rewind = Snapshot.of(state.net, iteration + 1, epoch);
            }
        }
    }

    /**
     * Enforces the dense masks of this object's scope on {@code net} (nothing pruned yet) and makes
     * this the network's first listener (after any leading {@link DivergenceGuard}s).
     */
    public void attach(MultiLayerNetwork net) {
        attach(net, PruningMasks.dense(net, scope.parameters(net)));
    }

    /**
     * Enforces {@code masks} on {@code net} from now on: zeroes the pruned weights and makes this
     * the network's first listener after any leading {@link DivergenceGuard}s (which only read;
     * the other listeners keep their order after it). Use it to continue training a restored
     * pruned network ({@link PruningMasks#readFrom}).
     *
     * @throws IllegalArgumentException when the masks do not fit the network's parameters
     */
    public void attach(MultiLayerNetwork net, PruningMasks masks) {
        Require.nonNull("net", net);
        Require.nonNull("masks", masks).requireFits(net);
        this.masks = masks;
        masks.applyTo(net);
        List<TrainingListener> listeners = new ArrayList<>(net.getListeners() == null ? List.of() : net.getListeners());
        listeners.remove(this);
        int first = 0;
        while (first < listeners.size() && listeners.get(first) instanceof DivergenceGuard) {
            first++;
        }
        listeners.add(first, this);
        net.setListeners(listeners);
    }

    /** The masks enforced now (null before {@link #attach}). */
    public PruningMasks masks() {
        return masks;
    }

    // ---------------------------------------------------------------- the rounds

    /**
     * Runs the pruning rounds on {@code net} (from its current weights, with dense masks), every
     * phase continuing the stream of {@code train}; see the class comment.
     *
     * @return the records, also handed to the sinks: R + 1 (iterative) or 2 (one-shot)
     */
    public List<PruningRoundRecord> run(MultiLayerNetwork net, DataSetIterator train) {
        Require.nonNull("train", train);
        return run(net, round -> train);
    }

    /**
     * Runs the pruning rounds on {@code net}, training phase r on {@code trainingData.apply(r)}
     * (called once per phase; return the same iterator to continue a stream, or a new one to
     * restart it): {@code net.fit} on its next E batches (resetting it when it runs out) or on
     * n epochs of it.
     */
    public List<PruningRoundRecord> run(MultiLayerNetwork net, IntFunction<DataSetIterator> trainingData) {
        Require.nonNull("trainingData", trainingData);
        return run(net, (MultiLayerNetwork n, int phase) ->
                train(n, Require.nonNull("trainingData(" + phase + ")", trainingData.apply(phase))));
    }

    /**
     * Runs the pruning rounds on {@code net}, each training phase done by {@code training}: it
     * trains {@code net} with this object among its listeners (e.g. {@code net.fit} with the
     * caller's own listeners and data; {@link #attach} has placed this object), for the phase's
     * E steps when the rewind point is a step count. A {@link TrainingDivergedException} (or any
     * exception) it throws ends the run; the records of the finished phases have reached the sinks.
     */
    public List<PruningRoundRecord> run(MultiLayerNetwork net, PhaseTraining training) {
        Require.nonNull("training", training);
        attach(net);
        Require.that(masks.keys().contains(FIRST_LAYER_WEIGHTS)
                        && ModelAccess.denseWeights(net, FIRST_LAYER_WEIGHTS).rows() == heldOutFeatures[0].length,
                "heldOut columns", heldOutFeatures[0].length,
                "the input dimension of a masked dense first layer \"0_W\"");
        Run state = new Run(net);
        if (rewindStep == 0) {
            state.rewind = Snapshot.of(net, net.getIterationCount(), net.getEpochCount());
        }
        int prunings = oneShot ? 1 : rounds;
        List<PruningRoundRecord> records = new ArrayList<>();
        run = state;
        stopReason = null;
        try {
            for (int phase = 0; phase <= prunings; phase++) {
                state.phase = phase;
                state.phaseSteps = 0;
                training.train(net, phase);
                if (state.rewind == null) {
                    throw new IllegalStateException("rewindToStep " + rewindStep + " was not reached: the first round "
                            + "made only " + state.phaseSteps + " updates");
                }
                PruningMasks before = masks;
                double keep = keepFraction(oneShot ? rounds : phase + 1);
                boolean exhausted = phase < prunings && !before.keepsWeights(keep, scope.pooled());
                PruningMasks after = phase == prunings || exhausted ? before
                        : before.prunedByMagnitude(net, keep, scope.pooled());
                if (exhausted) {
                    stopReason = String.format(Locale.ROOT, "after %d of %d prunings: the next would leave no weight "
                            + "in a pruned layer (nothing left to prune)", phase, prunings);
                } else if (!oneShot && after != before && stopBelowConnectedUnits > 0
                        && after.connectedUnitFraction() <= stopBelowConnectedUnits) {
                    stopReason = String.format(Locale.ROOT, "after %d of %d prunings: the next would leave %.3f of "
                                    + "the units of a pruned layer connected (the rule stops at %s or fewer)", phase,
                            prunings, after.connectedUnitFraction(), stopBelowConnectedUnits);
                    exhausted = true;
                    after = before;
                }
                PruningRoundRecord record = measure(net, phase, state.steps, before, after);
                log.info("{}", record);
                for (RecordSink<? super PruningRoundRecord> sink : sinks) {
                    sink.accept(record);
                }
                records.add(record);
                if (exhausted) {
                    log.info("pruning stopped {}", stopReason);
                    break;
                }
                if (after != before) {
                    masks = after;
                    state.rewind.restore(net);
                    after.applyTo(net);
                }
            }
        } finally {
            run = null;
        }
        return records;
    }

    /**
     * Why the last {@link #run} stopped before its R prunings ({@code "after r of R prunings: ..."}),
     * or null when it made them all (or has not run).
     */
    public String stopReason() {
        return stopReason;
    }

    /** Trains one phase of a pruning run (see {@link #run(MultiLayerNetwork, PhaseTraining)}). */
    @FunctionalInterface
    public interface PhaseTraining {
        /**
         * Trains {@code net} for phase {@code phase} (0: dense, then one phase per pruning).
         *
         * @throws RuntimeException to end the run, e.g. {@link TrainingDivergedException}
         */
        void train(MultiLayerNetwork net, int phase);
    }

    /** {@code (1 - p)^r}: the fraction of weights kept after r prunings. */
    public double keepFraction(int prunings) {
        Require.atLeast("prunings", prunings, 0);
        return Math.pow(1 - rate, prunings);
    }

    /** One phase on {@code data}: {@code fit} on its next E batches, or on n epochs of it. */
    private void train(MultiLayerNetwork net, DataSetIterator data) {
        if (stepsPerRound > 0) {
            net.fit(new PhaseDataSetIterator(data, stepsPerRound));
        } else {
            Require.that(data.resetSupported() || epochsPerRound == 1 && data.hasNext(), "trainingData",
                    data.getClass().getSimpleName(), "an iterator that supports reset() (or has one epoch left)");
            net.fit(data, epochsPerRound);
        }
    }

    /**
     * The next {@code steps} batches of a stream, reset when it runs out (for the project's
     * iterators: the next epoch), as the iterator of one {@code fit}. Its batches are drawn on the
     * training thread ({@code asyncSupported} false); a stream may prefetch them itself.
     */
    private static final class PhaseDataSetIterator implements DataSetIterator {
        private static final long serialVersionUID = 1L;
        private final DataSetIterator stream;
        private final int steps;
        private int taken;

        PhaseDataSetIterator(DataSetIterator stream, int steps) {
            this.stream = stream;
            this.steps = steps;
        }

        @Override
        public boolean hasNext() {
            return taken < steps;
        }

        @Override
        public DataSet next() {
            return next(0);
        }

        /** The next batch of the stream ({@code num} samples, or the stream's batch size for 0). */
        @Override
        public DataSet next(int num) {
            if (!hasNext()) {
                throw new NoSuchElementException("the phase's " + steps + " batches are done");
            }
            if (!stream.hasNext()) {
                Require.that(stream.resetSupported(), "trainingData", stream.getClass().getSimpleName(),
                        "an iterator that has batches left or supports reset()");
                stream.reset();
                Require.that(stream.hasNext(), "trainingData", stream.getClass().getSimpleName(),
                        "a non-empty iterator");
            }
            taken++;
            return num > 0 ? stream.next(num) : stream.next();
        }

        @Override
        public int inputColumns() {
            return stream.inputColumns();
        }

        @Override
        public int totalOutcomes() {
            return stream.totalOutcomes();
        }

        @Override
        public boolean resetSupported() {
            return false;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("a pruning phase's batches are taken once");
        }

        @Override
        public int batch() {
            return stream.batch();
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            stream.setPreProcessor(preProcessor);
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return stream.getPreProcessor();
        }

        @Override
        public List<String> getLabels() {
            return stream.getLabels();
        }
    }

    private PruningRoundRecord measure(MultiLayerNetwork net, int round, long steps, PruningMasks before,
                                       PruningMasks after) {
        double[][] fields = LocalizationMetrics.receptiveFields(ModelAccess.denseWeights(net, FIRST_LAYER_WEIGHTS));
        boolean[][] kept = before.keptColumns(FIRST_LAYER_WEIGHTS);
        boolean[][] keptAfter = after.keptColumns(FIRST_LAYER_WEIGHTS);
        int units = fields.length;
        double[] ipr = LocalizationMetrics.iprPerUnit(fields);
        int[] keptInputs = new int[units];
        int[] span = new int[units];
        int[] runs = new int[units];
        int inputs = heldOutFeatures[0].length;
        long[] displacements = new long[inputs / 2];
        boolean[][] prunedNow = new boolean[units][];
        for (int k = 0; k < units; k++) {
            span[k] = ConnectionLocality.circularSpan(kept[k]);
            runs[k] = ConnectionLocality.contiguousRuns(kept[k]);
            long[] unitDisplacements = ConnectionLocality.pairDisplacements(kept[k]);
            for (int delta = 0; delta < displacements.length; delta++) {
                displacements[delta] += unitDisplacements[delta];
            }
            prunedNow[k] = new boolean[kept[k].length];
            for (int i = 0; i < kept[k].length; i++) {
                keptInputs[k] += kept[k][i] ? 1 : 0;
                prunedNow[k][i] = kept[k][i] && !keptAfter[k][i];
            }
        }
        CavityKurtosis cavity = CavityKurtosis.of(heldOutFeatures, fields);
        boolean last = after == before;
        INDArray x = Nd4j.create(heldOutFeatures);
        INDArray t = Nd4j.create(heldOutLabels);
        return new PruningRoundRecord(oneShot, round, steps, before.sparsity(), after.sparsity(),
                accuracy(net.output(x, false), t), net.score(new DataSet(x, t), false), ipr, keptInputs, span, runs,
                inputs, displacements, cavity.kurtosis(), last ? Double.NaN : cavity.meanDelta(prunedNow),
                last ? Double.NaN : cavity.meanDelta(keptAfter), snapshotWeights ? fields : null,
                System.currentTimeMillis());
    }

    /** {@code 1[y > 0.5] = t} for one output column, argmax agreement for several. */
    static double accuracy(INDArray output, INDArray labels) {
        double[][] y = NdArrays.rows(output);
        double[][] t = NdArrays.rows(labels);
        int correct = 0;
        for (int n = 0; n < y.length; n++) {
            boolean right = y[n].length == 1 ? (y[n][0] > 0.5) == (t[n][0] > 0.5) : argmax(y[n]) == argmax(t[n]);
            correct += right ? 1 : 0;
        }
        return (double) correct / y.length;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Closes every sink. */
    public void close() {
        sinks.forEach(RecordSink::close);
    }

    /** A builder with this object's settings (and sinks). */
    public Builder toBuilder() {
        Builder b = new Builder().rate(rate).rounds(rounds).scope(scope).rewindToStep(rewindStep).oneShot(oneShot)
                .snapshotWeights(snapshotWeights).stopBelowConnectedUnits(stopBelowConnectedUnits);
        b.stepsPerRound = stepsPerRound;
        b.epochsPerRound = epochsPerRound;
        b.heldOutFeatures = heldOutFeatures;
        b.heldOutLabels = heldOutLabels;
        b.sinks.addAll(sinks);
        return b;
    }

    /** The stopping rule's fraction of connected units (0: off). */
    public double stopBelowConnectedUnits() {
        return stopBelowConnectedUnits;
    }

    /** p. */
    public double rate() {
        return rate;
    }

    /** R. */
    public int rounds() {
        return rounds;
    }

    /** Whether this runs the one-shot baseline. */
    public boolean oneShot() {
        return oneShot;
    }

    /** The scope. */
    public PruningScope scope() {
        return scope;
    }

    /** k: the rewind point, in updates of the first round (0: the start). */
    public long rewindStep() {
        return rewindStep;
    }

    @Override
    public String toString() {
        return "IterativeMagnitudePruning(" + (oneShot ? "one-shot" : "iterative") + ", rate=" + rate + ", rounds="
                + rounds + ", " + (stepsPerRound > 0 ? "stepsPerRound=" + stepsPerRound : "epochsPerRound=" + epochsPerRound)
                + ", scope=" + scope + ", rewind=" + (rewindStep == 0 ? "init" : "step " + rewindStep)
                + (stopBelowConnectedUnits > 0 ? ", stopBelowConnectedUnits=" + stopBelowConnectedUnits : "")
                + ", heldOut=" + heldOutFeatures.length + "x" + heldOutFeatures[0].length + ", masks=" + masks
                + ", sinks=" + sinks + ")";
    }

    /** Counters and the rewind point of the run in progress. */
    private static final class Run {
        final MultiLayerNetwork net;
        int phase;
        long phaseSteps;
        long steps;
        Snapshot rewind;

        Run(MultiLayerNetwork net) {
            this.net = net;
        }
    }

    /** Parameters, updater state and counters of a network at one moment. */
    private record Snapshot(INDArray params, INDArray updaterState, int iterationCount, int epochCount) {
        static Snapshot of(MultiLayerNetwork net, int iterationCount, int epochCount) {
            INDArray state = updaterState(net);
            return new Snapshot(net.params().dup(), state == null ? null : state.dup(), iterationCount, epochCount);
        }

        void restore(MultiLayerNetwork net) {
            net.setParams(params);
            INDArray state = updaterState(net);
            if (state != null) {
                state.assign(updaterState);
            }
            net.setIterationCount(iterationCount);
            net.setEpochCount(epochCount);
        }

        /** The updater's state view, or null for a stateless updater (plain SGD). */
        private static INDArray updaterState(MultiLayerNetwork net) {
            Updater updater = net.getUpdater();
            INDArray state = updater == null ? null : updater.getStateViewArray();
            return state == null || state.isEmpty() ? null : state;
        }
    }

    /**
     * Configuration of {@link IterativeMagnitudePruning}. Defaults: rate 0.2, 10 rounds, 1000 steps
     * per round, {@link PruningScope#FIRST_LAYER}, rewind to the start, iterative, weight
     * snapshots on; a held-out DataSet is required.
     */
    public static final class Builder {
        private double rate = DEFAULT_RATE;
        private int rounds = DEFAULT_ROUNDS;
        private int stepsPerRound = DEFAULT_STEPS_PER_ROUND;
        private int epochsPerRound;
        private PruningScope scope = PruningScope.FIRST_LAYER;
        private long rewindStep;
        private boolean oneShot;
        private boolean snapshotWeights = true;
        private double stopBelowConnectedUnits;
        private double[][] heldOutFeatures;
        private double[][] heldOutLabels;
        private final List<RecordSink<? super PruningRoundRecord>> sinks = new ArrayList<>();

        /** Pruning rate p: the fraction of the kept weights removed per round, in (0, 1). */
        public Builder rate(double rate) {
            this.rate = Require.fraction("rate", rate);
            return this;
        }

        /** Number of pruning rounds R >= 1. */
        public Builder rounds(int rounds) {
            this.rounds = Require.atLeast("rounds", rounds, 1);
            return this;
        }

        /** Training per phase: E >= 1 SGD steps (one batch each). Replaces epochsPerRound. */
        public Builder stepsPerRound(int steps) {
            this.stepsPerRound = Require.atLeast("stepsPerRound", steps, 1);
            this.epochsPerRound = 0;
            return this;
        }

        /** Training per phase: n >= 1 epochs of the iterator ({@code fit(iterator)}). Replaces stepsPerRound. */
        public Builder epochsPerRound(int epochs) {
            this.epochsPerRound = Require.atLeast("epochsPerRound", epochs, 1);
            this.stepsPerRound = 0;
            return this;
        }

        /** Which matrices are pruned and how they are ranked (default FIRST_LAYER). */
        public Builder scope(PruningScope scope) {
            this.scope = Require.nonNull("scope", scope);
            return this;
        }

        /**
         * The rewind point k >= 0: the state after k updates of the first round (default 0, the
         * initial weights). With stepsPerRound, k must not exceed it.
         */
        public Builder rewindToStep(long k) {
            this.rewindStep = Require.atLeast("rewindToStep", k, 0L);
            return this;
        }

        /** Whether to run the one-shot baseline (one pruning to the final sparsity) instead (default false). */
        public Builder oneShot(boolean oneShot) {
            this.oneShot = oneShot;
            return this;
        }

        /**
         * Pellegrini &amp; Biroli's stopping rule for iterative pruning: stop before a pruning that
         * would leave some pruned matrix with at most this fraction of its units connected
         * ({@link PruningMasks#connectedUnitFraction}); in [0, 1), 0 (the default) switches it off.
         */
        public Builder stopBelowConnectedUnits(double fraction) {
            Require.that(fraction >= 0 && fraction < 1, "stopBelowConnectedUnits", fraction, "a fraction in [0, 1)");
            this.stopBelowConnectedUnits = fraction;
            return this;
        }

        /** Whether records carry the K x D weights (default true). */
        public Builder snapshotWeights(boolean snapshot) {
            this.snapshotWeights = snapshot;
            return this;
        }

        /**
         * The held-out data for the per-round measures (copied): features N x D with N >= 2 finite
         * rows, labels N x 1 (targets in {0, 1}) or N x M one-hot.
         */
        public Builder heldOut(DataSet heldOut) {
            Require.nonNull("heldOut", heldOut);
            INDArray x = heldOut.getFeatures();
            INDArray t = heldOut.getLabels();
            Require.that(x != null && x.rank() == 2 && x.rows() >= 2, "heldOut features shape",
                    x == null ? null : Arrays.toString(x.shape()), "N x D with N >= 2");
            Require.that(t != null && t.rank() == 2 && t.rows() == x.rows(), "heldOut labels shape",
                    t == null ? null : Arrays.toString(t.shape()), "N x M with N = " + x.rows());
            double[][] features = NdArrays.rows(x);
            for (double[] row : features) {
                for (double v : row) {
                    Require.finite("heldOut feature", v);
                }
            }
            this.heldOutFeatures = features;
            this.heldOutLabels = NdArrays.rows(t);
            return this;
        }

        /** Adds a sink. */
        public Builder sink(RecordSink<? super PruningRoundRecord> sink) {
            sinks.add(Require.nonNull("sink", sink));
            return this;
        }

        /** The validated configuration. */
        public IterativeMagnitudePruning build() {
            return new IterativeMagnitudePruning(this);
        }
    }
}
