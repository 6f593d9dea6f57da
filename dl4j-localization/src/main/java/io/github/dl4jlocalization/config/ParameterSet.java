package io.github.dl4jlocalization.config;

import io.github.dl4jlocalization.util.Require;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of one configuration (a run, a data model, a sweep task), in the order config
 * files list them, and how their values are read: {@link #read} takes a parsed JSON or YAML map,
 * rejects an unknown key naming it and the accepted ones ({@code unknown run parameter 'x';
 * accepted: ...}), fills missing keys with the defaults and checks every value. Immutable.
 */
public final class ParameterSet {
    private final String what;
    private final List<Parameter<?>> parameters;
    private final Map<Parameter<?>, Integer> index = new IdentityHashMap<>();

    private ParameterSet(String what, List<Parameter<?>> parameters) {
        this.what = Require.nonNull("what", what);
        this.parameters = List.copyOf(parameters);
        Set<String> names = new HashSet<>();
        for (Parameter<?> p : this.parameters) {
            Require.that(names.add(p.name()), "parameter names of " + what, p.name(), "distinct");
            index.put(p, index.size());
        }
    }

    /**
     * The parameters {@code parameters}, in this order.
     *
     * @param what what each is, for messages, e.g. {@code run parameter}
     */
    public static ParameterSet of(String what, Collection<? extends Parameter<?>> parameters) {
        return new ParameterSet(what, new ArrayList<>(parameters));
    }

    /** The parameters {@code parameters}, in this order. */
    public static ParameterSet of(String what, Parameter<?>... parameters) {
        return new ParameterSet(what, List.of(parameters));
    }

    /** What each parameter is, e.g. {@code run parameter}. */
    public String what() {
        return what;
    }

    /** The parameters, in order. */
    public List<Parameter<?>> parameters() {
        return parameters;
    }

    /** The names (config keys), in order. */
    public List<String> names() {
        return parameters.stream().map(Parameter::name).toList();
    }

    /** Whether {@code p} (this declaration, not one of the same name) is one of these. */
    public boolean contains(Parameter<?> p) {
        return index.containsKey(p);
    }

    /** The position of {@code p}, or -1. */
    int indexOf(Parameter<?> p) {
        return index.getOrDefault(p, -1);
    }

    /** The parameter named {@code name}, if any. */
    public Optional<Parameter<?>> find(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The parameter named {@code name}.
     *
     * @throws IllegalArgumentException {@code unknown WHAT 'name'; accepted: ...}
     */
    public Parameter<?> require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + name
                + "'; accepted: " + String.join(", ", names())));
    }

    /** A builder of values of these parameters, every one at its default. */
    public ParameterValues.Builder builder() {
        return new ParameterValues.Builder(this);
    }

    /** Every parameter at its default. */
    public ParameterValues defaults() {
        return builder().build();
    }

    /**
     * Reads a parsed config map: missing keys take their defaults.
     *
     * @throws IllegalArgumentException naming an unknown key or the first invalid value
     */
    public ParameterValues read(Map<String, ?> map) {
        return builder().setAll(map).build();
    }
}
