package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.data.DataModelConfig;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data-model flags shared by every command that draws data ({@code sample}, {@code run},
 * ...). Unset flags take the model's documented defaults from {@link DataModelConfig}.
 */
public final class DataOptions {
    @Option(names = "--model", paramLabel = "NAME",
            description = "Data model: nlgp, nlgp-clone, kur, ising, elliptical, pulse (default: nlgp).")
    String model;

    @Option(names = "--gain", paramLabel = "G", description = "NLGP gain g > 0 (default 3).")
    Double gain;

    @Option(names = "--k", paramLabel = "K",
            description = "Kur(k) algebraic-sigmoid exponent, k > 2 (kurtosis finite for k > 4; default 5).")
    Double k;

    @Option(names = "--marginal", paramLabel = "NAME",
            description = "Kur marginal: algebraic, gaussian, uniform, laplace, binary (default algebraic).")
    String marginal;

    @Option(names = "--xi", paramLabel = "A,B",
            description = "Class parameters (label 0, label 1): correlation lengths in pixels; Ising couplings J; "
                    + "pulse length fractions (default 0.3,0.7; pulse 0.05,0.2).")
    String xi;

    @Option(names = "--length", paramLabel = "L", description = "Signal length L >= 2 (default 40).")
    Integer length;

    @Option(names = "--dim", paramLabel = "1|2", description = "1-D ring (D = L) or 2-D torus (D = L^2) (default 1).")
    Integer dim;

    @Option(names = "--sampler", paramLabel = "NAME",
            description = "Ising sampler: exact (Boltzmann samples), metropolis (the reference's chains) (default exact).")
    String sampler;

    @Option(names = "--sweeps", paramLabel = "N",
            description = "Ising Metropolis sweeps per sample, with --sampler metropolis (default 50).")
    Integer sweeps;

    @Option(names = "--df", paramLabel = "NU", description = "Student-t degrees of freedom > 2 (default 3).")
    Double df;

    @Option(names = "--radial", paramLabel = "NAME",
            description = "Elliptical radial law: shell, extreme, t (default extreme).")
    String radial;

    @Option(names = "--pulse-spread", paramLabel = "F",
            description = "Pulse length range width as a fraction of L (default 0.05).")
    Double pulseSpread;

    @Option(names = "--support", paramLabel = "A,B",
            description = "Output support adjustment (a,b) (default -1,1; pulse 0,1).")
    String support;

    /** The data these flags describe; unset flags keep their defaults. */
    public DataModelConfig toConfig() {
        return DataModelConfig.fromMap(toMap());
    }

    /** The flags that were set, under the data-model parameter keys. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "model", model);
        put(m, "gain", gain);
        put(m, "k", k);
        put(m, "marginal", marginal);
        put(m, "xi", xi);
        put(m, "length", length);
        put(m, "dim", dim);
        put(m, "sampler", sampler);
        put(m, "sweeps", sweeps);
        put(m, "df", df);
        put(m, "radial", radial);
        put(m, "pulseSpread", pulseSpread);
        put(m, "support", support);
        return m;
    }

    /** Puts {@code value} under {@code key} when it is set (not null). */
    static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
