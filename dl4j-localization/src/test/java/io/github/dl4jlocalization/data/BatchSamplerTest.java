package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSamplerTest {

    /**
     * Labels are Bernoulli(1/2): over n = 100,000 labels the count of ones is Binomial(n, 1/2),
     * standard deviation sqrt(n)/2 = 158; tolerance 5 SD. Every row is a sample of its own label:
     * the default pulses have minority runs of 3-4 sites (label 0) or 9-10 (label 1).
     */
    @Test
    void labelsAreBalancedAndRowsMatchTheirLabels() {
        PulseModel pulse = new PulseModel(40);
        BatchSampler sampler = new BatchSampler(pulse, 7);
        int batches = 200;
        int size = 500;
        long ones = 0;
        for (int t = 0; t < batches; t++) {
            LabelledBatch batch = sampler.sample(t, size);
            for (int n = 0; n < size; n++) {
                int label = batch.labels()[n];
                ones += label;
                int high = 0;
                for (int i = 0; i < 40; i++) {
                    high += (int) batch.features()[n * 40 + i];
                }
                int run = Math.min(high, 40 - high);
                assertTrue(run >= pulse.shortestPulse(label) && run <= pulse.longestPulse(label),
                        "row " + n + " of batch " + t + " (label " + label + ") has run " + run);
            }
        }
        double total = batches * size;
        assertEquals(total / 2, ones, 5 * Math.sqrt(total) / 2);
    }

    @Test
    void batchesArePureFunctionsOfSeedAndIndex() {
        BatchSampler sampler = new BatchSampler(new KurModel(5, DataModelConfig.DEFAULT_XI, 40), 11);
        LabelledBatch a = sampler.sample(3, 64);
        LabelledBatch b = sampler.sample(3, 64);
        assertArrayEquals(a.features(), b.features());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(java.util.Arrays.equals(a.features(), sampler.sample(4, 64).features()));
    }
}
