package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.config.ValueType;
import io.github.dl4jlocalization.util.Require;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A data model as config files and flags know it: its name, its own {@link Parameter}s, its
 * defaults where they differ from the declarations', and how its {@link DataModel} is built from
 * a {@link DataModelConfig}. Each model class declares its type next to its parameters, e.g.
 * <pre>{@code
 * public static final Parameter<Double> GAIN = Parameter.real("gain").range(Range.positive())
 *         .defaultValue(3.0).label("G").help("Gain g of erf(g z)");
 * public static final DataModelType TYPE = DataModelType.builder("nlgp",
 *         c -> new NlgpModel(c.get(GAIN), c.xi(), c.length(), c.dim(), c.support())).parameter(GAIN).build();
 * }</pre>
 * and {@link DataModelConfig} lists the types it knows in one place; flags, config keys,
 * validation, help texts and {@code config.json} follow.
 *
 * <p>The task parameters every model has are declared here: {@link #XI}, {@link #LENGTH},
 * {@link #DIM}, {@link #SUPPORT}. Immutable.
 */
public final class DataModelType {
    /** Class parameters (label 0, label 1): correlation lengths in pixels, Ising couplings J, pulse length fractions. */
    public static final Parameter<ClassPair> XI = Parameter.of("xi", ValueType.of(String.class, "A,B",
                    (name, value) -> ClassPair.parse(ConfigValues.pair(name, value)),
                    xi -> List.of(xi.label0(), xi.label1())))
            .defaultValue(new ClassPair(0.3, 0.7))
            .help("Class parameters, label 0 then label 1: correlation lengths in pixels; Ising couplings J; "
                    + "pulse length fractions");
    /** Signal length L >= 2 (D = L in 1-D, L^2 in 2-D). */
    public static final Parameter<Integer> LENGTH = Parameter.integer("length").range(Range.atLeast(2))
            .defaultValue(40).label("L").unit("pixels").help("Signal length L; D = L in 1-D, L^2 in 2-D");
    /** 1 (a ring, D = L) or 2 (a torus, D = L^2). */
    public static final Parameter<Integer> DIM = Parameter.integer("dim").range(Range.between(1, 2)).defaultValue(1)
            .label("1|2").help("1-D ring or 2-D torus");
    /** The output support (a, b) of the values, (-1, 1) in the papers. */
    public static final Parameter<Support> SUPPORT = Parameter.of("support", ValueType.of(String.class, "A,B",
                    (name, value) -> Support.parse(ConfigValues.pair(name, value)),
                    s -> List.of(s.lower(), s.upper())))
            .defaultValue(Support.SYMMETRIC).help("Output support adjustment a,b");

    private final String name;
    private final List<Parameter<?>> parameters;
    private final Map<Parameter<?>, Predicate<DataModelConfig>> usedWhen;
    private final Map<Parameter<?>, Object> defaults;
    private final boolean twoDimensional;
    private final Function<DataModelConfig, DataModel> factory;

    private DataModelType(Builder b) {
        this.name = b.name;
        this.parameters = List.copyOf(b.parameters);
        this.usedWhen = new IdentityHashMap<>(b.usedWhen);
        this.defaults = new IdentityHashMap<>(b.defaults);
        this.twoDimensional = b.twoDimensional;
        this.factory = b.factory;
    }

    /**
     * A builder of the type named {@code name} (the {@code model} value, lower case, e.g.
     * {@code nlgp-clone}) whose models {@code factory} builds from a validated config.
     */
    public static Builder builder(String name, Function<DataModelConfig, DataModel> factory) {
        Require.that(name != null && name.matches("[a-z][a-z0-9-]*"), "model name", name, "lower case, e.g. nlgp-clone");
        return new Builder(name, Require.nonNull("factory", factory));
    }

    /** The name, the value of the {@code model} parameter. */
    public String name() {
        return name;
    }

    /** The model's own parameters (besides the task parameters), in config-file order. */
    public List<Parameter<?>> parameters() {
        return parameters;
    }

    /** Whether {@code config} (of this type) uses {@code p}: one of its own parameters, applying to it. */
    boolean uses(Parameter<?> p, DataModelConfig config) {
        return parameters.contains(p) && usedWhen.getOrDefault(p, c -> true).test(config);
    }

    /** This model's default of {@code p}: its own where it has one, else the declaration's. */
    public <T> T defaultValue(Parameter<T> p) {
        @SuppressWarnings("unchecked")
        T own = (T) defaults.get(p);
        return defaults.containsKey(p) ? own : p.defaultValue();
    }

    /** Whether {@link #defaultValue} of {@code p} is this model's own. */
    public boolean hasOwnDefault(Parameter<?> p) {
        return defaults.containsKey(p);
    }

    /** Whether the model exists in 2-D ({@code dim 2}). */
    public boolean twoDimensional() {
        return twoDimensional;
    }

    /** The model of {@code config} (validated, of this type). */
    DataModel create(DataModelConfig config) {
        return factory.apply(config);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builder of {@link DataModelType}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Function<DataModelConfig, DataModel> factory;
        private final List<Parameter<?>> parameters = new ArrayList<>();
        private final Map<Parameter<?>, Predicate<DataModelConfig>> usedWhen = new IdentityHashMap<>();
        private final Map<Parameter<?>, Object> defaults = new IdentityHashMap<>();
        private boolean twoDimensional = true;

        private Builder(String name, Function<DataModelConfig, DataModel> factory) {
            this.name = name;
            this.factory = factory;
        }

        /** A parameter of the model (it may be another model's too, e.g. the gain of NLGP and its clone). */
        public Builder parameter(Parameter<?> p) {
            parameters.add(Require.nonNull("parameter", p));
            return this;
        }

        /**
         * A parameter that applies only when {@code when} holds, e.g. Kur's {@code k} with the
         * algebraic marginal: it is still validated, but {@code config.json} leaves it out otherwise.
         */
        public Builder parameter(Parameter<?> p, Predicate<DataModelConfig> when) {
            usedWhen.put(p, Require.nonNull("when", when));
            return parameter(p);
        }

        /** The model's own default of a parameter (e.g. the pulse's xi and support). */
        public <T> Builder defaultValue(Parameter<T> p, T value) {
            defaults.put(Require.nonNull("parameter", p), Require.nonNull("default of " + p.name(), value));
            return this;
        }

        /** The model exists on a 1-D ring only: {@code dim 2} is rejected. */
        public Builder oneDimensional() {
            twoDimensional = false;
            return this;
        }

        /** The type. */
        public DataModelType build() {
            return new DataModelType(this);
        }
    }
}
