package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * The {@code localization} command-line application. Bad input (an invalid parameter, an
 * unwritable path, a malformed flag) prints one line naming the parameter and the accepted range
 * and exits with status 2, without a stack trace; other failures exit with status 1 (set
 * {@code LOCALIZATION_DEBUG=1} for the stack trace).
 */
@Command(name = "localization", mixinStandardHelpOptions = true,
        versionProvider = LocalizationCli.Version.class,
        description = "Emergence of localized receptive fields in DL4J networks: data, training, theory.",
        subcommands = {SampleCommand.class, RunCommand.class, TheoryCommand.class, PruneCommand.class,
            SweepCommand.class, FigureCommand.class, DemoCommand.class, DashboardCommand.class, BenchCommand.class,
            ReceptiveFieldCommand.class,
            CommandLine.HelpCommand.class})
public final class LocalizationCli implements Callable<Integer> {
    /** Exit status for invalid input. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit status for other failures. */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** Runs the application and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the application and returns its exit status (used by tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new LocalizationCli());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (System.getenv("LOCALIZATION_DEBUG") != null) {
                e.printStackTrace(c.getErr());
            }
            if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
                c.getErr().println("error: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            c.getErr().println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (set LOCALIZATION_DEBUG=1 for the stack trace)");
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    /** The project version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"localization " + projectVersion()};
        }
    }

    /** The project version, or "dev" when not running from the packaged jar. */
    public static String projectVersion() {
        return Provenance.version();
    }
}
