package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every data-model parameter of the command line and of config files, with the defaults of the
 * reference runs, and the factory of the {@link DataModel} they describe.
 *
 * <table>
 *   <caption>Parameters (map keys), defaults and the models they apply to</caption>
 *   <tr><th>key</th><th>default</th><th>models</th><th>meaning</th></tr>
 *   <tr><td>model</td><td>nlgp</td><td>all</td><td>nlgp | nlgp-clone | kur | ising | elliptical | pulse</td></tr>
 *   <tr><td>xi</td><td>(0.3, 0.7); pulse (0.05, 0.2)</td><td>all</td><td>class parameters
 *       (label 0, label 1): correlation lengths in pixels, Ising couplings J, pulse length fractions</td></tr>
 *   <tr><td>length</td><td>40</td><td>all</td><td>L</td></tr>
 *   <tr><td>dim</td><td>1</td><td>all; 2 not for ising, pulse</td><td>1 (D = L) or 2 (D = L^2)</td></tr>
 *   <tr><td>support</td><td>(-1, 1); pulse (0, 1)</td><td>all</td><td>output support (a, b)</td></tr>
 *   <tr><td>gain</td><td>3</td><td>nlgp, nlgp-clone</td><td>g</td></tr>
 *   <tr><td>marginal</td><td>algebraic</td><td>kur</td><td>algebraic | gaussian | uniform | laplace | binary</td></tr>
 *   <tr><td>k</td><td>5</td><td>kur with the algebraic marginal</td><td>tail exponent k &gt; 2</td></tr>
 *   <tr><td>sampler</td><td>exact</td><td>ising</td><td>exact | metropolis (the reference's chains)</td></tr>
 *   <tr><td>sweeps</td><td>50</td><td>ising with the metropolis sampler</td><td>Metropolis sweeps per sample</td></tr>
 *   <tr><td>radial</td><td>extreme</td><td>elliptical</td><td>shell | extreme | t</td></tr>
 *   <tr><td>df</td><td>3</td><td>elliptical with radial t</td><td>degrees of freedom &gt; 2</td></tr>
 *   <tr><td>pulseSpread</td><td>0.05</td><td>pulse</td><td>width of each class's length-fraction range</td></tr>
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
    private static final long serialVersionUID = 1L;

    /** The model names. */
    public static final List<String> MODELS = List.of("nlgp", "nlgp-clone", "kur", "ising", "elliptical", "pulse");
    /** The map keys, in {@link #toMap()} order. */
    public static final List<String> KEYS = List.of("model", "xi", "length", "dim", "gain", "marginal", "k",
            "sampler", "sweeps", "radial", "df", "pulseSpread", "support");

    /** Default model: NLGP. */
    public static final String DEFAULT_MODEL = "nlgp";
    /** Default NLGP gain g. */
    public static final double DEFAULT_GAIN = 3;
    /** Default Kur tail exponent k. */
    public static final double DEFAULT_K = 5;
    /** Default Kur marginal. */
    public static final String DEFAULT_MARGINAL = "algebraic";
    /** Default class parameters of every model but the pulse (the IPR sweep's xi = (0.3, 0.7)). */
    public static final ClassPair DEFAULT_XI = new ClassPair(0.3, 0.7);
    /** Default L. */
    public static final int DEFAULT_LENGTH = 40;
    /** Default dimension: a 1-D ring. */
    public static final int DEFAULT_DIM = 1;
    /** Default Student-t degrees of freedom. */
    public static final double DEFAULT_DF = 3;
    /** Default elliptical radial law. */
    public static final String DEFAULT_RADIAL = "extreme";

    private final String model;
    private final double gain;
    private final double k;
    private final String marginal;
    private final ClassPair xi;
    private final int length;
    private final int dim;
    private final IsingModel.Sampler sampler;
    private final int sweeps;
    private final double df;
    private final String radial;
    private final double pulseSpread;
    private final Support support;
    /** Built in the constructor; rebuilt on first use after deserialisation. */
    private transient volatile DataModel built;

    private DataModelConfig(Builder b) {
        this.model = Require.nonNull("model", b.model);
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException(
                    "unknown model '" + model + "'; accepted: " + String.join(", ", MODELS));
        }
        this.gain = Require.positive("gain", b.gain);
        this.k = Require.greaterThan("k", b.k, 2);
        this.marginal = Marginal.parse(b.marginal, k).name();
        this.length = Require.atLeast("length", b.length, 2);
        this.dim = Require.inRange("dim", b.dim, 1, 2);
        Require.that(dim == 1 || !(model.equals("ising") || model.equals("pulse")), "dim", dim,
                "1 for model '" + model + "' (a 1-D ring)");
        this.sampler = IsingModel.Sampler.parse(b.sampler);
        this.sweeps = Require.atLeast("sweeps", b.sweeps, 1);
        this.df = Require.greaterThan("df", b.df, 2);
        this.radial = RadialLaw.parse(b.radial, df).name();
        this.pulseSpread = Require.fraction("pulseSpread", b.pulseSpread);
        boolean pulse = model.equals("pulse");
        this.xi = b.xi != null ? b.xi : pulse ? PulseModel.DEFAULT_FRACTIONS : DEFAULT_XI;
        this.support = b.support != null ? b.support : pulse ? PulseModel.DEFAULT_SUPPORT : Support.SYMMETRIC;
        this.built = create();
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
        DataModel m = built;
        if (m == null) {
            m = create();
            built = m;
        }
        return m;
    }

    private DataModel create() {
        return switch (model) {
            case "nlgp" -> new NlgpModel(gain, xi, length, dim, support);
            case "nlgp-clone" -> new NlgpCloneModel(gain, xi, length, dim, support);
            case "kur" -> new KurModel(Marginal.parse(marginal, k), xi, length, dim, support);
            case "ising" -> new IsingModel(xi, length, sampler, sweeps, support);
            case "elliptical" -> new EllipticalModel(RadialLaw.parse(radial, df), xi, length, dim, support);
            case "pulse" -> new PulseModel(xi, pulseSpread, length, support);
            default -> throw new IllegalStateException("unreachable: model validated as one of " + MODELS);
        };
    }

    /**
     * The parameters relevant to the chosen model, in {@link #KEYS} order: model, xi, length, dim,
     * then the model's own (gain; marginal and k if algebraic; sampler and, for metropolis, sweeps;
     * radial and df if t;
     * pulseSpread), then support. Pairs are two-element lists of doubles. Unmodifiable.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("xi", List.of(xi.label0(), xi.label1()));
        m.put("length", length);
        m.put("dim", dim);
        switch (model) {
            case "nlgp", "nlgp-clone" -> m.put("gain", gain);
            case "kur" -> {
                m.put("marginal", marginal);
                if (marginal.equals("algebraic")) {
                    m.put("k", k);
                }
            }
            case "ising" -> {
                m.put("sampler", sampler.key());
                if (sampler == IsingModel.Sampler.METROPOLIS) {
                    m.put("sweeps", sweeps);
                }
            }
            case "elliptical" -> {
                m.put("radial", radial);
                if (radial.equals("t")) {
                    m.put("df", df);
                }
            }
            case "pulse" -> m.put("pulseSpread", pulseSpread);
            default -> throw new IllegalStateException("unreachable: model validated as one of " + MODELS);
        }
        m.put("support", List.of(support.lower(), support.upper()));
        return Collections.unmodifiableMap(m);
    }

    /** Model name. */
    public String model() {
        return model;
    }

    /** NLGP gain g. */
    public double gain() {
        return gain;
    }

    /** Kur algebraic tail exponent k. */
    public double k() {
        return k;
    }

    /** Kur marginal name. */
    public String marginal() {
        return marginal;
    }

    /** Class parameters (resolved: the model's default unless set). */
    public ClassPair xi() {
        return xi;
    }

    /** L. */
    public int length() {
        return length;
    }

    /** 1 or 2. */
    public int dim() {
        return dim;
    }

    /** The Ising sampler. */
    public IsingModel.Sampler sampler() {
        return sampler;
    }

    /** Ising Metropolis sweeps per sample. */
    public int sweeps() {
        return sweeps;
    }

    /** Student-t degrees of freedom. */
    public double df() {
        return df;
    }

    /** Elliptical radial law name. */
    public String radial() {
        return radial;
    }

    /** Pulse length-fraction spread. */
    public double pulseSpread() {
        return pulseSpread;
    }

    /** Output support (resolved: the model's default unless set). */
    public Support support() {
        return support;
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

    /** Builder of {@link DataModelConfig}; every parameter starts at its default. Not thread-safe. */
    public static final class Builder {
        private String model = DEFAULT_MODEL;
        private double gain = DEFAULT_GAIN;
        private double k = DEFAULT_K;
        private String marginal = DEFAULT_MARGINAL;
        private ClassPair xi;
        private int length = DEFAULT_LENGTH;
        private int dim = DEFAULT_DIM;
        private String sampler = IsingModel.Sampler.DEFAULT.key();
        private int sweeps = IsingModel.DEFAULT_SWEEPS;
        private double df = DEFAULT_DF;
        private String radial = DEFAULT_RADIAL;
        private double pulseSpread = PulseModel.DEFAULT_SPREAD;
        private Support support;

        private Builder() {
        }

        /** nlgp | nlgp-clone | kur | ising | elliptical | pulse. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** NLGP gain g > 0. */
        public Builder gain(double gain) {
            this.gain = gain;
            return this;
        }

        /** Kur algebraic tail exponent k > 2. */
        public Builder k(double k) {
            this.k = k;
            return this;
        }

        /** Kur marginal: algebraic | gaussian | uniform | laplace | binary. */
        public Builder marginal(String marginal) {
            this.marginal = marginal;
            return this;
        }

        /** Class parameters; null restores the model's default. */
        public Builder xi(ClassPair xi) {
            this.xi = xi;
            return this;
        }

        /** L. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        /** 1 or 2. */
        public Builder dim(int dim) {
            this.dim = dim;
            return this;
        }

        /** Ising sampler: exact (default) | metropolis. */
        public Builder sampler(String sampler) {
            this.sampler = sampler;
            return this;
        }

        /** Ising Metropolis sweeps per sample, >= 1. */
        public Builder sweeps(int sweeps) {
            this.sweeps = sweeps;
            return this;
        }

        /** Student-t degrees of freedom, > 2. */
        public Builder df(double df) {
            this.df = df;
            return this;
        }

        /** Elliptical radial law: shell | extreme | t. */
        public Builder radial(String radial) {
            this.radial = radial;
            return this;
        }

        /** Pulse length-fraction spread, in (0, 1). */
        public Builder pulseSpread(double pulseSpread) {
            this.pulseSpread = pulseSpread;
            return this;
        }

        /** Output support; null restores the model's default. */
        public Builder support(Support support) {
            this.support = support;
            return this;
        }

        /** Sets every entry of {@code map} with {@link #set}. */
        public Builder setAll(Map<String, ?> map) {
            Require.nonNull("data-model parameter map", map);
            map.forEach(this::set);
            return this;
        }

        /**
         * Sets the parameter named {@code key} (one of {@link #KEYS}) from a config-file value:
         * a string for names, a number or numeric string for numbers, a two-element list or an
         * {@code "a,b"} string for xi and support.
         */
        public Builder set(String key, Object value) {
            Require.nonNull("value of data-model parameter '" + key + "'", value);
            switch (Require.nonNull("data-model parameter name", key)) {
                case "model" -> model(value.toString());
                case "gain" -> gain(number(key, value));
                case "k" -> k(number(key, value));
                case "marginal" -> marginal(value.toString());
                case "xi" -> xi(ClassPair.parse(pair(key, value)));
                case "length" -> length(integer(key, value));
                case "dim" -> dim(integer(key, value));
                case "sampler" -> sampler(value.toString());
                case "sweeps" -> sweeps(integer(key, value));
                case "df" -> df(number(key, value));
                case "radial" -> radial(value.toString());
                case "pulseSpread" -> pulseSpread(number(key, value));
                case "support" -> support(Support.parse(pair(key, value)));
                default -> throw new IllegalArgumentException("unknown data-model parameter '" + key
                        + "'; accepted: " + String.join(", ", KEYS));
            }
            return this;
        }

        /** Validates every parameter and builds the model once (see the class documentation). */
        public DataModelConfig build() {
            return new DataModelConfig(this);
        }

        private static double number(String key, Object value) {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, got " + value, e);
            }
        }

        private static int integer(String key, Object value) {
            double v = number(key, value);
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(key + " must be an integer, got " + value);
            }
            return (int) v;
        }

        /** A pair value as the {@code "a,b"} text its parser reads. */
        private static String pair(String key, Object value) {
            if (value instanceof List<?> list) {
                if (list.size() != 2) {
                    throw new IllegalArgumentException(key + " must be two numbers [a, b], got " + value);
                }
                return number(key, list.get(0)) + "," + number(key, list.get(1));
            }
            return value.toString();
        }
    }
}
