package io.github.dl4jlocalization.experiment;

/**
 * The receptive fields of every hidden unit at one record step, as read back from
 * {@code weights.csv}.
 *
 * @param step   SGD steps done
 * @param fields K x D weights, {@code fields[k]} = unit k's receptive field; not copied
 */
public record WeightSnapshot(long step, double[][] fields) {
}
