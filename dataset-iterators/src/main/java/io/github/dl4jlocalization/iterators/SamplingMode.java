package io.github.dl4jlocalization.iterators;

/**
 * How a {@link DataModelDataSetIterator} maps its global batch counter {@code t} to the batch of
 * the {@link io.github.dl4jlocalization.data.BatchSampler} it hands out.
 */
public enum SamplingMode {
    /**
     * Online learning, the regime of the papers: global batch {@code t} is sampler batch
     * {@code t}, so every step of every epoch sees fresh samples and nothing is ever reused.
     */
    ONLINE {
        @Override
        public long sourceBatch(long t, int batchesPerEpoch) {
            return t;
        }
    },
    /**
     * A finite training set of {@code batchesPerEpoch * batchSize} samples: global batch {@code t}
     * is sampler batch {@code t mod batchesPerEpoch}, so every epoch hands out the same batches in
     * the same order.
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
