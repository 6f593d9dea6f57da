package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.sweep.TheoryTask;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The effective-dynamics flags shared by {@code theory} and {@code figure ising-peaks}: the class
 * covariances' source, the samples of empirical covariances and the update rule, read into a
 * {@link TheoryTask}.
 */
public final class TheoryOptions {

    @Option(names = "--covariance", paramLabel = "auto|exact|empirical",
            description = "Class covariances: exact (closed form), empirical (estimated from samples, as the "
                    + "reference's np.cov) or auto (exact where the model has closed forms, else empirical) "
                    + "(default: auto for theory, empirical for figure ising-peaks).")
    String covariance;

    @Option(names = "--empirical-samples", paramLabel = "N", defaultValue = "100000",
            description = "Samples per class of empirical covariances (default ${DEFAULT-VALUE}).")
    int empiricalSamples;

    @Option(names = "--variant", paramLabel = "1|fig3", defaultValue = "1",
            description = "Update rule: 1 (docs/science.md 5.3 variant 1, the model's exact amplifier) or fig3 (the Fig. 3 "
                    + "notebook's rule with the cubic kurtosis amplifier) (default ${DEFAULT-VALUE}).")
    String variant;

    /** The task of these flags; {@code defaultCovariance} when {@code --covariance} is not given. */
    TheoryTask task(String defaultCovariance) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("covariance", covariance == null ? defaultCovariance : covariance);
        settings.put("empiricalSamples", empiricalSamples);
        settings.put("variant", variant);
        return TheoryTask.fromSettings(settings);
    }
}
