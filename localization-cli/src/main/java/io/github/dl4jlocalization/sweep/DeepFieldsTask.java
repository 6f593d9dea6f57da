package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.ConfigValues;
import io.github.dl4jlocalization.experiment.DeepFieldNetwork;
import io.github.dl4jlocalization.experiment.DeepFieldsRun;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Trains a deeper network ({@link DeepFieldsRun}: a 1-D or 2-D CNN or a fully connected network
 * with two hidden layers) on the configuration's task and records the effective receptive fields
 * of both hidden layers' units; the configuration's {@code hidden} does not apply. Grid-file
 * settings:
 * <pre>
 * task: {kind: deep-fields, architecture: cnn1d|cnn2d|fcn, channels: 8, kernel: 7, hidden: 40}
 * </pre>
 * Measures, per hidden layer ({@code layer0}, {@code layer1}): {@code layer0InitialMeanIpr},
 * {@code layer0FinalMeanIpr}, {@code layer0InitialMeanWidth}, {@code layer0FinalMeanWidth},
 * {@code layer0TheoreticalSites}, ...; the records are the unit's
 * {@value DeepFieldsRun#FIELDS}.
 *
 * @param network the architecture
 */
public record DeepFieldsTask(DeepFieldNetwork network) implements UnitTask {
    /** The kind's name. */
    public static final String KIND = "deep-fields";
    /** The settings a grid file may give. */
    public static final Set<String> SETTINGS = Set.of("architecture", "channels", "kernel", "hidden");
    /** Default channels C. */
    public static final int DEFAULT_CHANNELS = 8;
    /** Default kernel width k. */
    public static final int DEFAULT_KERNEL = 7;
    /** Default dense width H. */
    public static final int DEFAULT_HIDDEN = 40;

    /** Validates. */
    public DeepFieldsTask {
        Require.nonNull("network", network);
    }

    /**
     * Reads the settings of a grid file's task map ({@code architecture} required, the others
     * defaulting to C = 8, k = 7, H = 40).
     *
     * @throws IllegalArgumentException naming an unknown setting or invalid value
     */
    public static DeepFieldsTask fromSettings(Map<String, ?> settings) {
        UnitTasks.requireKnown(KIND, settings, SETTINGS);
        String name = ConfigValues.string("architecture", settings.get("architecture"));
        DeepFieldNetwork.Architecture architecture = Arrays.stream(DeepFieldNetwork.Architecture.values())
                .filter(a -> a.key().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "architecture must be one of cnn1d, cnn2d, fcn, got '" + name + "'"));
        return new DeepFieldsTask(new DeepFieldNetwork(architecture,
                integer(settings, "channels", DEFAULT_CHANNELS), integer(settings, "kernel", DEFAULT_KERNEL),
                integer(settings, "hidden", DEFAULT_HIDDEN)));
    }

    private static int integer(Map<String, ?> settings, String key, int otherwise) {
        return settings.containsKey(key) ? ConfigValues.integer(key, settings.get(key)) : otherwise;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", network.architecture().key());
        m.put("channels", network.channels());
        m.put("kernel", network.kernel());
        m.put("hidden", network.hidden());
        return m;
    }

    @Override
    public Outcome execute(RunConfig config, Path dir) {
        DeepFieldsRun.Result r = new DeepFieldsRun(config, network).run(dir);
        return new Outcome(r.summary(), r.measures());
    }
}
