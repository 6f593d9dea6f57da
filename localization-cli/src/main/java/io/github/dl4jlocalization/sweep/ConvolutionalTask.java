package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.ConfigValues;
import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Trains the convolutional network of the configuration ({@link Experiment#convolutional}: C
 * filters of width w, circular padding) on the same data stream, learning rate, batch, steps and
 * seed as the fully connected run of that config would use; its {@code hidden} does not apply.
 * Grid-file settings:
 * <pre>
 * task: {kind: cnn, channels: 10, filterWidth: auto|W}
 * </pre>
 * The unit's summary describes the filters as units (IPR per filter); no further measures. The
 * filters are in the unit's {@code weights.csv}.
 *
 * @param channels    C >= 1
 * @param filterWidth w >= 1 (at most D, checked when executed), null for
 *                    {@link ConvolutionalNetwork#defaultWidth max(1, D/4)}
 */
public record ConvolutionalTask(int channels, Integer filterWidth) implements UnitTask {
    /** The kind's name. */
    public static final String KIND = "cnn";
    /** The settings a grid file may give. */
    public static final Set<String> SETTINGS = Set.of("channels", "filterWidth");

    private static final String AUTO = "auto";

    /** Validates. */
    public ConvolutionalTask {
        Require.atLeast("channels", channels, 1);
        if (filterWidth != null) {
            Require.atLeast("filterWidth", filterWidth, 1);
        }
    }

    /**
     * Reads the settings of a grid file's task map (the {@code kind} entry ignored); missing
     * settings take their defaults (C = {@value ConvolutionalNetwork#DEFAULT_CHANNELS}, w auto).
     *
     * @throws IllegalArgumentException naming an unknown setting or invalid value
     */
    public static ConvolutionalTask fromSettings(Map<String, ?> settings) {
        UnitTasks.requireKnown(KIND, settings, SETTINGS);
        int channels = settings.containsKey("channels") ? ConfigValues.integer("channels", settings.get("channels"))
                : ConvolutionalNetwork.DEFAULT_CHANNELS;
        Object width = settings.get("filterWidth");
        return new ConvolutionalTask(channels,
                width == null || AUTO.equals(width) ? null : ConfigValues.integer("filterWidth", width));
    }

    /** The filter width on {@code config}'s inputs. */
    public int width(RunConfig config) {
        return filterWidth == null ? ConvolutionalNetwork.defaultWidth(config.dataModel().dimension()) : filterWidth;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", channels);
        m.put("filterWidth", filterWidth == null ? AUTO : filterWidth);
        return m;
    }

    @Override
    public Outcome execute(RunConfig config, Path dir) {
        return new Outcome(Experiment.convolutional(config, channels, width(config), dir).prefetch(false).run(),
                Map.of());
    }
}
