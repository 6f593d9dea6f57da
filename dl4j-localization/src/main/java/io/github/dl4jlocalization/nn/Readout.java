package io.github.dl4jlocalization.nn;

/** The second layer of a {@link ShallowNetwork}. */
public enum Readout {
    /**
     * Soft committee machine (SCM, "M1"): {@code y = (1/K) sum_k sigma(h_k)}. The readout weights are
     * 1, there is no readout bias, and nothing in the readout is trained.
     */
    FROZEN,
    /**
     * Two-layer network ("M2"): {@code y = (v . sigma(h) + c) / K} with trained {@code v} and
     * {@code c}.
     */
    TRAINED
}
