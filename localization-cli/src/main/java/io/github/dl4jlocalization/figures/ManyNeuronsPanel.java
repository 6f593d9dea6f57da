package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.util.Require;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The named runs of the many-neuron figure (docs/science.md 7.5, {@code fig5.ipynb} rows), each a set
 * of run parameters: records every 100 steps (the notebook's {@code evaluation_interval}),
 * evaluation on 1000 samples, checkpoints only at the end. Where the notebook leaves a value
 * unset for the two-layer runs, xi = (1, 3) is its {@code data_config}'s, and the trainable bias
 * starts at 0 (the reference's {@code bias_value} default).
 */
public enum ManyNeuronsPanel {
    /** SCM K = 10 sigmoid, trainable bias (init 0), init 0.1, lr 100, B = 1000, T = 5000, L = 100, Kur(10). */
    SCM_KUR10("scm-kur10", scm(10)),
    /** As {@link #SCM_KUR10} on Kur(30). */
    SCM_KUR30("scm-kur30", scm(30)),
    /** As {@link #SCM_KUR10} on Kur(4) (infinite kurtosis). */
    SCM_KUR4("scm-kur4", scm(4)),
    /** Two-layer K = 10 ReLU, trainable bias and readout, init 0.001, lr 1, B = 1000, T = 2000, L = 40, NLGP(100). */
    MLP_NLGP100("mlp-nlgp100", params(Map.of("model", "nlgp", "gain", 100.0, "xi", "1,3", "length", 40),
            10, "relu", "trained", 0.001, 1.0, 1000, 2000)),
    /** Two-layer K = 100 ReLU, trainable bias and readout, init 0.001, lr 2, B = 200, T = 5000, L = 40, Kur(30). */
    MLP_KUR30("mlp-kur30", params(Map.of("model", "kur", "k", 30.0, "xi", "1,3", "length", 40),
            100, "relu", "trained", 0.001, 2.0, 200, 5000));

    private final String id;
    private final Map<String, Object> parameters;

    ManyNeuronsPanel(String id, Map<String, Object> parameters) {
        this.id = id;
        this.parameters = parameters;
    }

    private static Map<String, Object> scm(double k) {
        return params(Map.of("model", "kur", "k", k, "xi", "1,3", "length", 100), 10, "sigmoid", "frozen", 0.1,
                100.0, 1000, 5000);
    }

    private static Map<String, Object> params(Map<String, Object> data, int hidden, String activation, String readout,
                                              double initScale, double lr, int batch, int steps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("hidden", hidden);
        m.put("activation", activation);
        m.put("bias", "trainable:0");
        m.put("readout", readout);
        m.put("initScale", initScale);
        m.put("lr", lr);
        m.put("batch", batch);
        m.put("steps", steps);
        m.put("recordEvery", 100);
        m.put("evalSize", 1000);
        m.put("checkpointEvery", 0);
        return Collections.unmodifiableMap(m);
    }

    /** The panel's name (file names, the {@code --panels} flag). */
    public String id() {
        return id;
    }

    /** The run parameters ({@code RunConfig} keys). */
    public Map<String, Object> parameters() {
        return parameters;
    }

    /**
     * The panels named in {@code names} (case ignored), in the given order.
     *
     * @throws IllegalArgumentException naming an unknown or repeated panel
     */
    public static List<ManyNeuronsPanel> parse(List<String> names) {
        Require.that(names != null && !names.isEmpty(), "panels", names, "a non-empty list of " + accepted());
        List<ManyNeuronsPanel> panels = names.stream().map(ManyNeuronsPanel::parse).toList();
        Require.that(panels.stream().distinct().count() == panels.size(), "panels", names, "distinct panels");
        return panels;
    }

    private static ManyNeuronsPanel parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(n)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("panels must be among " + accepted() + ", got '" + name + "'"));
    }

    private static String accepted() {
        return Arrays.stream(values()).map(ManyNeuronsPanel::id).collect(Collectors.joining(", "));
    }
}
