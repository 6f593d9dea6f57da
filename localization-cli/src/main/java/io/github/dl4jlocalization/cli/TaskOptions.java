package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.ParameterValues;
import io.github.dl4jlocalization.sweep.ConvolutionalTask;
import io.github.dl4jlocalization.sweep.DeepFieldsTask;
import io.github.dl4jlocalization.sweep.PruneTask;
import io.github.dl4jlocalization.sweep.TheoryTask;

import java.util.List;
import java.util.function.Function;

/**
 * The flags of a sweep task's settings, one per declaration of the task ({@link TheoryTask},
 * {@link PruneTask}, {@link ConvolutionalTask}): the commands that run one task themselves
 * ({@code theory}, {@code prune}, the figures) take the same settings as grid files, under the
 * same names, from the same declarations. A command starts from its own defaults, which the help
 * shows.
 *
 * @param <T> the task
 */
final class TaskOptions<T> extends DeclaredOptions {
    private final ParameterValues defaults;
    private final Function<ParameterValues, T> task;

    private TaskOptions(String heading, List<Parameter<?>> flags, ParameterValues defaults,
                        Function<ParameterValues, T> task) {
        super(heading, flags);
        this.defaults = defaults;
        this.task = task;
    }

    /** The effective-dynamics flags ({@code --covariance}, {@code --empirical-samples}, {@code --variant}). */
    static TaskOptions<TheoryTask> theory(TheoryTask defaults) {
        return new TaskOptions<>("Effective dynamics", TheoryTask.PARAMETERS.parameters(), defaults.values(),
                TheoryTask::of);
    }

    /**
     * The pruning flags ({@code --rate}, {@code --rounds}, ...), with {@code --baseline} or
     * without it (the command then decides, by {@code defaults}).
     */
    static TaskOptions<PruneTask> pruning(PruneTask defaults, boolean baselineFlag) {
        List<Parameter<?>> flags = PruneTask.PARAMETERS.parameters().stream()
                .filter(p -> baselineFlag || p != PruneTask.BASELINE).toList();
        return new TaskOptions<>("Pruning", flags, defaults.values(), PruneTask::of);
    }

    /** The convolutional-network flags ({@code --channels}, {@code --filter-width}). */
    static TaskOptions<ConvolutionalTask> convolutional() {
        return new TaskOptions<>("Convolutional network", ConvolutionalTask.PARAMETERS.parameters(),
                ConvolutionalTask.PARAMETERS.defaults(), ConvolutionalTask::of);
    }

    /**
     * The flags of the networks of {@code figure deep-fields} ({@code --channels}, {@code --kernel},
     * {@code --width}; the figure trains every architecture), as checked values.
     */
    static TaskOptions<ParameterValues> deepFields(ParameterValues defaults) {
        return new TaskOptions<>("Networks", List.of(DeepFieldsTask.CHANNELS, DeepFieldsTask.KERNEL,
                DeepFieldsTask.WIDTH), defaults, values -> values);
    }

    /**
     * The task: the command's defaults overridden by the flags.
     *
     * @throws IllegalArgumentException naming the flag at fault
     */
    T task() {
        ParameterValues.Builder values = defaults.toBuilder();
        forEachGiven(values::set);
        return task.apply(values.build());
    }

    @Override
    String defaultText(Parameter<?> p) {
        return shownValue(p);
    }

    private <V> String shownValue(Parameter<V> p) {
        return shown(p, defaults.get(p));
    }
}
