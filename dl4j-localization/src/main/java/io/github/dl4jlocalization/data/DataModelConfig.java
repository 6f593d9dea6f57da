package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.ParameterSet;
import io.github.dl4jlocalization.config.ParameterValues;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.util.Require;

import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data model as the command line and config files describe it: the {@link #MODEL} name, the
 * task parameters of {@link DataModelType} ({@code xi}, {@code length}, {@code dim},
 * {@code support}) and every model's own parameters, each a {@link Parameter} declared once next to
 * its model, and the factory of the {@link DataModel} they describe.
 *
 * <p><b>The registry.</b> {@link #TYPES} lists the models the command line knows, in one place:
 * {@link NlgpModel#TYPE nlgp}, {@link NlgpCloneModel#TYPE nlgp-clone}, {@link KurModel#TYPE kur},
 * {@link IsingModel#TYPE ising}, {@link EllipticalModel#TYPE elliptical},
 * {@link PulseModel#TYPE pulse}. Adding a model is its class (with its {@code TYPE} and
 * parameters) and one entry there; {@link #MODELS}, {@link #KEYS}, flags, help texts, validation
 * and {@code config.json} follow.
 *
 * <table>
 *   <caption>Parameters (keys of config files), defaults and the models they apply to</caption>
 *   <tr><th>key</th><th>default</th><th>models</th><th>declared in</th></tr>
 *   <tr><td>model</td><td>nlgp</td><td>all</td><td>{@link #MODEL}</td></tr>
 *   <tr><td>xi</td><td>(0.3, 0.7); pulse (0.05, 0.2)</td><td>all</td><td>{@link DataModelType#XI}</td></tr>
 *   <tr><td>length</td><td>40</td><td>all</td><td>{@link DataModelType#LENGTH}</td></tr>
 *   <tr><td>dim</td><td>1</td><td>all; 2 not for ising, pulse</td><td>{@link DataModelType#DIM}</td></tr>
 *   <tr><td>gain</td><td>3</td><td>nlgp, nlgp-clone</td><td>{@link NlgpModel#GAIN}</td></tr>
 *   <tr><td>marginal, k</td><td>algebraic, 5</td><td>kur (k with algebraic)</td><td>{@link KurModel#MARGINAL}, {@link KurModel#K}</td></tr>
 *   <tr><td>sweeps</td><td>50</td><td>ising</td><td>{@link IsingModel#SWEEPS}</td></tr>
 *   <tr><td>radial, df</td><td>extreme, 3</td><td>elliptical (df with t)</td><td>{@link EllipticalModel#RADIAL}, {@link EllipticalModel#DF}</td></tr>
 *   <tr><td>pulseSpread</td><td>0.05</td><td>pulse</td><td>{@link PulseModel#SPREAD}</td></tr>
 *   <tr><td>support</td><td>(-1, 1); pulse (0, 1)</td><td>all</td><td>{@link DataModelType#SUPPORT}</td></tr>
 * </table>
 *
 * <p>Every parameter is validated when the config is built, including those the chosen model does
 * not use, and the model itself is built once then, so a config that exists always builds.
 * {@link #toMap()} lists the parameters relevant to the chosen model (for {@code config.json});
 * {@link #fromMap} reads such a map (JSON/YAML config files). Two configs are equal when they
 * have the same {@link #toMap()}, i.e. describe the same model.
 *
 * <p>Immutable and serialisable.
 */
public final class DataModelConfig implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    /** The model's name, one of {@link #MODELS} (default {@code nlgp}). */
    public static final Parameter<String> MODEL = Parameter.text("model").label("NAME").defaultValue("nlgp")
            .range(Range.oneOf("model", () -> DataModelConfig.MODELS)).help("Data model");

    /** The registry: every data model config files and flags know, in the order help texts list them. */
    private static final List<DataModelType> TYPES = List.of(NlgpModel.TYPE, NlgpCloneModel.TYPE, KurModel.TYPE,
            IsingModel.TYPE, EllipticalModel.TYPE, PulseModel.TYPE);

    /** The model names. */
    public static final List<String> MODELS = TYPES.stream().map(DataModelType::name).toList();
    /**
     * The parameters, in config-file order: model, xi, length, dim, every model's own (in
     * registry order), support.
     */
    public static final ParameterSet PARAMETERS = ParameterSet.of("data-model parameter", declaredParameters());
    /** The map keys, in {@link #toMap()} order. */
    public static final List<String> KEYS = PARAMETERS.names();
    /** Default class parameters of every model but the pulse (the IPR sweep's xi = (0.3, 0.7)). */
    public static final ClassPair DEFAULT_XI = DataModelType.XI.defaultValue();

    private static final List<Parameter<?>> TASK = List.of(MODEL, DataModelType.XI, DataModelType.LENGTH,
            DataModelType.DIM, DataModelType.SUPPORT);

    /**
     * The models built lately, by their parameter values: configurations that differ only outside
     * the data (the units of a sweep over seeds, learning rates, networks) share one immutable
     * model instead of building its tables again (about 150 kB and 7 ms each at L = 40, which made
     * a sweep of 10,000 units exhaust a 768 MB heap while reading its grid). Held softly, so that
     * the cache never keeps a model the heap needs back (a model no configuration refers to), and
     * bounded, least recently used first out.
     */
    private static final Map<ParameterValues, SoftReference<DataModel>> MODEL_CACHE = new LinkedHashMap<>(16,
            0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ParameterValues, SoftReference<DataModel>> eldest) {
            return size() > MODEL_CACHE_SIZE;
        }
    };
    /** Distinct models kept by {@link #MODEL_CACHE}: more than a figure's grid of data points uses. */
    private static final int MODEL_CACHE_SIZE = 64;

    private final transient DataModelType type;
    private final transient ParameterValues values;
    /** Built in the constructor. */
    private final transient DataModel built;

    private DataModelConfig(ParameterValues.Builder given) {
        String model = MODEL.check(given.get(MODEL));
        this.type = typeOf(model);
        ParameterValues.Builder resolved = PARAMETERS.builder();
        for (Parameter<?> p : PARAMETERS.parameters()) {
            resolve(p, given, resolved);
        }
        this.values = resolved.build();
        Require.that(dim() == 1 || type.twoDimensional(), "dim", dim(), "1 for model '" + model + "' (a 1-D ring)");
        this.built = cachedModel();
    }

    /** The model of these values from {@link #MODEL_CACHE}, built and cached when it is not there. */
    private DataModel cachedModel() {
        synchronized (MODEL_CACHE) {
            SoftReference<DataModel> cached = MODEL_CACHE.get(values);
            DataModel model = cached == null ? null : cached.get();
            if (model == null) {
                model = type.create(this);
                MODEL_CACHE.put(values, new SoftReference<>(model));
            }
            return model;
        }
    }

    private <T> void resolve(Parameter<T> p, ParameterValues.Builder given, ParameterValues.Builder resolved) {
        resolved.set(p, given.isGiven(p) ? given.get(p) : type.defaultValue(p));
    }

    private static List<Parameter<?>> declaredParameters() {
        List<Parameter<?>> all = new ArrayList<>(List.of(MODEL, DataModelType.XI, DataModelType.LENGTH,
                DataModelType.DIM));
        for (DataModelType t : TYPES) {
            for (Parameter<?> p : t.parameters()) {
                if (!all.contains(p)) {
                    all.add(p);
                }
            }
        }
        all.add(DataModelType.SUPPORT);
        return all;
    }

    /**
     * The registered type named {@code model}.
     *
     * @throws IllegalArgumentException {@code unknown model 'x'; accepted: ...}
     */
    public static DataModelType typeOf(String model) {
        MODEL.check(model);
        return TYPES.stream().filter(t -> t.name().equals(model)).findFirst().orElseThrow();
    }

    /** The registered types, in registry order. */
    public static List<DataModelType> types() {
        return TYPES;
    }

    /** A builder with every parameter at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The config with every parameter at its default: NLGP(g=3), xi = (0.3, 0.7), L = 40. */
    public static DataModelConfig defaults() {
        return builder().build();
    }

    /**
     * Reads a map such as {@link #toMap()} writes (e.g. a parsed JSON or YAML file): missing keys
     * take their defaults, unknown keys are rejected. Values: strings for names, numbers (or
     * numeric strings) for numbers, two-element lists (or {@code "a,b"} strings) for xi and
     * support.
     */
    public static DataModelConfig fromMap(Map<String, ?> map) {
        return builder().setAll(map).build();
    }

    /** The data model (built once; the same immutable instance on every call). */
    public DataModel build() {
        return built;
    }

    /** The model's type. */
    public DataModelType type() {
        return type;
    }

    /** The value of {@code p}, one of {@link #PARAMETERS} (resolved: the model's default unless given). */
    public <T> T get(Parameter<T> p) {
        return values.get(p);
    }

    /**
     * The parameters relevant to the chosen model, in {@link #KEYS} order: model, xi, length, dim,
     * then the model's own (gain; marginal and k if algebraic; sampler and, for metropolis, sweeps;
     * radial and df if t;
     * pulseSpread), then support. Pairs are two-element lists of doubles. Unmodifiable.
     */
    public Map<String, Object> toMap() {
        return values.toMap(p -> TASK.contains(p) || type.uses(p, this));
    }

    /** Model name. */
    public String model() {
        return type.name();
    }

    /** NLGP gain g. */
    public double gain() {
        return get(NlgpModel.GAIN);
    }

    /** Kur algebraic tail exponent k. */
    public double k() {
        return get(KurModel.K);
    }

    /** Kur marginal name. */
    public String marginal() {
        return get(KurModel.MARGINAL);
    }

    /** Class parameters (resolved: the model's default unless set). */
    public ClassPair xi() {
        return get(DataModelType.XI);
    }

    /** L. */
    public int length() {
        return get(DataModelType.LENGTH);
    }

    /** 1 or 2. */
    public int dim() {
        return get(DataModelType.DIM);
    }

    /** The Ising sampler. */
    public IsingModel.Sampler sampler() {
        return IsingModel.Sampler.parse(get(IsingModel.SAMPLER));
    }

    /** Ising Metropolis sweeps per sample. */
    public int sweeps() {
        return get(IsingModel.SWEEPS);
    }

    /** Student-t degrees of freedom. */
    public double df() {
        return get(EllipticalModel.DF);
    }

    /** Elliptical radial law name. */
    public String radial() {
        return get(EllipticalModel.RADIAL);
    }

    /** Pulse length-fraction spread. */
    public double pulseSpread() {
        return get(PulseModel.SPREAD);
    }

    /** Output support (resolved: the model's default unless set). */
    public Support support() {
        return get(DataModelType.SUPPORT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataModelConfig c && c.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "DataModelConfig" + toMap();
    }

    /** Serialised as every value (not only {@link #toMap()}'s), rebuilt by {@link #fromMap}. */
    @Serial
    private Object writeReplace() {
        return new SerializedForm(new LinkedHashMap<>(values.toMap()));
    }

    @Serial
    private void readObject(ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("serialised as its SerializedForm");
    }

    /** The serial form: every parameter's config-file value. */
    private record SerializedForm(LinkedHashMap<String, Object> values) implements Serializable {
        @Serial
        private Object readResolve() {
            return fromMap(values);
        }
    }

    /** Builder of {@link DataModelConfig}; every parameter starts at its default. Not thread-safe. */
    public static final class Builder {
        private final ParameterValues.Builder values = PARAMETERS.builder();

        private Builder() {
        }

        /** Sets the parameter {@code p}, one of {@link #PARAMETERS}. */
        public <T> Builder set(Parameter<T> p, T value) {
            values.set(p, value);
            return this;
        }

        /** The value of {@code p} given so far, else its declared default. */
        public <T> T get(Parameter<T> p) {
            return values.get(p);
        }

        /** Whether {@code p} was given (else it takes the model's default). */
        public boolean isGiven(Parameter<?> p) {
            return values.isGiven(p);
        }

        /** {@link #MODELS}: nlgp | nlgp-clone | kur | ising | elliptical | pulse. */
        public Builder model(String model) {
            return set(MODEL, model);
        }

        /** NLGP gain g > 0. */
        public Builder gain(double gain) {
            return set(NlgpModel.GAIN, gain);
        }

        /** Kur algebraic tail exponent k > 2. */
        public Builder k(double k) {
            return set(KurModel.K, k);
        }

        /** Kur marginal: algebraic | gaussian | uniform | laplace | binary. */
        public Builder marginal(String marginal) {
            return set(KurModel.MARGINAL, marginal);
        }

        /** Class parameters; null restores the model's default. */
        public Builder xi(ClassPair xi) {
            if (xi == null) {
                values.clear(DataModelType.XI);
                return this;
            }
            return set(DataModelType.XI, xi);
        }

        /** L. */
        public Builder length(int length) {
            return set(DataModelType.LENGTH, length);
        }

        /** 1 or 2. */
        public Builder dim(int dim) {
            return set(DataModelType.DIM, dim);
        }

        /** Ising sampler: exact (default) | metropolis. */
        public Builder sampler(String sampler) {
            return set(IsingModel.SAMPLER, sampler);
        }

        /** Ising Metropolis sweeps per sample, >= 1. */
        public Builder sweeps(int sweeps) {
            return set(IsingModel.SWEEPS, sweeps);
        }

        /** Student-t degrees of freedom, > 2. */
        public Builder df(double df) {
            return set(EllipticalModel.DF, df);
        }

        /** Elliptical radial law: shell | extreme | t. */
        public Builder radial(String radial) {
            return set(EllipticalModel.RADIAL, radial);
        }

        /** Pulse length-fraction spread, in (0, 1). */
        public Builder pulseSpread(double pulseSpread) {
            return set(PulseModel.SPREAD, pulseSpread);
        }

        /** Output support; null restores the model's default. */
        public Builder support(Support support) {
            if (support == null) {
                values.clear(DataModelType.SUPPORT);
                return this;
            }
            return set(DataModelType.SUPPORT, support);
        }

        /** Sets every entry of {@code map} with {@link #set(String, Object)}. */
        public Builder setAll(Map<String, ?> map) {
            Require.nonNull("data-model parameter map", map).forEach(this::set);
            return this;
        }

        /**
         * Sets the parameter named {@code key} (one of {@link #KEYS}) from a config-file value:
         * a string for names, a number or numeric string for numbers, a two-element list or an
         * {@code "a,b"} string for xi and support.
         *
         * @throws IllegalArgumentException naming an unknown key or a value that cannot be read
         */
        public Builder set(String key, Object value) {
            values.set(Require.nonNull("data-model parameter name", key), value);
            return this;
        }

        /** Validates every parameter and builds the model once (see the class documentation). */
        public DataModelConfig build() {
            return new DataModelConfig(values);
        }
    }
}
