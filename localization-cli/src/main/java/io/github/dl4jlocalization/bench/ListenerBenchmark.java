package io.github.dl4jlocalization.bench;

import com.sun.management.OperatingSystemMXBean;
import io.github.dl4jlocalization.iterators.NlgpDataSetIterator;
import io.github.dl4jlocalization.listeners.DivergenceGuard;
import io.github.dl4jlocalization.listeners.KurtosisListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.RecordSink;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntConsumer;

import static io.github.dl4jlocalization.experiment.TrainBenchmark.median;

/**
 * What the plugin's listeners cost in a user's own pipeline: a DL4J network that is not one of the
 * papers' (a dense layer of {@value #HIDDEN} ReLU units on D = {@value #INPUTS} inputs, a softmax
 * {@code OutputLayer} with {@value #CLASSES} outputs and MCXENT, Adam, Xavier init) trained the DL4J
 * way, {@code net.fit(iterator)} on an {@link NlgpDataSetIterator} (g = 3, one-hot labels, data
 * prefetched by DL4J on a second thread), in float32 and float64, bare and with each listener:
 * {@link DivergenceGuard} every step, {@link ReceptiveFieldListener} and {@link KurtosisListener}
 * (held-out batch of one batch size, default input sampling) every {@value #FREQUENCY} steps,
 * records dropped; and a listener that does nothing, as a control.
 *
 * <p>Two figures per listener, each the median over repetitions:
 * <ul>
 *   <li><b>in the loop</b>: milliseconds per step of the training loop with the listener, wall
 *       clock and CPU time of the whole process, against the bare loop. Each repetition runs every
 *       network (one per listener, same seed) for the same number of steps, in an order rotated
 *       from one repetition to the next, so that drift in the machine's load affects all alike;
 *       on a shared machine these figures still vary by several percent.</li>
 *   <li><b>alone</b>: CPU time of the calling thread per step of the listener's own work
 *       ({@code iterationDone} called as after each step, on a network whose input is a fixed
 *       batch), against {@code fit} of that batch on the bare network, the training step without
 *       data generation; these timings, too, run in a rotated order in every repetition. With
 *       {@code OMP_NUM_THREADS=1} ND4J computes on the calling thread, so the ratio depends little
 *       on the machine's load. The target is that every listener costs at most
 *       {@value #TARGET_PERCENT} % of a step.</li>
 * </ul>
 */
public final class ListenerBenchmark {
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Input dimension D (NLGP ring length L). */
    public static final int INPUTS = 40;
    /** Hidden ReLU units of the user's network. */
    public static final int HIDDEN = 100;
    /** Softmax outputs (the two classes). */
    public static final int CLASSES = 2;
    /** Recording period of the recording listeners, in steps. */
    public static final int FREQUENCY = 10;
    /** The target: a listener's own cost per step at most this many percent of a training step. */
    public static final int TARGET_PERCENT = 10;

    /**
     * A listener to time, made fresh for each network.
     *
     * @param name    label in the table
     * @param factory the listener, given a held-out batch of features (batch size x D)
     */
    public record Case(String name, Function<INDArray, TrainingListener> factory) {
        /** Validates the fields. */
        public Case {
            Require.nonNull("case name", name);
            Require.nonNull("listener factory", factory);
        }
    }

    /**
     * The times of one listener (or of the bare network), milliseconds per training step.
     *
     * @param name    the case
     * @param step    training loop, wall clock
     * @param stepCpu training loop, CPU time of the whole process
     * @param alone   the listener's own work, CPU time of the calling thread (0 for the bare network)
     */
    public record Times(String name, double step, double stepCpu, double alone) {
    }

    /**
     * Every figure of one data type.
     *
     * @param dataType  the network's and the data's type
     * @param bare      the network without listener
     * @param fit       {@code fit} on a fixed batch, bare network, CPU time of the calling thread
     * @param listeners one entry per case, in the order given
     */
    public record Result(DataType dataType, Times bare, double fit, List<Times> listeners) {
        /** Keeps an unmodifiable copy of the listeners' times. */
        public Result {
            listeners = List.copyOf(listeners);
        }

        /** Relative cost in the loop, wall clock: {@code step / bare step - 1}. */
        public double overhead(Times t) {
            return t.step() / bare.step() - 1;
        }

        /** Relative cost in the loop, process CPU time. */
        public double overheadCpu(Times t) {
            return t.stepCpu() / bare.stepCpu() - 1;
        }

        /** The listener's own cost per step relative to a training step: {@code alone / fit}. */
        public double share(Times t) {
            return t.alone() / fit;
        }

        /** Whether {@link #share} is within {@value #TARGET_PERCENT} %. */
        public boolean meetsTarget(Times t) {
            return share(t) <= TARGET_PERCENT / 100.0;
        }
    }

    private final int batchSize;
    private final int repetitions;
    private final int steps;
    private final int warmup;

    /**
     * @param batchSize   samples per batch (and rows of the held-out batch), >= 2
     * @param repetitions repetitions of each measurement, >= 1
     * @param steps       training steps (or listener calls) per repetition, >= {@value #FREQUENCY}
     * @param warmup      untimed steps of each network first, >= 0
     */
    public ListenerBenchmark(int batchSize, int repetitions, int steps, int warmup) {
        this.batchSize = Require.atLeast("batch", batchSize, 2);
        this.repetitions = Require.atLeast("repetitions", repetitions, 1);
        this.steps = Require.atLeast("steps", steps, FREQUENCY);
        this.warmup = Require.atLeast("warmup", warmup, 0);
    }

