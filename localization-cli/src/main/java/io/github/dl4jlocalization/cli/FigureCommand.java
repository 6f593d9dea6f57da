package io.github.dl4jlocalization.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code localization figure NAME}: the papers' experiments, each writing CSV, {@code summary.json}
 * (the claim next to what was measured, the wall time) and PNGs into {@code --out DIR}. Their
 * trainings run as resumable sweeps on the engine of {@link EngineOptions}.
 */
@Command(name = "figure", mixinStandardHelpOptions = true,
        description = {"Reproduce a figure of the papers from resumable sweeps.",
            "Each writes CSV, summary.json (claim vs measured, wall time) and PNGs into --out DIR."},
        subcommands = {CommandLine.HelpCommand.class, IprKurtosisCommand.class, IsingPeaksCommand.class,
            EllipticalCommand.class, GaussianCloneCommand.class, ManyNeuronsCommand.class, ImpFigureCommand.class,
            FcnCnnFigureCommand.class, DeepFieldsCommand.class})
final class FigureCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }
}
