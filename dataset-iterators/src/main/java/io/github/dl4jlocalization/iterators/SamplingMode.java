package io.github.dl4jlocalization.iterators;

/**
 * How a {@link DataModelDataSetIterator} maps its global batch counter {@code t} to the batch of
 * the {@link io.github.dl4jlocalization.data.BatchSampler} it hands out.
 *
 * <p><b>Evaluation.</b> DL4J's {@code EvaluativeListener} resets its iterator before every
 * evaluation, and a reset moves an iterator on to its next epoch. Over an {@link #ONLINE}
 * iterator every evaluation therefore sees fresh samples; for a fixed held-out set, the same
 * samples at every evaluation, use {@link #FIXED} with a seed other than the training data's:
 * <pre>{@code
 * DataSetIterator test = new NlgpDataSetIterator.Builder().batchSize(1000).batchesPerEpoch(2)
 *         .seed(99).mode(SamplingMode.FIXED).build();
 * net.addListeners(new EvaluativeListener(test, 1, InvocationType.EPOCH_END));
 * }</pre>
 */
public enum SamplingMode {
    /**
     * Online learning, the regime of the papers (the default): global batch {@code t} is sampler
     * batch {@code t}, so every step of every epoch sees fresh samples and nothing is ever reused,
     * nor is an evaluation's data repeated in the next evaluation.
     */
    ONLINE {
        @Override
        public long sourceBatch(long t, int batchesPerEpoch) {
            return t;
        }
    },
    /**
     * A finite data set of {@code batchesPerEpoch * batchSize} samples: global batch {@code t}
     * is sampler batch {@code t mod batchesPerEpoch}, so every epoch hands out the same batches in
     * the same order: a finite training set, or a fixed held-out set for evaluations.
     */
    FIXED {
        @Override
        public long sourceBatch(long t, int batchesPerEpoch) {
            return t % batchesPerEpoch;
        }
    };

    /**
     * The sampler batch index handed out as global batch {@code t >= 0}.
     *
     * @param t               global batch counter, {@code epoch * batchesPerEpoch + i}
     * @param batchesPerEpoch batches per epoch, >= 1
     */
    public abstract long sourceBatch(long t, int batchesPerEpoch);
}
