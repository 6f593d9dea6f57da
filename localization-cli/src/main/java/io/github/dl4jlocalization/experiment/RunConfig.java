package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.nn.Bias;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.Readout;
import io.github.dl4jlocalization.nn.ShallowNetwork;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One experiment: a data model, a {@link ShallowNetwork}, and online SGD for a number of steps,
 * with its recording schedule. It is the unit of work of {@link Experiment} (and of a later sweep
 * engine, which ships it to workers unchanged): immutable, serialisable, validated when built.
 *
 * <table>
 *   <caption>Parameters (keys of {@link #toMap()} and of config files) and defaults</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>data</td><td>NLGP(g=3), xi=(0.3,0.7), L=40</td><td>the data model ({@link DataModelConfig}; every data flag of {@code sample})</td></tr>
 *   <tr><td>hidden</td><td>1</td><td>hidden units K (1: the single neuron)</td></tr>
 *   <tr><td>activation</td><td>relu</td><td>relu | sigmoid | tanh | erf</td></tr>
 *   <tr><td>bias</td><td>none</td><td>none | trainable | trainable:INIT | fixed:VALUE</td></tr>
 *   <tr><td>readout</td><td>frozen</td><td>frozen (SCM) | trained (two-layer)</td></tr>
 *   <tr><td>initScale</td><td>0.001</td><td>variance multiplier of the initial weights</td></tr>
 *   <tr><td>lr</td><td>0.1</td><td>SGD learning rate (the reference's, no factor conversion)</td></tr>
 *   <tr><td>batch</td><td>5000</td><td>samples per SGD step B, fresh at every step</td></tr>
 *   <tr><td>steps</td><td>10000</td><td>SGD steps T</td></tr>
 *   <tr><td>seed</td><td>0</td><td>the run's seed (see {@link #networkSeed()})</td></tr>
 *   <tr><td>recordEvery</td><td>100</td><td>steps between records (weights, IPR, evaluation)</td></tr>
 *   <tr><td>checkpointEvery</td><td>1000</td><td>steps between checkpoints (0: only at the end)</td></tr>
 *   <tr><td>evalSize</td><td>1000</td><td>samples of the fixed held-out evaluation batch</td></tr>
 * </table>
 * The defaults are the single-neuron setting of the papers' IPR-vs-kurtosis sweep (docs/science.md
 * 7.1): SCM K = 1 ReLU without bias, init 0.001, lr 0.1, B = 5000, T = 10,000, on NLGP with
 * L = 40 and xi = (0.3, 0.7).
 *
 * <p>{@link #fromMap} reads a map such as {@link #toMap()} writes (a parsed JSON or YAML config
 * file): missing keys take their defaults, unknown keys are rejected naming the key, and the
 * provenance entries that {@code run} adds to {@code config.json} ({@value #VERSION_KEY},
 * {@value #BACKEND_KEY}) are ignored, so a run's {@code config.json} can be passed back as a
 * config file. Two configs are equal when their {@link #toMap()} are.
 */
public final class RunConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default K. */
    public static final int DEFAULT_HIDDEN = 1;
    /** Default batch size B. */
    public static final int DEFAULT_BATCH = 5000;
    /** Default number of SGD steps T. */
    public static final int DEFAULT_STEPS = 10_000;
    /** Default steps between records. */
    public static final int DEFAULT_RECORD_EVERY = 100;
    /** Default steps between checkpoints. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 1000;
    /** Default size of the evaluation batch (the reference evaluates on 1000 fresh samples). */
    public static final int DEFAULT_EVAL_SIZE = 1000;
    /** Provenance key written next to the parameters in {@code config.json}, ignored when read. */
    public static final String VERSION_KEY = "version";
    /** Provenance key written next to the parameters in {@code config.json}, ignored when read. */
    public static final String BACKEND_KEY = "backend";
    /** The parameter keys, in {@link #toMap()} order. */
    public static final List<String> KEYS = List.of("data", "hidden", "activation", "bias", "readout", "initScale",
            "lr", "batch", "steps", "seed", "recordEvery", "checkpointEvery", "evalSize");

    /** Random-stream counters of the seeds derived from {@link #seed()}. */
    private static final long NETWORK_STREAM = 0;
    private static final long DATA_STREAM = 1;
    private static final long EVAL_STREAM = 2;

    private final DataModelConfig data;
    private final int hidden;
    private final HiddenActivation activation;
    private final Bias bias;
    private final Readout readout;
    private final double initScale;
    private final double learningRate;
    private final int batch;
    private final int steps;
    private final long seed;
    private final int recordEvery;
    private final int checkpointEvery;
    private final int evalSize;

    private RunConfig(Builder b) {
        this.data = DataModelConfig.fromMap(b.data);
        this.hidden = Require.atLeast("hidden", b.hidden, 1);
        this.activation = Require.nonNull("activation", b.activation);
        this.bias = Require.nonNull("bias", b.bias);
        this.readout = Require.nonNull("readout", b.readout);
        this.initScale = Require.positive("initScale", b.initScale);
        this.learningRate = Require.positive("lr", b.learningRate);
        this.batch = Require.atLeast("batch", b.batch, 1);
        this.steps = Require.atLeast("steps", b.steps, 1);
        this.seed = b.seed;
        this.recordEvery = Require.atLeast("recordEvery", b.recordEvery, 1);
        this.checkpointEvery = Require.atLeast("checkpointEvery", b.checkpointEvery, 0);
        this.evalSize = Require.atLeast("evalSize", b.evalSize, 1);
        Require.that((long) batch * data.build().dimension() <= Integer.MAX_VALUE, "batch", batch,
                "at most " + Integer.MAX_VALUE / data.build().dimension() + " for D = " + data.build().dimension()
                        + " (one batch must fit a Java array)");
    }

    /** A builder with every parameter at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The config with every parameter at its default. */
    public static RunConfig defaults() {
        return builder().build();
    }

    /** A builder starting from this config. */
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
        m.put("data", data.toMap());
        m.put("hidden", hidden);
        m.put("activation", activation.name().toLowerCase(Locale.ROOT));
        m.put("bias", formatBias(bias));
        m.put("readout", readout.name().toLowerCase(Locale.ROOT));
        m.put("initScale", initScale);
        m.put("lr", learningRate);
        m.put("batch", batch);
        m.put("steps", steps);
        m.put("seed", seed);
        m.put("recordEvery", recordEvery);
        m.put("checkpointEvery", checkpointEvery);
        m.put("evalSize", evalSize);
        return Collections.unmodifiableMap(m);
    }

    /** The data part. */
    public DataModelConfig data() {
        return data;
    }

    /** The data model. */
    public DataModel dataModel() {
        return data.build();
    }

    /** The network: D from the data model, initialised from {@link #networkSeed()}. */
    public ShallowNetwork network() {
        return ShallowNetwork.builder(data.build().dimension())
                .hiddenUnits(hidden).activation(activation).bias(bias).readout(readout)
                .initScale(initScale).learningRate(learningRate).seed(networkSeed())
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
                .channels(channels).filterWidth(filterWidth).activation(activation).bias(bias).readout(readout)
                .initScale(initScale).learningRate(learningRate).seed(networkSeed())
                .build();
    }

    /** K. */
    public int hidden() {
        return hidden;
    }

    /** The hidden nonlinearity. */
    public HiddenActivation activation() {
        return activation;
    }

    /** The hidden bias. */
    public Bias bias() {
        return bias;
    }

    /** The readout. */
    public Readout readout() {
        return readout;
    }

    /** Variance multiplier of the initial weights. */
    public double initScale() {
        return initScale;
    }

    /** SGD learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** Batch size B. */
    public int batch() {
        return batch;
    }

    /** Number of SGD steps T. */
    public int steps() {
        return steps;
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** Steps between records. */
    public int recordEvery() {
        return recordEvery;
    }

    /** Steps between checkpoints, 0 for a checkpoint at the end only. */
    public int checkpointEvery() {
        return checkpointEvery;
    }

    /** Samples of the evaluation batch. */
    public int evalSize() {
        return evalSize;
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
        return RandomStreams.of(seed, stream).nextLong();
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

    /** {@code none}, {@code trainable:INIT} or {@code fixed:VALUE}. */
    static String formatBias(Bias bias) {
        return switch (bias.kind()) {
            case NONE -> "none";
            case TRAINABLE -> "trainable:" + bias.value();
            case FIXED -> "fixed:" + bias.value();
        };
    }

    /** Parses {@code none}, {@code trainable} (init 0), {@code trainable:INIT} or {@code fixed:VALUE}. */
    static Bias parseBias(String text) {
        String accepted = "none, trainable, trainable:INIT or fixed:VALUE (e.g. fixed:-1)";
        String t = Require.nonNull("bias", text).trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String kind = colon < 0 ? t : t.substring(0, colon);
        String value = colon < 0 ? null : t.substring(colon + 1);
        try {
            return switch (kind) {
                case "none" -> {
                    Require.that(value == null, "bias", text, accepted);
                    yield Bias.none();
                }
                case "trainable" -> value == null ? Bias.trainable() : Bias.trainable(Double.parseDouble(value));
                case "fixed" -> {
                    Require.that(value != null, "bias", text, accepted);
                    yield Bias.fixed(Double.parseDouble(value));
                }
                default -> throw new IllegalArgumentException("bias must be " + accepted + ", got " + text);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bias must be " + accepted + ", got " + text, e);
        }
    }

    /**
     * Parses an enum constant written as {@link #enumName} spells it (lower case, hyphens for
     * underscores, e.g. {@code first-layer}), case ignored, naming the key and the accepted names
     * on failure.
     */
    public static <E extends Enum<E>> E parseEnum(String key, Class<E> type, String text) {
        Require.nonNull(key, text);
        for (E e : type.getEnumConstants()) {
            if (enumName(e).equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(RunConfig::enumName).collect(Collectors.joining(", ")) + ", got '" + text + "'");
    }

    /** An enum constant as flags and files spell it: lower case, hyphens for underscores. */
    public static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Builder of {@link RunConfig}; every parameter starts at its default. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Object> data = new LinkedHashMap<>();
        private int hidden = DEFAULT_HIDDEN;
        private HiddenActivation activation = ShallowNetwork.DEFAULT_ACTIVATION;
        private Bias bias = Bias.none();
        private Readout readout = Readout.FROZEN;
        private double initScale = ShallowNetwork.DEFAULT_INIT_SCALE;
        private double learningRate = ShallowNetwork.DEFAULT_LEARNING_RATE;
        private int batch = DEFAULT_BATCH;
        private int steps = DEFAULT_STEPS;
        private long seed;
        private int recordEvery = DEFAULT_RECORD_EVERY;
        private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
        private int evalSize = DEFAULT_EVAL_SIZE;

        private Builder() {
        }

        /**
         * Sets (overrides) the given data parameters (keys of {@link DataModelConfig#KEYS}); parameters not in
         * the map keep their current values.
         */
        public Builder data(Map<String, ?> parameters) {
            data.putAll(Require.nonNull("data", parameters));
            return this;
        }

        /** K >= 1. */
        public Builder hidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /** The hidden nonlinearity. */
        public Builder activation(HiddenActivation activation) {
            this.activation = activation;
            return this;
        }

        /** The hidden bias. */
        public Builder bias(Bias bias) {
            this.bias = bias;
            return this;
        }

        /** The readout. */
        public Builder readout(Readout readout) {
            this.readout = readout;
            return this;
        }

        /** Variance multiplier of the initial weights, finite and > 0. */
        public Builder initScale(double initScale) {
            this.initScale = initScale;
            return this;
        }

        /** SGD learning rate, finite and > 0. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Batch size B >= 1. */
        public Builder batch(int batch) {
            this.batch = batch;
            return this;
        }

        /** SGD steps T >= 1. */
        public Builder steps(int steps) {
            this.steps = steps;
            return this;
        }

        /** The run's seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Steps between records, >= 1. */
        public Builder recordEvery(int recordEvery) {
            this.recordEvery = recordEvery;
            return this;
        }

        /** Steps between checkpoints, >= 0 (0: at the end only). */
        public Builder checkpointEvery(int checkpointEvery) {
            this.checkpointEvery = checkpointEvery;
            return this;
        }

        /** Samples of the evaluation batch, >= 1. */
        public Builder evalSize(int evalSize) {
            this.evalSize = evalSize;
            return this;
        }

        /** Sets every entry of {@code map} with {@link #set}. */
        public Builder setAll(Map<String, ?> map) {
            Require.nonNull("run parameters", map);
            map.forEach(this::set);
            return this;
        }

        /**
         * Sets the parameter named {@code key} (one of {@link #KEYS}) from a config-file value;
         * {@value #VERSION_KEY} and {@value #BACKEND_KEY} are ignored.
         *
         * @throws IllegalArgumentException for an unknown key or a value of the wrong type
         */
        public Builder set(String key, Object value) {
            Require.nonNull("run parameter name", key);
            switch (key) {
                case "data" -> data(ConfigValues.section(key, value));
                case "hidden" -> hidden(ConfigValues.integer(key, value));
                case "activation" ->
                        activation(parseEnum(key, HiddenActivation.class, ConfigValues.string(key, value)));
                case "bias" -> bias(parseBias(ConfigValues.string(key, value)));
                case "readout" -> readout(parseEnum(key, Readout.class, ConfigValues.string(key, value)));
                case "initScale" -> initScale(ConfigValues.number(key, value));
                case "lr" -> learningRate(ConfigValues.number(key, value));
                case "batch" -> batch(ConfigValues.integer(key, value));
                case "steps" -> steps(ConfigValues.integer(key, value));
                case "seed" -> seed(ConfigValues.whole(key, value));
                case "recordEvery" -> recordEvery(ConfigValues.integer(key, value));
                case "checkpointEvery" -> checkpointEvery(ConfigValues.integer(key, value));
                case "evalSize" -> evalSize(ConfigValues.integer(key, value));
                case VERSION_KEY, BACKEND_KEY -> {
                    // provenance written by run into config.json: not a parameter
                }
                default -> throw new IllegalArgumentException("unknown run parameter '" + key + "'; accepted: "
                        + String.join(", ", KEYS));
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
