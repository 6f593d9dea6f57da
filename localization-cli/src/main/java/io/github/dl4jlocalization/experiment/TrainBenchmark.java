package io.github.dl4jlocalization.experiment;

import com.sun.management.OperatingSystemMXBean;
import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import io.github.dl4jlocalization.listeners.DivergenceGuard;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import io.github.dl4jlocalization.listeners.RecordSink;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;


import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Milliseconds per SGD step of a run's training in the steady state ({@link TrainingRun}: one
 * {@code net.fit} on the run's batches, generated on a second thread, with the
 * {@link DivergenceGuard}), without and with a {@link ReceptiveFieldListener} every
 * {@value #LISTENER_FREQUENCY} steps, in wall-clock time and in CPU time of the process; and where
 * the time goes, in CPU time of the calling thread: a batch drawn by the iterator alone
 * (synchronously, into a workspace as a run's batches), of which the sampler's generation alone
 * (the rest is the copy into ND4J), {@code fit} alone on a fixed batch, its forward+backward pass
 * alone ({@code computeGradientAndScore}; the updater and bookkeeping are the difference), the
 * listener's record alone and the scoring of the run's held-out batch alone (a run's record is
 * both). A run as users run it, end to end, is timed by {@code bench train} in a child JVM.
 *
 * <p>Every figure is the median over repetitions of the mean time per step of one repetition;
 * the loops with and without the listener alternate in ABBA order, so that drift in the machine's
 * load and order effects affect both alike. The standard workloads are {@link #W1} and {@link #W2}.
 */
public final class TrainBenchmark {
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Recording period of the listener in the "with listener" loop. */
    public static final int LISTENER_FREQUENCY = 10;

    /** W1: the single ReLU neuron on NLGP(g=3), xi = (0.3, 0.7), L = 40, batch 5000, float64. */
    public static final Workload W1 = new Workload("W1", "K=1 ReLU, NLGP g=3, L=40, B=5000",
            RunConfig.builder().hidden(1).batch(5000).build());
    /** W2: the SCM with K = 100 ReLU units on the same data, batch 1000, float64. */
    public static final Workload W2 = new Workload("W2", "SCM K=100 ReLU, NLGP g=3, L=40, B=1000",
            RunConfig.builder().hidden(100).batch(1000).build());

    /**
     * A named configuration to time (its step count is not used).
     *
     * @param name        short name
     * @param description one line
     * @param config      data, network and batch size
     */
    public record Workload(String name, String description, RunConfig config) {
    }

    /**
     * Times of one workload, in milliseconds per SGD step (medians over repetitions).
     *
     * @param workload         the workload
     * @param step             training loop, data prefetched, no listener (wall clock)
     * @param stepWithListener the same with the listener every {@value #LISTENER_FREQUENCY} steps
     * @param stepCpu          CPU time of the whole process (every thread: training, prefetch,
     *                         garbage collection, ND4J deallocation) per step of the loop without
     *                         listener; unlike wall-clock time it does not grow when other processes
     *                         compete for the cores
     * @param stepWithListenerCpu the same with the listener
     * @param data             one batch from the iterator (generation and copy into ND4J), alone
     *                         (synchronously), thread CPU time
     * @param generate         generating one batch into Java arrays alone ({@code BatchSampler}),
     *                         thread CPU time
     * @param fit              {@code fit} on a fixed batch, alone, thread CPU time
     * @param forwardBackward  forward and backward pass alone, thread CPU time
     * @param listenerRecord   one listener record (per record, not per step), thread CPU time
     * @param evaluation       one scoring of the run's held-out batch ({@link RunConfig#evalSize()}
     *                         samples), thread CPU time
     */
    public record Result(Workload workload, double step, double stepWithListener, double stepCpu,
                         double stepWithListenerCpu, double data, double generate, double fit,
                         double forwardBackward, double listenerRecord, double evaluation) {

        /** Copying a batch into ND4J: {@code data - generate}. */
        public double copy() {
            return data - generate;
        }

        /**
         * A run's records per step: one listener record and one evaluation every
         * {@code recordEvery} steps.
         */
        public double recordsPerStep(int recordEvery) {
            return (listenerRecord + evaluation) / recordEvery;
        }

        /** Relative cost of the listener in wall-clock time, {@code stepWithListener / step - 1}. */
        public double listenerOverhead() {
            return stepWithListener / step - 1;
        }

        /** Relative cost of the listener in process CPU time. */
        public double listenerOverheadCpu() {
            return stepWithListenerCpu / stepCpu - 1;
        }

        /** Updater and bookkeeping of {@code fit}: {@code fit - forwardBackward}. */
        public double updater() {
            return fit - forwardBackward;
        }

        /** The listener's cost per step: {@code listenerRecord / frequency}. */
        public double listenerPerStep() {
            return listenerRecord / LISTENER_FREQUENCY;
        }
    }

    private final int repetitions;
    private final int steps;
    private final int warmup;

    /**
     * @param repetitions repetitions of each measurement, >= 1
     * @param steps       steps (or calls) per repetition, >= {@value #LISTENER_FREQUENCY}
     * @param warmup      steps before the first repetition (JIT, workspaces), >= 0
     */
    public TrainBenchmark(int repetitions, int steps, int warmup) {
        this.repetitions = Require.atLeast("repetitions", repetitions, 1);
        this.steps = Require.atLeast("steps", steps, LISTENER_FREQUENCY);
        this.warmup = Require.atLeast("warmup", warmup, 0);
    }

    /** Times one workload. */
    public Result measure(Workload workload) {
        RunConfig config = workload.config();
        DataModel model = config.dataModel();
        MultiLayerNetwork plain = config.network().network();
        MultiLayerNetwork listened = config.network().network();
        ReceptiveFieldListener listener = new ReceptiveFieldListener.Builder(LISTENER_FREQUENCY)
                .sink(RecordSink.discarding()).build();
        // a run's stack without and with the recorder: the divergence guard checks every step
        plain.setListeners(new DivergenceGuard());
        listened.setListeners(new DivergenceGuard(), listener);
        trainingLoop(plain, config, model, 0, warmup);
        trainingLoop(listened, config, model, 0, warmup);
        double[][] step = new double[2][repetitions];
        double[][] withListener = new double[2][repetitions];
        long next = warmup;
        for (int r = 0; r < repetitions; r++) {
            // ABBA order: whichever loop runs second in a repetition does so in every other one
            boolean plainFirst = r % 2 == 0;
            double[] first = trainingLoop(plainFirst ? plain : listened, config, model, next, steps);
            double[] second = trainingLoop(plainFirst ? listened : plain, config, model, next, steps);
            double[] a = plainFirst ? first : second;
            double[] b = plainFirst ? second : first;
            for (int k = 0; k < 2; k++) {
                step[k][r] = a[k];
                withListener[k][r] = b[k];
            }
            next += steps;
        }

        double dataMs;
        DataSet fixed;
        try (WorkspaceBatches data = new WorkspaceBatches(TrainingRun.batches(config, model, 0, Integer.MAX_VALUE))) {
            dataMs = repeat(warmup, i -> data.next());
            fixed = data.next().copy();
        }
        BatchSampler sampler = new BatchSampler(model, config.dataSeed());
        LabelledBatch scratch = sampler.sample(0, config.batch());
        double generateMs = repeat(warmup, i -> sampler.sampleInto(i, scratch.features(), scratch.labels()));
        MultiLayerNetwork net = config.network().network();
        double fitMs = repeat(warmup, i -> net.fit(fixed));
        net.setInput(fixed.getFeatures());
        net.setLabels(fixed.getLabels());
        double forwardBackwardMs = repeat(warmup, i -> net.computeGradientAndScore());
        ReceptiveFieldListener recorder = new ReceptiveFieldListener.Builder(LISTENER_FREQUENCY)
                .sink(RecordSink.discarding()).build();
        double recordMs = repeat(warmup, i -> recorder.recordNow(net, i, 0));
        HeldOutBatch evaluation = HeldOutBatch.of(config, model, config.evalSize());
        double evaluationMs = repeat(warmup, i -> evaluation.score(net));
        return new Result(workload, median(step[0]), median(withListener[0]), median(step[1]), median(withListener[1]),
                dataMs, generateMs, fitMs, forwardBackwardMs, recordMs, evaluationMs);
    }

    /**
     * Wall-clock and process-CPU ms per step of {@code count} steps of the run's training (one
     * {@code net.fit} on the prefetched batches {@code first .. first + count - 1}, with the
     * network's listeners), starting at batch {@code first}.
     */
    private static double[] trainingLoop(MultiLayerNetwork net, RunConfig config, DataModel model, long first,
                                         int count) {
        if (count == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long end = first + count;
        Require.that(end <= Integer.MAX_VALUE, "benchmark steps", end, "at most " + Integer.MAX_VALUE + " batches");
        DataModelDataSetIterator batches = TrainingRun.batches(config, model, first, (int) end);
        long cpu0 = PROCESS.getProcessCpuTime();
        long t0 = System.nanoTime();
        TrainingRun.fitBatches(net, batches, true);
        return new double[] {(System.nanoTime() - t0) * 1e-6 / count,
            (PROCESS.getProcessCpuTime() - cpu0) * 1e-6 / count};
    }

    /**
     * Median over repetitions of the mean CPU ms of the calling thread per call of {@code steps}
     * calls, after {@code warmup} calls. ND4J runs its operations on the calling thread
     * ({@code OMP_NUM_THREADS=1}), so this is the call's own cost, whatever else runs on the machine.
     */
    private double repeat(int warmupCalls, LongConsumer call) {
        for (int i = 0; i < warmupCalls; i++) {
            call.accept(i);
        }
        double[] ms = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < steps; i++) {
                call.accept(i);
            }
            ms[r] = (THREADS.getCurrentThreadCpuTime() - t0) * 1e-6 / steps;
        }
        return median(ms);
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The standard workloads, W1 and W2. */
    public static List<Workload> standardWorkloads() {
        return new ArrayList<>(List.of(W1, W2));
    }

    @Override
    public String toString() {
        return "TrainBenchmark(repetitions=" + repetitions + ", steps=" + steps + ", warmup=" + warmup + ")";
    }
}
