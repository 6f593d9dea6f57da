package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flags that describe one run ({@link RunConfig}): the data flags ({@link DataOptions}), the
 * network and training flags, and {@code --config FILE}; shared by every command that trains
 * ({@code run}, {@code theory}). Flags override config-file values; unset parameters take
 * {@link RunConfig}'s defaults.
 */
public final class RunOptions {

    @Mixin
    DataOptions data;


    @Option(names = "--hidden", paramLabel = "K", description = "Hidden units K >= 1 (default 1).")
    Integer hidden;

    @Option(names = "--activation", paramLabel = "NAME", description = "relu, sigmoid, tanh or erf (default relu).")
    String activation;

    @Option(names = "--bias", paramLabel = "SPEC",
            description = "none, trainable, trainable:INIT or fixed:VALUE (default none).")
    String bias;

    @Option(names = "--readout", paramLabel = "frozen|trained",
            description = "frozen: soft committee machine; trained: two-layer network (default frozen).")
    String readout;

    @Option(names = "--init-scale", paramLabel = "X",
            description = "Variance multiplier of the initial weights (default 0.001).")
    Double initScale;

    @Option(names = "--lr", paramLabel = "X", description = "SGD learning rate > 0 (default 0.1).")
    Double lr;

    @Option(names = "--batch", paramLabel = "B", description = "Fresh samples per SGD step (default 5000).")
    Integer batch;

    @Option(names = "--steps", paramLabel = "T", description = "SGD steps (default 10000).")
    Integer steps;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, data and evaluation batch (default 0).")
    Long seed;

    @Option(names = "--record-every", paramLabel = "N", description = "Steps between records (default 100).")
    Integer recordEvery;

    @Option(names = "--checkpoint-every", paramLabel = "M",
            description = "Steps between checkpoints; 0: only at the end (default 1000).")
    Integer checkpointEvery;

    @Option(names = "--eval-size", paramLabel = "N",
            description = "Samples of the held-out evaluation batch (default 1000).")
    Integer evalSize;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML config file (flags override it).")
    Path config;

    /** The config: defaults, then the config file, then the flags. */
    RunConfig configure() {
        return configure(Map.of());
    }

    /**
     * The config: {@link RunConfig}'s defaults overridden by the command's own defaults (e.g.
     * {@code prune}'s steps per round), then the config file, then the flags.
     */
    RunConfig configure(Map<String, ?> commandDefaults) {
        RunConfig.Builder builder = RunConfig.builder().setAll(commandDefaults);
        if (config != null) {
            builder.setAll(JsonFiles.readConfig(config));
        }
        return builder.data(data.toMap()).setAll(flags()).build();
    }

    /** Whether no run flag, data flag or config file was given. */
    boolean isEmpty() {
        return config == null && flags().isEmpty() && data.toMap().isEmpty();
    }

    /** The run flags that were given, under {@link RunConfig}'s keys. */
    private Map<String, Object> flags() {
        Map<String, Object> m = new LinkedHashMap<>();
        DataOptions.put(m, "hidden", hidden);
        DataOptions.put(m, "activation", activation);
        DataOptions.put(m, "bias", bias);
        DataOptions.put(m, "readout", readout);
        DataOptions.put(m, "initScale", initScale);
        DataOptions.put(m, "lr", lr);
        DataOptions.put(m, "batch", batch);
        DataOptions.put(m, "steps", steps);
        DataOptions.put(m, "seed", seed);
        DataOptions.put(m, "recordEvery", recordEvery);
        DataOptions.put(m, "checkpointEvery", checkpointEvery);
        DataOptions.put(m, "evalSize", evalSize);
        return m;
    }
}
