package io.github.dl4jlocalization.config;

import io.github.dl4jlocalization.util.Require;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One value for each parameter of a {@link ParameterSet}, every one checked against its
 * {@link Range}: the typed, immutable content of a configuration. {@link #get} is typed by the
 * declaration ({@code values.get(RunConfig.BATCH)} is an {@code Integer}); {@link #toMap()} is
 * what config files hold, and {@link ParameterSet#read} reads it back to equal values.
 */
public final class ParameterValues {
    private final ParameterSet set;
    private final Object[] values;

    private ParameterValues(ParameterSet set, Object[] values) {
        this.set = set;
        this.values = values;
    }

    /** The parameters. */
    public ParameterSet parameters() {
        return set;
    }

    /**
     * The value of {@code p} (null only for an optional parameter not given).
     *
     * @throws IllegalArgumentException when {@code p} is not one of {@link #parameters()}
     */
    public <T> T get(Parameter<T> p) {
        @SuppressWarnings("unchecked")
        T value = (T) values[position(set, p)];
        return value;
    }

    /** Every value as config files hold it, in order; unmodifiable. */
    public Map<String, Object> toMap() {
        return toMap(p -> true);
    }

    /** The values of the parameters {@code include} accepts, as config files hold them, in order; unmodifiable. */
    public Map<String, Object> toMap(Predicate<Parameter<?>> include) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Parameter<?> p : set.parameters()) {
            if (include.test(p)) {
                m.put(p.name(), written(p));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private <T> Object written(Parameter<T> p) {
        return p.write(get(p));
    }

    /** A builder starting from these values (every one counts as given). */
    public Builder toBuilder() {
        Builder b = set.builder();
        for (int i = 0; i < values.length; i++) {
            b.given[i] = values[i];
            b.isGiven[i] = true;
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterValues v && v.set == set && v.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    private static int position(ParameterSet set, Parameter<?> p) {
        int i = set.indexOf(p);
        if (i < 0) {
            throw new IllegalArgumentException(p.name() + " is not a " + set.what() + "; accepted: "
                    + String.join(", ", set.names()));
        }
        return i;
    }

    /** Builder of {@link ParameterValues}; parameters not given take their defaults. Not thread-safe. */
    public static final class Builder {
        private final ParameterSet set;
        private final Object[] given;
        private final boolean[] isGiven;

        Builder(ParameterSet set) {
            this.set = set;
            this.given = new Object[set.parameters().size()];
            this.isGiven = new boolean[given.length];
        }

        /** Gives {@code p} the value {@code value} (checked by {@link #build()}). */
        public <T> Builder set(Parameter<T> p, T value) {
            int i = position(set, p);
            given[i] = value;
            isGiven[i] = true;
            return this;
        }

        /** Takes {@code p} back to its default. */
        public Builder clear(Parameter<?> p) {
            int i = position(set, p);
            given[i] = null;
            isGiven[i] = false;
            return this;
        }

        /**
         * Gives the parameter named {@code name} the config-file value {@code value}, read by its
         * {@link ValueType}.
         *
         * @throws IllegalArgumentException naming an unknown key or a value that cannot be read
         */
        public Builder set(String name, Object value) {
            return read(set.require(name), value);
        }

        private <T> Builder read(Parameter<T> p, Object value) {
            return set(p, p.read(value));
        }

        /** {@link #set(String, Object)} for every entry of {@code map}. */
        public Builder setAll(Map<String, ?> map) {
            Require.nonNull(set.what() + "s", map).forEach(this::set);
            return this;
        }

        /** Whether {@code p} was given. */
        public boolean isGiven(Parameter<?> p) {
            return isGiven[position(set, p)];
        }

        /** The value of {@code p}: the one given, else its default. */
        public <T> T get(Parameter<T> p) {
            int i = position(set, p);
            @SuppressWarnings("unchecked")
            T value = isGiven[i] ? (T) given[i] : p.defaultValue();
            return value;
        }

        /**
         * Checks every value, in order, and builds the values.
         *
         * @throws IllegalArgumentException naming the first invalid parameter
         */
        public ParameterValues build() {
            Object[] values = new Object[given.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = checked(set.parameters().get(i));
            }
            return new ParameterValues(set, values);
        }

        private <T> T checked(Parameter<T> p) {
            return p.check(get(p));
        }

        @Override
        public String toString() {
            return "ParameterValues.Builder" + Arrays.toString(given);
        }
    }
}
