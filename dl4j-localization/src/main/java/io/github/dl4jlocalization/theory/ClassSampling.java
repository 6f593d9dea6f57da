package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.Labels;
import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.util.Require;

/**
 * Draws many samples of one class in blocks of at most {@value #BLOCK} rows, block b from the
 * stream {@code RandomStreams.of(seed, label, b)}, so the result is a pure function of
 * {@code (model, label, samples, seed)} and memory stays bounded. (The sub-stream keeps these
 * draws apart from the training batches {@code RandomStreams.of(seed, t)} of the same seed.)
 */
final class ClassSampling {
    /** Rows per block. */
    static final int BLOCK = 1000;

    private ClassSampling() {
    }

    /** Receives one block: {@code rows} samples, row-major in {@code values[0 .. rows * D)}. */
    @FunctionalInterface
    interface BlockVisitor {
        void visit(double[] values, int rows);
    }

    /**
     * Draws {@code samples} samples of class {@code label} and hands them to {@code visitor}
     * block by block (the array is reused between blocks).
     */
    static void forEachBlock(DataModel model, int label, int samples, long seed, BlockVisitor visitor) {
        Require.nonNull("model", model);
        Labels.check(label);
        Require.atLeast("samples", samples, 1);
        int d = model.dimension();
        double[] block = new double[Math.min(BLOCK, samples) * d];
        for (int b = 0, done = 0; done < samples; b++) {
            int rows = Math.min(BLOCK, samples - done);
            model.sample(label, rows, block, 0, RandomStreams.of(seed, label, b));
            visitor.visit(block, rows);
            done += rows;
        }
    }
}
