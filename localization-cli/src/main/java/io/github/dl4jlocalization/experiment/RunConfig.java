package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.ParameterSet;
import io.github.dl4jlocalization.config.ParameterValues;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.config.ValueType;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.nn.Bias;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.NetworkSpec;
import io.github.dl4jlocalization.nn.Readout;
import io.github.dl4jlocalization.nn.ShallowNetwork;
import io.github.dl4jlocalization.util.MemoryBudget;
import io.github.dl4jlocalization.util.Require;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment: a data model, a {@link ShallowNetwork}, and online SGD for a number of steps,
 * with its recording schedule. It is the unit of work of {@link Experiment} (and of a later sweep
 * engine, which ships it to workers unchanged): immutable, serialisable, validated when built.
 *
 * <p>Every parameter is a {@link Parameter} declared once: the {@code data} section is a
 * {@link DataModelConfig} ({@link DataModelConfig#PARAMETERS}); the network options are
 * {@link NetworkSpec}'s ({@link NetworkSpec#ACTIVATION activation}, {@link NetworkSpec#BIAS bias},
 * {@link NetworkSpec#READOUT readout}, {@link NetworkSpec#INIT_SCALE initScale},
 * {@link NetworkSpec#LEARNING_RATE lr}); the training ones are declared here ({@link #HIDDEN},
 * {@link #BATCH}, {@link #STEPS}, {@link #SEED}, {@link #RECORD_EVERY},
 * {@link #CHECKPOINT_EVERY}, {@link #EVAL_SIZE}). {@link #PARAMETERS} lists them in config-file
 * order; config keys, flags ({@code --init-scale}), validation messages, help texts and
 * {@code config.json} follow from the declarations. The defaults are the single-neuron setting of
 * the papers' IPR-vs-kurtosis sweep (docs/science.md 7.1): SCM K = 1 ReLU without bias, init
 * 0.001, lr 0.1, B = 5000, T = 10,000, on NLGP(g = 3) with L = 40 and xi = (0.3, 0.7).
 *
 * <p>{@link #fromMap} reads a map such as {@link #toMap()} writes (a parsed JSON or YAML config
 * file): missing keys take their defaults, unknown keys are rejected naming the key, and the
 * provenance entries that {@code run} adds to {@code config.json} ({@value #VERSION_KEY},
 * {@value #BACKEND_KEY}) are ignored, so a run's {@code config.json} can be passed back as a
 * config file. Two configs are equal when their {@link #toMap()} are.
 */
public final class RunConfig implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    /** Hidden units K >= 1 (1: the single neuron). */
    public static final Parameter<Integer> HIDDEN = Parameter.integer("hidden").range(Range.atLeast(1)).defaultValue(1)
            .label("K").help("Hidden units K");
    /** Samples per SGD step B, fresh at every step. */
    public static final Parameter<Integer> BATCH = Parameter.integer("batch").range(Range.atLeast(1)).defaultValue(5000)
            .label("B").unit("samples").help("Fresh samples per SGD step");
    /** SGD steps T. */
    public static final Parameter<Integer> STEPS = Parameter.integer("steps").range(Range.atLeast(1))
            .defaultValue(10_000).label("T").help("SGD steps");
    /** The run's seed (see {@link #networkSeed()}). */
    public static final Parameter<Long> SEED = Parameter.whole("seed").defaultValue(0L).label("S")
            .help("Seed of the weights, the data and the evaluation batch");
    /** Steps between records (weights, IPR, evaluation). */
    public static final Parameter<Integer> RECORD_EVERY = Parameter.integer("recordEvery").range(Range.atLeast(1))
            .defaultValue(100).unit("steps").help("Steps between records");
    /** Steps between checkpoints, 0: only at the end. */
    public static final Parameter<Integer> CHECKPOINT_EVERY = Parameter.integer("checkpointEvery")
            .range(Range.atLeast(0)).defaultValue(1000).label("M").unit("steps")
            .help("Steps between checkpoints; 0: only at the end");
    /** Samples of the fixed held-out evaluation batch (the reference evaluates on 1000 fresh samples). */
    public static final Parameter<Integer> EVAL_SIZE = Parameter.integer("evalSize").range(Range.atLeast(1))
            .defaultValue(1000).unit("samples").help("Samples of the held-out evaluation batch");

    /** The run parameters after the {@value #DATA_KEY} section, in {@link #toMap()} order. */
    public static final ParameterSet PARAMETERS = ParameterSet.of("run parameter", HIDDEN, NetworkSpec.ACTIVATION,
            NetworkSpec.BIAS, NetworkSpec.READOUT, NetworkSpec.INIT_SCALE, NetworkSpec.LEARNING_RATE, BATCH, STEPS,
            SEED, RECORD_EVERY, CHECKPOINT_EVERY, EVAL_SIZE);
    /** The key of the data section ({@link DataModelConfig#toMap()}). */
    public static final String DATA_KEY = "data";
    /** Provenance key written next to the parameters in {@code config.json}, ignored when read. */
    public static final String VERSION_KEY = "version";
    /** Provenance key written next to the parameters in {@code config.json}, ignored when read. */
    public static final String BACKEND_KEY = "backend";
    /** The parameter keys, in {@link #toMap()} order. */
    public static final List<String> KEYS = keys();

    /** Random-stream counters of the seeds derived from {@link #seed()}. */
    private static final long NETWORK_STREAM = 0;
    private static final long DATA_STREAM = 1;
    private static final long EVAL_STREAM = 2;

    private final transient DataModelConfig data;
    private final transient ParameterValues values;

    private RunConfig(Builder b) {
        this.data = b.data.build();
        this.values = b.values.build();
        int dimension = data.build().dimension();
        Require.that((long) batch() * dimension <= Integer.MAX_VALUE, BATCH.name(), batch(),
                "at most " + Integer.MAX_VALUE / dimension + " for D = " + dimension
                        + " (one batch must fit a Java array)");
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of(DATA_KEY));
        keys.addAll(PARAMETERS.names());
        return List.copyOf(keys);
    }

    /** A builder with every parameter at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The config with every parameter at its default. */
    public static RunConfig defaults() {
        return builder().build();
    }

    /** A builder starting from this config (every parameter counts as given). */
    public Builder toBuilder() {
        return builder().setAll(toMap());
    }

    /**
     * Reads a map such as {@link #toMap()} writes; see the class comment.
     *
     * @throws IllegalArgumentException naming the first unknown key or invalid value
     */
    public static RunConfig fromMap(Map<String, ?> map) {
        return builder().setAll(map).build();
    }

    /** Every parameter, defaults resolved, in {@link #KEYS} order; unmodifiable. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(DATA_KEY, data.toMap());
        m.putAll(values.toMap());
        return Collections.unmodifiableMap(m);
    }

    /** The value of {@code p}, one of {@link #PARAMETERS} or {@link DataModelConfig#PARAMETERS}. */
    public <T> T get(Parameter<T> p) {
        return DataModelConfig.PARAMETERS.contains(p) ? data.get(p) : values.get(p);
    }

    /** The data part. */
    public DataModelConfig data() {
        return data;
    }

    /** The data model. */
    public DataModel dataModel() {
        return data.build();
    }

    /**
     * Requires that a run of this configuration fits in this JVM's memory ({@link MemoryBudget}),
     * before anything is allocated or written. The estimate, in doubles of 8 bytes, by what sets
     * each term (K hidden units, D inputs, B batch, N held-out samples, T steps, r recordEvery):
     * <ul>
     *   <li>heap: the held-out batch {@code N D} ({@code evalSize}); sampled batches
     *       {@code 3 B D}, the one trained on, the one prefetched and the one being drawn
     *       ({@code batch}); the receptive-field records and weight snapshots a run keeps in
     *       memory, {@code 2 (T/r + 2) K D} ({@code hidden});</li>
     *   <li>off-heap (ND4J): the network's parameters, gradients and a read copy
     *       {@code 3 K (D + 2)} ({@code hidden}); batches in the prefetch queue and workspace
     *       {@code 4 B D} and their activations {@code 4 B K} ({@code batch}); the held-out
     *       features {@code N D} and activations {@code 3 N K} ({@code evalSize}).</li>
     * </ul>
     * When a total exceeds its limit, the message names the parameter of its largest term. The
     * data model's own tables are checked when it is built.
     *
     * @throws IllegalArgumentException naming the parameter, the memory needed and the limit
     */
    public void requireFits() {
        double d = dataModel().dimension();
        double k = hidden();
        double records = 2.0 * (steps() / (double) recordEvery() + 2);
        double[] heap = {evalSize() * d, 3.0 * batch() * d, records * k * d};
        double[] offHeap = {evalSize() * (d + 3 * k), 4.0 * batch() * (d + k), 3 * k * (d + 2)};
        // the terms in the order of their parameters
        Parameter<?>[] parameters = {EVAL_SIZE, BATCH, HIDDEN};
        String[] heapWhat = {"the held-out batch", "the sampled batches", "the receptive-field records kept in memory"};
        String[] offHeapWhat = {"the held-out batch and its activations", "the batches and their activations",
            "the network's parameters and gradients"};
        int h = largest(heap);
        MemoryBudget.requireHeap(parameters[h].name(), get(parameters[h]), Double.BYTES * sum(heap),
                "a run, most of it " + heapWhat[h]);
        int o = largest(offHeap);
        MemoryBudget.requireOffHeap(parameters[o].name(), get(parameters[o]), Double.BYTES * sum(offHeap),
                "a run, most of it " + offHeapWhat[o]);
    }

    private static int largest(double[] terms) {
        int best = 0;
        for (int i = 1; i < terms.length; i++) {
            if (terms[i] > terms[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double sum(double[] terms) {
        double total = 0;
        for (double t : terms) {
            total += t;
        }
        return total;
    }

    /** The network: D from the data model, initialised from {@link #networkSeed()}. */
    public ShallowNetwork network() {
        return ShallowNetwork.builder(data.build().dimension())
                .hiddenUnits(hidden()).activation(activation()).bias(bias()).readout(readout())
                .initScale(initScale()).learningRate(learningRate()).seed(networkSeed())
                .build();
    }

    /**
     * The convolutional counterpart of {@link #network()} on the same inputs: C filters of width
     * w, with this config's activation, bias, readout, initial-weight scale, learning rate and
     * network seed ({@code hidden} does not apply).
     *
     * @param channels    C >= 1
     * @param filterWidth w in [1, D]
     */
    public ConvolutionalNetwork convolutionalNetwork(int channels, int filterWidth) {
        return ConvolutionalNetwork.builder(data.build().dimension())
                .channels(channels).filterWidth(filterWidth).activation(activation()).bias(bias()).readout(readout())
                .initScale(initScale()).learningRate(learningRate()).seed(networkSeed())
                .build();
    }

    /** K. */
    public int hidden() {
        return values.get(HIDDEN);
    }

    /** The hidden nonlinearity. */
    public HiddenActivation activation() {
        return values.get(NetworkSpec.ACTIVATION);
    }

    /** The hidden bias. */
    public Bias bias() {
        return values.get(NetworkSpec.BIAS);
    }

    /** The readout. */
    public Readout readout() {
        return values.get(NetworkSpec.READOUT);
    }

    /** Variance multiplier of the initial weights. */
    public double initScale() {
        return values.get(NetworkSpec.INIT_SCALE);
    }

    /** SGD learning rate. */
    public double learningRate() {
        return values.get(NetworkSpec.LEARNING_RATE);
    }

    /** Batch size B. */
    public int batch() {
        return values.get(BATCH);
    }

    /** Number of SGD steps T. */
    public int steps() {
        return values.get(STEPS);
    }

    /** The run's seed. */
    public long seed() {
        return values.get(SEED);
    }

    /** Steps between records. */
    public int recordEvery() {
        return values.get(RECORD_EVERY);
    }

    /** Steps between checkpoints, 0 for a checkpoint at the end only. */
    public int checkpointEvery() {
        return values.get(CHECKPOINT_EVERY);
    }

    /** Samples of the evaluation batch. */
    public int evalSize() {
        return values.get(EVAL_SIZE);
    }

    /**
     * The seed of the network's initial weights. The run's seed is split into three independent
     * seeds, as the reference splits its PRNG key into model, data and evaluation keys:
     * {@code RandomStreams.of(seed, c).nextLong()} with c = 0 (network), 1 (training data),
     * 2 (evaluation data), so that the initial weights, the training batches and the evaluation
     * batch never share a random stream.
     */
    public long networkSeed() {
        return derivedSeed(NETWORK_STREAM);
    }

    /** The seed of the training batches (batch t is a pure function of this seed and t). */
    public long dataSeed() {
        return derivedSeed(DATA_STREAM);
    }

    /** The seed of the evaluation batch. */
    public long evalSeed() {
        return derivedSeed(EVAL_STREAM);
    }

    private long derivedSeed(long stream) {
        return RandomStreams.of(seed(), stream).nextLong();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunConfig c && c.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "RunConfig" + toMap();
    }

    /**
     * Parses an enum constant written as {@link #enumName} spells it (lower case, hyphens for
     * underscores, e.g. {@code first-layer}), case ignored, naming the key and the accepted names
     * on failure ({@link ValueType#parseEnum}).
     */
    public static <E extends Enum<E>> E parseEnum(String key, Class<E> type, String text) {
        return ValueType.parseEnum(key, type, text);
    }

    /** An enum constant as flags and files spell it: lower case, hyphens for underscores ({@link ValueType#enumName}). */
    public static String enumName(Enum<?> e) {
        return ValueType.enumName(e);
    }

    /** Serialised as {@link #toMap()}, rebuilt by {@link #fromMap} (the config of a sweep's work unit). */
    @Serial
    private Object writeReplace() {
        return new SerializedForm(new LinkedHashMap<>(toMap()));
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("serialised as its SerializedForm");
    }

    /** The serial form: the config-file map. */
    private record SerializedForm(LinkedHashMap<String, Object> map) implements Serializable {
        @Serial
        private Object readResolve() {
            return fromMap(map);
        }
    }

    /**
     * Builder of {@link RunConfig}; every parameter starts at its default and only the parameters
     * given override it (a model's own defaults, e.g. the pulse's xi, apply unless xi is given).
     * Not thread-safe.
     */
    public static final class Builder {
        private final DataModelConfig.Builder data = DataModelConfig.builder();
        private final ParameterValues.Builder values = PARAMETERS.builder();

        private Builder() {
        }

        /**
         * Sets {@code p}, one of {@link #PARAMETERS} or of the data section's
         * {@link DataModelConfig#PARAMETERS}.
         */
        public <T> Builder set(Parameter<T> p, T value) {
            if (DataModelConfig.PARAMETERS.contains(p)) {
                data.set(p, value);
            } else {
                values.set(p, value);
            }
            return this;
        }

        /** The value of {@code p} given so far, else its declared default. */
        public <T> T get(Parameter<T> p) {
            return DataModelConfig.PARAMETERS.contains(p) ? data.get(p) : values.get(p);
        }

        /** Whether {@code p} was given (else it takes its default, or the data model's own). */
        public boolean isGiven(Parameter<?> p) {
            return DataModelConfig.PARAMETERS.contains(p) ? data.isGiven(p) : values.isGiven(p);
        }

        /**
         * Sets (overrides) the given data parameters (keys of {@link DataModelConfig#KEYS}); parameters not in
         * the map keep their current values.
         */
        public Builder data(Map<String, ?> parameters) {
            data.setAll(Require.nonNull(DATA_KEY, parameters));
            return this;
        }

        /** K >= 1. */
        public Builder hidden(int hidden) {
            return set(HIDDEN, hidden);
        }

        /** The hidden nonlinearity. */
        public Builder activation(HiddenActivation activation) {
            return set(NetworkSpec.ACTIVATION, activation);
        }

        /** The hidden bias. */
        public Builder bias(Bias bias) {
            return set(NetworkSpec.BIAS, bias);
        }

        /** The readout. */
        public Builder readout(Readout readout) {
            return set(NetworkSpec.READOUT, readout);
        }

        /** Variance multiplier of the initial weights, finite and > 0. */
        public Builder initScale(double initScale) {
            return set(NetworkSpec.INIT_SCALE, initScale);
        }

        /** SGD learning rate, finite and > 0. */
        public Builder learningRate(double learningRate) {
            return set(NetworkSpec.LEARNING_RATE, learningRate);
        }

        /** Batch size B >= 1. */
        public Builder batch(int batch) {
            return set(BATCH, batch);
        }

        /** SGD steps T >= 1. */
        public Builder steps(int steps) {
            return set(STEPS, steps);
        }

        /** The run's seed. */
        public Builder seed(long seed) {
            return set(SEED, seed);
        }

        /** Steps between records, >= 1. */
        public Builder recordEvery(int recordEvery) {
            return set(RECORD_EVERY, recordEvery);
        }

        /** Steps between checkpoints, >= 0 (0: at the end only). */
        public Builder checkpointEvery(int checkpointEvery) {
            return set(CHECKPOINT_EVERY, checkpointEvery);
        }

        /** Samples of the evaluation batch, >= 1. */
        public Builder evalSize(int evalSize) {
            return set(EVAL_SIZE, evalSize);
        }

        /** Sets every entry of {@code map} with {@link #set(String, Object)}. */
        public Builder setAll(Map<String, ?> map) {
            Require.nonNull("run parameters", map).forEach(this::set);
            return this;
        }

        /**
         * Sets the parameter named {@code key} (one of {@link #KEYS}) from a config-file value,
         * read by its declaration; {@value #VERSION_KEY} and {@value #BACKEND_KEY} are ignored.
         *
         * @throws IllegalArgumentException for an unknown key or a value of the wrong type
         */
        public Builder set(String key, Object value) {
            Require.nonNull("run parameter name", key);
            switch (key) {
                case DATA_KEY -> data(ConfigValues.section(key, value));
                case VERSION_KEY, BACKEND_KEY -> {
                    // provenance written by run into config.json: not a parameter
                }
                default -> {
                    if (PARAMETERS.find(key).isEmpty()) {
                        throw new IllegalArgumentException("unknown run parameter '" + key + "'; accepted: "
                                + String.join(", ", KEYS));
                    }
                    values.set(key, value);
                }
            }
            return this;
        }

        /**
         * Validates every parameter and builds the config.
         *
         * @throws IllegalArgumentException naming the first invalid parameter
         */
        public RunConfig build() {
            return new RunConfig(this);
        }
    }
}
