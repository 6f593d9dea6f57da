package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.ValueType;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A picocli mixin whose flags are generated from {@link Parameter} declarations instead of one
 * {@code @Option} each: for every parameter, the flag {@link Parameter#flag()} with its
 * placeholder and a help text that shows the accepted values or range and the default this
 * command starts from ({@link #defaultText}), under a section heading of the usage help (a
 * non-validating picocli argument group). The flags are added by picocli's own hook for changing
 * a command's model, {@link Flags} ({@code @Command(modelTransformer = ...)}, which a mixin passes
 * on to the command that mixes it in).
 *
 * <p>A flag's value arrives as picocli converted it to the parameter's
 * {@link ValueType#flagType()} (so that {@code --steps many} is picocli's own error), and is read
 * and checked against the declaration when the command asks for it ({@link #given}), naming the
 * flag: {@code --lr must be a finite number > 0, got -1.0}.
 */
@Command(modelTransformer = DeclaredOptions.Flags.class)
abstract class DeclaredOptions {
    private final String heading;
    private final List<Parameter<?>> parameters;
    /** The values picocli set, by declaration; absent: not given. */
    private final Map<Parameter<?>, Object> given = new IdentityHashMap<>();

    /**
     * @param heading    the section heading of these flags in the usage help
     * @param parameters the parameters that get a flag, in help order
     */
    DeclaredOptions(String heading, List<Parameter<?>> parameters) {
        this.heading = heading;
        this.parameters = List.copyOf(parameters);
    }

    /** The parameters that get a flag. */
    final List<Parameter<?>> parameters() {
        return parameters;
    }

    /** The default of {@code p} as this command's help shows it, null for none. */
    abstract String defaultText(Parameter<?> p);

    /** {@code value} of {@code p} as help texts show a default: null shows {@link Parameter#defaultText()}. */
    static <T> String shown(Parameter<T> p, T value) {
        return value == null ? p.defaultText() : p.format(value);
    }

    /** The help phrase of {@code p} (the declaration's unless a subclass adds to it). */
    String help(Parameter<?> p) {
        return p.help();
    }

    /** Whether the flag of {@code p} was given. */
    final boolean isGiven(Parameter<?> p) {
        return given.containsKey(p);
    }

    /** Whether no flag of these was given. */
    final boolean noneGiven() {
        return given.isEmpty();
    }

    /**
     * The value given to the flag of {@code p}, read and checked against its declaration; null
     * when the flag was not given.
     *
     * @throws IllegalArgumentException naming the flag
     */
    final <T> T given(Parameter<T> p) {
        Object raw = given.get(p);
        return raw == null ? null : p.check(p.flag(), p.read(p.flag(), raw));
    }

    /**
     * Passes each flag given, with its value read and checked ({@link #given}), to
     * {@code target}, e.g. a config builder's {@code set}.
     *
     * @throws IllegalArgumentException naming the first flag whose value is invalid
     */
    final void forEachGiven(BiConsumer<Parameter<Object>, Object> target) {
        for (Parameter<?> p : parameters) {
            if (isGiven(p)) {
                @SuppressWarnings("unchecked") // the value is read by p's own type
                Parameter<Object> q = (Parameter<Object>) p;
                target.accept(q, given(q));
            }
        }
    }

    /**
     * Rejects the flag of {@code p} when it was given: the command sets that parameter itself.
     *
     * @param why what the command does instead, e.g. "use --seeds"
     */
    void requireUnset(Parameter<?> p, String why) {
        Require.that(!isGiven(p), p.flag(), given.get(p), "left out (" + why + ")");
    }

    /** The help text of the flag of {@code p}. */
    final String describe(Parameter<?> p) {
        return p.help(help(p)).describe(defaultText(p));
    }

    /** Adds a flag per parameter to {@code command}, in a section of its usage help. */
    private void addTo(CommandSpec command) {
        ArgGroupSpec.Builder group = ArgGroupSpec.builder().heading(heading + ":%n").validate(false);
        for (Parameter<?> p : parameters) {
            Binding binding = new Binding(p);
            boolean isFlag = p.type().flagType() == Boolean.class;
            group.addArg(OptionSpec.builder(p.flag()).paramLabel(p.label()).type(p.type().flagType())
                    .arity(isFlag ? "0" : "1").description(describe(p)).getter(binding).setter(binding)
                    .hasInitialValue(false).build());
        }
        command.addArgGroup(group.build());
    }

    /** Where picocli puts the value of one flag. */
    private final class Binding implements IGetter, ISetter {
        private final Parameter<?> parameter;

        Binding(Parameter<?> parameter) {
            this.parameter = parameter;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) given.get(parameter);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            return (T) (value == null ? given.remove(parameter) : given.put(parameter, value));
        }
    }

    /**
     * picocli's model transformer that adds the flags of every {@link DeclaredOptions} mixed into
     * a command (directly or through another mixin).
     */
    static final class Flags implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            addFlags(command, command);
            return command;
        }

        private static void addFlags(CommandSpec command, CommandSpec spec) {
            for (CommandSpec mixin : spec.mixins().values()) {
                addFlags(command, mixin);
                if (mixin.userObject() instanceof DeclaredOptions options) {
                    options.addTo(command);
                }
            }
        }
    }
}
