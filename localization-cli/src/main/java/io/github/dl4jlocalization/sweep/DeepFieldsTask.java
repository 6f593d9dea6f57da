package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.ParameterSet;
import io.github.dl4jlocalization.config.ParameterValues;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.experiment.DeepFieldNetwork;
import io.github.dl4jlocalization.experiment.DeepFieldNetwork.Architecture;
import io.github.dl4jlocalization.experiment.DeepFieldsRun;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.Map;

/**
 * Trains a deeper network ({@link DeepFieldsRun}: a 1-D or 2-D CNN or a fully connected network
 * with two hidden layers) on the configuration's task and records the effective receptive fields
 * of both hidden layers' units; the configuration's {@code hidden} does not apply. Grid-file
 * settings (declared once, {@link #PARAMETERS}; the flags of {@code figure deep-fields}):
 * <pre>
 * task: {kind: deep-fields, architecture: cnn1d|cnn2d|fcn, channels: 8, kernel: 7, width: 40}
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

    /** The architecture, required: {@code cnn1d}, {@code cnn2d} or {@code fcn}. */
    public static final Parameter<Architecture> ARCHITECTURE = Parameter.enumeration("architecture", Architecture.class)
            .help("Network: a 1-D CNN (cnn1d), a 2-D CNN (cnn2d) or a fully connected network (fcn)");
    /** Channels C of both convolutions. */
    public static final Parameter<Integer> CHANNELS = Parameter.integer("channels").range(Range.atLeast(1))
            .defaultValue(8).label("C").help("Channels of both convolutions of a CNN");
    /** Kernel width k (1-D) or side (2-D). */
    public static final Parameter<Integer> KERNEL = Parameter.integer("kernel").range(Range.atLeast(1))
            .defaultValue(7).label("K").help("Kernel width (1-D) or side (2-D) of a CNN; its fields span 2K-1 sites");
    /** Units per hidden layer H of the FCN. */
    public static final Parameter<Integer> WIDTH = Parameter.integer("width").range(Range.atLeast(1))
            .defaultValue(40).label("H").help("Units per hidden layer of the FCN");
    /** The settings a grid file may give. */
    public static final ParameterSet PARAMETERS = ParameterSet.of("deep-fields task setting", ARCHITECTURE,
            CHANNELS, KERNEL, WIDTH);

    /** Validates. */
    public DeepFieldsTask {
        Require.nonNull("network", network);
    }

    /**
     * The task of checked values of {@link #PARAMETERS}.
     *
     * @throws IllegalArgumentException when the architecture is not given
     */
    public static DeepFieldsTask of(ParameterValues v) {
        Architecture architecture = v.get(ARCHITECTURE);
        Require.that(architecture != null, "architecture", null, "given: cnn1d, cnn2d or fcn");
        return new DeepFieldsTask(new DeepFieldNetwork(architecture, v.get(CHANNELS), v.get(KERNEL), v.get(WIDTH)));
    }

    /**
     * Reads the settings of a grid file's task map ({@code architecture} required, the others
     * defaulting to C = 8, k = 7, H = 40).
     *
     * @throws IllegalArgumentException naming an unknown setting or invalid value
     */
    public static DeepFieldsTask fromSettings(Map<String, ?> settings) {
        return of(UnitTasks.read(KIND, settings, PARAMETERS));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> settings() {
        return PARAMETERS.builder().set(ARCHITECTURE, network.architecture()).set(CHANNELS, network.channels())
                .set(KERNEL, network.kernel()).set(WIDTH, network.hidden()).build().toMap();
    }

    @Override
    public Outcome execute(RunConfig config, Path dir) {
        DeepFieldsRun.Result r = new DeepFieldsRun(config, network).prefetch(false).run(dir);
        return new Outcome(r.summary(), r.measures());
    }
}
