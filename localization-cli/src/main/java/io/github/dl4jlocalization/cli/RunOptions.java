package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The flags that describe one run ({@link RunConfig}): the data flags ({@link DataOptions}), one
 * flag per network and training parameter of {@link RunConfig#PARAMETERS}, and
 * {@code --config FILE}; shared by every command that trains. A command starts from its own
 * defaults (e.g. a figure's settings, typed as a {@link RunConfig.Builder}), which the help texts
 * show; then the config file, then the flags override them.
 */
public final class RunOptions extends DeclaredOptions {

    @Mixin
    DataOptions data;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML config file (flags override it).")
    Path config;

    private final Supplier<RunConfig.Builder> defaults;
    private RunConfig shown;

    /** The flags of {@code run}: {@link RunConfig}'s defaults. */
    public RunOptions() {
        this(RunConfig::builder);
    }

    /**
     * @param defaults what the command starts from, a fresh builder on each call; null when there
     *                 is no single default (e.g. per figure panel: the help then shows none, and
     *                 the command calls {@link #configure(RunConfig.Builder)})
     */
    RunOptions(Supplier<RunConfig.Builder> defaults) {
        super("Network and training", RunConfig.PARAMETERS.parameters());
        this.defaults = defaults;
        this.data = new DataOptions(defaults);
    }

    /** The config: the command's defaults, then the config file, then the flags. */
    RunConfig configure() {
        return configure(defaults.get());
    }

    /**
     * The config: {@code start} (e.g. one panel's settings), then the config file, then the flags.
     *
     * @throws IllegalArgumentException naming the flag, key or file at fault
     */
    RunConfig configure(RunConfig.Builder start) {
        if (config != null) {
            start.setAll(JsonFiles.readConfig(config));
        }
        data.forEachGiven(start::set);
        forEachGiven(start::set);
        return start.build();
    }

    /** Whether no run flag, data flag or config file was given. */
    boolean isEmpty() {
        return config == null && noneGiven() && data.noneGiven();
    }

    /** The value of a run or data flag (checked, naming the flag), null when not given. */
    <T> T flag(Parameter<T> p) {
        return DataModelConfig.PARAMETERS.contains(p) ? data.given(p) : given(p);
    }

    /** Rejects a run or data flag the command sets itself ({@code why}: what it does instead). */
    void requireUnset(Parameter<?> p, String why) {
        if (DataModelConfig.PARAMETERS.contains(p)) {
            data.requireUnset(p, why);
        } else {
            super.requireUnset(p, why);
        }
    }

    @Override
    String defaultText(Parameter<?> p) {
        if (defaults == null) {
            return null;
        }
        if (shown == null) {
            shown = defaults.get().build();
        }
        return shownValue(p);
    }

    private <T> String shownValue(Parameter<T> p) {
        return shown(p, shown.get(p));
    }
}