    /**
     * The plugin's training listeners, as a user adds them (records dropped, no I/O), after a
     * control: a listener that does nothing, whose loop figures show what DL4J's listener calls
     * and the machine's noise alone do to the loop.
     */
    public static List<Case> standardCases() {
        return List.of(
                new Case("no-op listener (control)", heldOut -> new BaseTrainingListener() {
                }),
                new Case("DivergenceGuard every step", heldOut -> new DivergenceGuard()),
                new Case("ReceptiveFieldListener every " + FREQUENCY, heldOut ->
                        new ReceptiveFieldListener.Builder(FREQUENCY).sink(RecordSink.discarding()).build()),
                new Case("KurtosisListener every " + FREQUENCY, heldOut ->
                        new KurtosisListener.Builder(FREQUENCY).heldOutBatch(heldOut).sink(RecordSink.discarding()).build()));
    }

    /** The user's network in {@code type}: Dense(D -> 100, ReLU), softmax output (2, MCXENT), Adam 1e-3. */
    public static MultiLayerNetwork network(DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(type)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(INPUTS).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The user's training data: NLGP(3), xi = (0.3, 0.7), one-hot labels (the iterators' default). */
    private DataSetIterator data(DataType type, long seed, long first, int count) {
        return new NlgpDataSetIterator.Builder().gain(3).xi(0.3, 0.7).length(INPUTS)
                .batchSize(batchSize).batchesPerEpoch(count).startBatch(first).seed(seed).dataType(type).build();
    }

    /** Times the bare network and every case in {@code type}. */
    public Result measure(DataType type, List<Case> cases) {
        Require.that(!cases.isEmpty(), "cases", cases, "at least one listener");
        INDArray heldOut = data(type, 99, 0, 1).next().getFeatures();
        int n = cases.size() + 1;
        MultiLayerNetwork[] nets = new MultiLayerNetwork[n];
        for (int c = 0; c < n; c++) {
            nets[c] = network(type);
            if (c > 0) {
                nets[c].setListeners(cases.get(c - 1).factory().apply(heldOut));
            }
            if (warmup > 0) {
                nets[c].fit(data(type, 2, 0, warmup));
            }
        }
        double[][] wall = new double[n][repetitions];
        double[][] cpu = new double[n][repetitions];
        for (int r = 0; r < repetitions; r++) {
            for (int i = 0; i < n; i++) {
                int c = (r + i) % n;
                long cpu0 = PROCESS.getProcessCpuTime();
                long t0 = System.nanoTime();
                nets[c].fit(data(type, 1, (long) r * steps, steps));
                wall[c][r] = (System.nanoTime() - t0) * 1e-6 / steps;
                cpu[c][r] = (PROCESS.getProcessCpuTime() - cpu0) * 1e-6 / steps;
            }
        }

        DataSet fixed = data(type, 3, 0, 1).next();
        MultiLayerNetwork alone = network(type);
        TrainingListener[] listeners = new TrainingListener[n];
        for (int c = 1; c < n; c++) {
            listeners[c] = cases.get(c - 1).factory().apply(heldOut);
        }
        alone.setInput(fixed.getFeatures());
        double[][] own = new double[n][repetitions];   // [0]: fit of the fixed batch
        for (int r = -1; r < repetitions; r++) {       // r = -1: warm-up, not kept
            for (int i = 0; i < n; i++) {
                int c = (Math.max(r, 0) + i) % n;
                int calls = r < 0 ? warmup : steps;
                double ms = c == 0 ? threadMillis(calls, k -> alone.fit(fixed))
                        : threadMillis(calls, k -> listeners[c].iterationDone(alone, k, 0));
                if (r >= 0) {
                    own[c][r] = ms;
                }
                alone.setInput(fixed.getFeatures());     // what the listeners read, as after a step
                alone.setLabels(fixed.getLabels());
            }
        }
        List<Times> times = new ArrayList<>();
        for (int c = 1; c < n; c++) {
            times.add(new Times(cases.get(c - 1).name(), median(wall[c]), median(cpu[c]), median(own[c])));
        }
        return new Result(type, new Times("bare", median(wall[0]), median(cpu[0]), 0), median(own[0]), times);
    }

    /**
     * CPU milliseconds of the calling thread per call of {@code calls} calls, numbered from 0 (so
     * that a recording listener records at every {@value #FREQUENCY}-th); NaN for no call.
     */
    private static double threadMillis(int calls, IntConsumer call) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            call.accept(i);
        }
        return calls == 0 ? Double.NaN : (THREADS.getCurrentThreadCpuTime() - t0) * 1e-6 / calls;
    }

    /** The table of one data type's results, with the target verdict of each listener. */
    public static String format(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: bare step %.3f ms (wall), %.3f ms (process CPU); fit of one fixed "
                        + "batch alone %.3f ms (thread CPU)%n", result.dataType().name().toLowerCase(Locale.ROOT),
                result.bare().step(), result.bare().stepCpu(), result.fit()));
        out.append(String.format(Locale.ROOT, "  %-34s %8s %8s %15s %9s %7s  %s%n", "listener", "step ms", "cpu ms",
                "loop wall/cpu", "alone ms", "alone %", "target <= " + TARGET_PERCENT + " %"));
        for (Times t : result.listeners()) {
            out.append(String.format(Locale.ROOT, "  %-34s %8.3f %8.3f %+6.1f/%+6.1f%% %9.4f %6.1f%%  %s%n", t.name(),
                    t.step(), t.stepCpu(), 100 * result.overhead(t), 100 * result.overheadCpu(t), t.alone(),
                    100 * result.share(t), result.meetsTarget(t) ? "met" : "NOT met"));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ListenerBenchmark(batch=" + batchSize + ", repetitions=" + repetitions + ", steps=" + steps
                + ", warmup=" + warmup + ")";
    }
}
