package io.github.dl4jlocalization.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code localization bench}: performance measurements; see its subcommands. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Performance measurements.",
        subcommands = {BenchDataCommand.class, BenchTrainCommand.class, BenchListenersCommand.class,
                BenchCompareCommand.class, BenchSweepCommand.class})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }
}
