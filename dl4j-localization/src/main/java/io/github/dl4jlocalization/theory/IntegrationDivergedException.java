package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.util.Require;

/**
 * Thrown by {@link EffectiveDynamics#integrate} when {@code w' Sigma_1 w} stops being a positive
 * finite number (the Euler map diverged, or the state collapsed to 0, e.g. for a step tau far too
 * large): it names the step and keeps the records made before it, so that a caller can report the
 * trajectory up to there.
 */
public final class IntegrationDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int step;
    private final Trajectory recorded;

    /**
     * @param message  what stopped being finite, and where
     * @param step     the Euler step at which it happened, >= 1
     * @param recorded the records made before that step (step 0 at least)
     */
    IntegrationDivergedException(String message, int step, Trajectory recorded) {
        super(message);
        this.step = step;
        this.recorded = Require.nonNull("recorded", recorded);
    }

    /** The Euler step at which {@code w' Sigma_1 w} stopped being a positive finite number. */
    public int step() {
        return step;
    }

    /** The records made before that step, every one finite. */
    public Trajectory recorded() {
        return recorded;
    }
}
