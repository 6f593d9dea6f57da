package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.ParameterSet;
import io.github.dl4jlocalization.config.ParameterValues;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.config.ValueType;
import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;

import java.nio.file.Path;
import java.util.Map;

/**
 * Trains the convolutional network of the configuration ({@link Experiment#convolutional}: C filters
 * of width w, circular padding) on the same data stream, learning rate, batch, steps and seed as
 * the fully connected run of that config would use; its {@code hidden} does not apply. Grid-file
 * settings (declared once, {@link #PARAMETERS}; the flags of {@code figure fcn-vs-cnn}):
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
    private static final String AUTO = "auto";

    /** CNN channels (filters) C >= 1. */
    public static final Parameter<Integer> CHANNELS = Parameter.integer("channels").range(Range.atLeast(1))
            .defaultValue(ConvolutionalNetwork.DEFAULT_CHANNELS).label("C").help("CNN channels (filters) C");
    /** Filter width w >= 1 (at most D); null (written {@code auto}): max(1, D/4). */
    public static final Parameter<Integer> FILTER_WIDTH = Parameter.of("filterWidth", ValueType.of(Integer.class, "W",
                    (name, value) -> AUTO.equals(value) ? null : ConfigValues.integer(name, value),
                    w -> w == null ? AUTO : w))
            .range(Range.atLeast(1)).defaultText("max(1, D/4), 10 at D = 40").help("CNN filter width, at most D");
    /** The settings a grid file may give. */
    public static final ParameterSet PARAMETERS = ParameterSet.of("cnn task setting", CHANNELS, FILTER_WIDTH);

    /** Validates. */
    public ConvolutionalTask {
        values(channels, filterWidth);
    }

    /** The task of checked values of {@link #PARAMETERS}. */
    public static ConvolutionalTask of(ParameterValues v) {
        return new ConvolutionalTask(v.get(CHANNELS), v.get(FILTER_WIDTH));
    }

    /**
     * Reads the settings of a grid file's task map (the {@code kind} entry ignored); missing
     * settings take their defaults (C = {@value ConvolutionalNetwork#DEFAULT_CHANNELS}, w auto).
     *
     * @throws IllegalArgumentException naming an unknown setting or invalid value
     */
    public static ConvolutionalTask fromSettings(Map<String, ?> settings) {
        return of(UnitTasks.read(KIND, settings, PARAMETERS));
    }

    /** This task's settings as checked values of {@link #PARAMETERS}. */
    public ParameterValues values() {
        return values(channels, filterWidth);
    }

    private static ParameterValues values(int channels, Integer filterWidth) {
        return PARAMETERS.builder().set(CHANNELS, channels).set(FILTER_WIDTH, filterWidth).build();
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
        return values().toMap();
    }

    @Override
    public Outcome execute(RunConfig config, Path dir) {
        return new Outcome(Experiment.convolutional(config, channels, width(config), dir).prefetch(false).run(),
                Map.of());
    }
}
