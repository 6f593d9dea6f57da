package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.listeners.InMemoryRecordSink;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.Serializable;

/**
 * Tells an {@link Experiment.Observer} (e.g. the command line's progress bar) of every update: the
 * step, the steps planned, the step's loss and the mean IPR of the latest metrics row. It runs
 * after the run's recording listeners, so a record step's row is already there. The observer is
 * not serialised.
 */
final class ProgressListener extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient Experiment.Observer observer;
    private final long plannedSteps;
    private final InMemoryRecordSink<MetricsRow> rows;
    private final double meanIprBefore;

    /**
     * @param observer      told of every update
     * @param plannedSteps  the run's planned steps
     * @param rows          the run's metrics rows
     * @param meanIprBefore the mean IPR before the first row of {@code rows} (a resumed run's last)
     */
    ProgressListener(Experiment.Observer observer, long plannedSteps, InMemoryRecordSink<MetricsRow> rows,
                     double meanIprBefore) {
        this.observer = Require.nonNull("observer", observer);
        this.plannedSteps = plannedSteps;
        this.rows = Require.nonNull("rows", rows);
        this.meanIprBefore = meanIprBefore;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (observer != null) {
            MetricsRow last = rows.latest();
            observer.stepDone(iteration + 1L, plannedSteps, model.score(), last == null ? meanIprBefore : last.meanIpr());
        }
    }

    @Override
    public String toString() {
        return "ProgressListener(steps=" + plannedSteps + ", observer=" + observer + ")";
    }
}
