package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.DataModelType;
import io.github.dl4jlocalization.experiment.RunConfig;

import java.util.List;
import java.util.function.Supplier;

/**
 * The data-model flags, one per parameter of {@link DataModelConfig#PARAMETERS} (the registered
 * models' own parameters included), shared by every command that draws data ({@code sample},
 * {@code run}, ...). Each flag's help names the models that use it and shows the default the
 * command starts from, with the models' own defaults (the pulse's xi) where the command leaves it
 * to them.
 */
public final class DataOptions extends DeclaredOptions {
    private final Supplier<RunConfig.Builder> defaults;
    private RunConfig.Builder start;
    private DataModelConfig shown;

    /** The flags of {@code sample}: the data models' own defaults. */
    public DataOptions() {
        this(RunConfig::builder);
    }

    /**
     * @param defaults what the command starts from (its data part is shown as the defaults); null
     *                 when there is no single default (the help then shows none)
     */
    DataOptions(Supplier<RunConfig.Builder> defaults) {
        super("Data model", DataModelConfig.PARAMETERS.parameters());
        this.defaults = defaults;
    }

    /** The data these flags describe; unset flags keep their defaults. */
    public DataModelConfig toConfig() {
        DataModelConfig.Builder b = DataModelConfig.builder();
        forEachGiven(b::set);
        return b.build();
    }

    /** The declaration's help, and for a model's own parameter the models that use it. */
    @Override
    String help(Parameter<?> p) {
        List<String> models = DataModelConfig.types().stream().filter(t -> t.parameters().contains(p))
                .map(DataModelType::name).toList();
        return models.isEmpty() ? p.help() : p.help() + ", for " + String.join(", ", models);
    }

    /**
     * The command's default of {@code p}; where the command leaves {@code p} to the model, also
     * the other models' own defaults, e.g. {@code 0.3,0.7; pulse: 0.05,0.2}.
     */
    @Override
    String defaultText(Parameter<?> p) {
        if (defaults == null) {
            return null;
        }
        if (shown == null) {
            start = defaults.get();
            shown = start.build().data();
        }
        StringBuilder text = new StringBuilder(shownValue(p));
        if (!start.isGiven(p)) {
            for (DataModelType t : DataModelConfig.types()) {
                if (t != shown.type() && t.hasOwnDefault(p)) {
                    text.append("; ").append(t.name()).append(": ").append(ownDefault(p, t));
                }
            }
        }
        return text.toString();
    }

    private <T> String shownValue(Parameter<T> p) {
        return p.format(shown.get(p));
    }

    private static <T> String ownDefault(Parameter<T> p, DataModelType t) {
        return p.format(t.defaultValue(p));
    }
}
