package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.data.Support;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data part of a run: its parameters with every default resolved (the {@code data} section
 * of {@code config.json}) and the {@link DataModel} they describe.
 *
 * <p>{@link #of(Map)} is the one place where data flags and config-file entries become a model.
 * This build resolves the NLGP model only (keys {@code model, xi, length, dim, gain, support}, the
 * defaults of the papers' single-neuron sweep: NLGP(g=3), xi = (0.3, 0.7), L = 40, 1-D, support
 * (-1, 1)); the project's {@code DataModelConfig} takes its place with
 * {@code c = DataModelConfig.fromMap(flags); return new DataSpec(c.toMap(), c.build())}.
 *
 * @param parameters the resolved parameters, in a fixed key order; unmodifiable
 * @param model      the data model
 */
public record DataSpec(Map<String, Object> parameters, DataModel model) implements Serializable {
    private static final List<String> KEYS = List.of("model", "xi", "length", "dim", "gain", "support");

    /** Validates and copies. */
    public DataSpec {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull("data parameters", parameters)));
        Require.nonNull("data model", model);
    }

    /**
     * Resolves data parameters: missing keys take their defaults, unknown keys are rejected
     * naming the key. Values: strings for names, numbers or numeric strings for numbers,
     * two-element lists or {@code "a,b"} strings for {@code xi} and {@code support}.
     *
     * @throws IllegalArgumentException naming the first invalid parameter
     */
    public static DataSpec of(Map<String, ?> parameters) {
        Map<String, Object> flags = new LinkedHashMap<>(Require.nonNull("data parameters", parameters));
        for (String key : flags.keySet()) {
            Require.that(KEYS.contains(key), "data parameter name", "'" + key + "'",
                    "one of " + String.join(", ", KEYS) + " (data models of this build: nlgp)");
        }
        String name = String.valueOf(flags.getOrDefault("model", "nlgp"));
        Require.that(name.equals("nlgp"), "model", "'" + name + "'", "nlgp (the data models of this build)");
        ClassPair xi = flags.containsKey("xi") ? ClassPair.parse(pair(flags.get("xi"))) : new ClassPair(0.3, 0.7);
        int length = ConfigValues.integer("length", flags.getOrDefault("length", 40));
        int dim = ConfigValues.integer("dim", flags.getOrDefault("dim", 1));
        double gain = ConfigValues.number("gain", flags.getOrDefault("gain", 3.0));
        Support support = flags.containsKey("support") ? Support.parse(pair(flags.get("support"))) : Support.SYMMETRIC;
        NlgpModel model = new NlgpModel(gain, xi, length, dim, support);
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("model", name);
        resolved.put("xi", List.of(xi.label0(), xi.label1()));
        resolved.put("length", length);
        resolved.put("dim", dim);
        resolved.put("gain", gain);
        resolved.put("support", List.of(support.lower(), support.upper()));
        return new DataSpec(resolved, model);
    }

    private static String pair(Object value) {
        if (value instanceof List<?> list) {
            return list.size() == 2 ? list.get(0) + "," + list.get(1) : list.toString();
        }
        return String.valueOf(value);
    }
}
