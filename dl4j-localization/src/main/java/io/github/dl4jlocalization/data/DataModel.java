package io.github.dl4jlocalization.data;

import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * An idealized naturalistic data model for the two-class discrimination task of the papers:
 * class {@code c} is drawn from one family of translation-invariant, periodic signals with class
 * parameter {@code xi[c]} (see {@link ClassPair}); the network must tell the classes apart by
 * their correlation structure alone.
 *
 * <p>Implementations are immutable and thread-safe (all randomness comes from the generator
 * passed in), serialisable, and validate their parameters when built.
 *
 * <p>One implementation per model: {@link NlgpModel}, {@link NlgpCloneModel}, {@link KurModel},
 * {@link IsingModel}, {@link EllipticalModel}, {@link PulseModel}; each declares its parameters and
 * its {@link DataModelType}, which {@link DataModelConfig} registers for the command line and
 * config files. Use {@link BatchSampler} to draw labelled batches whose content is a pure function
 * of (seed, batch index).
 */
public interface DataModel extends Serializable {

    /** Short name as used by the command line ({@code nlgp}, {@code kur}, ...). */
    String name();

    /** Input dimension D (L in 1-D, L^2 in 2-D). */
    int dimension();

    /**
     * Fills {@code count} rows of the row-major array {@code out}, starting at row {@code row}
     * (element {@code row * D}), with independent samples of class {@code label}.
     *
     * @param label  0 or 1
     * @param count  number of samples, >= 0
     * @param out    destination, at least {@code (row + count) * D} long
     * @param row    first row to fill
     * @param random the random stream all randomness is drawn from
     */
    void sample(int label, int count, double[] out, int row, RandomGenerator random);

    /** The exact covariance of class {@code label}, where it is known in closed form. */
    Optional<StationaryCovariance> covariance(int label);

    /**
     * The exact excess kurtosis {@code E[(x-m)^4]/Var(x)^2 - 3} of one input value of class
     * {@code label}, where it is known; {@code +Infinity} where the fourth moment diverges.
     */
    OptionalDouble marginalExcessKurtosis(int label);

    /** A readable one-line description with every parameter, e.g. for logs and config files. */
    String description();

    /**
     * The single-pixel marginal of class 1 as the effective dynamics need it, where this model
     * knows it exactly; empty (the default): the theory samples the model instead.
     */
    default Optional<ClassOneMarginal> classOneMarginal() {
        return Optional.empty();
    }
}
