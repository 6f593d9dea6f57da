package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches are pure functions of (seed, index), with iid labels and rows of their label's class. */
class BatchSamplerTest {

    /**
     * A model whose row holds its class and a random tag, so every row's origin can be checked;
     * D = 2 makes a batch of 40 000 rows span several of the sampler's chunks.
     */
    private static final class TaggingModel implements DataModel {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "tagging";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public void sample(int label, int count, double[] out, int row, RandomGenerator random) {
            for (int r = row; r < row + count; r++) {
                out[2 * r] = label;
                out[2 * r + 1] = random.nextLong();
            }
        }

        @Override
        public Optional<StationaryCovariance> covariance(int label) {
            return Optional.empty();
        }

        @Override
        public OptionalDouble marginalExcessKurtosis(int label) {
            return OptionalDouble.empty();
        }

        @Override
        public String description() {
            return "tagging";
        }
    }

    /**
     * Every row carries its label's class and a distinct tag (no row lost or duplicated by the
     * placement), and the fraction of ones is 1/2 within 5 standard errors {@code 0.5/sqrt(n)}.
     */
    @Test
    void rowsCarryTheirLabelsClass() {
        int size = 40_000;
        LabelledBatch batch = new BatchSampler(new TaggingModel(), 9).sample(3, size);
        Set<Double> tags = new HashSet<>();
        int ones = 0;
        for (int n = 0; n < size; n++) {
            assertEquals(batch.labels()[n], batch.features()[2 * n], "row " + n);
            tags.add(batch.features()[2 * n + 1]);
            ones += batch.labels()[n];
        }
        assertEquals(size, tags.size(), "distinct rows");
        assertEquals(0.5, ones / (double) size, 5 * 0.5 / Math.sqrt(size));
    }

    /** Same (seed, index): same batch, on any thread and whatever this thread sampled before. */
    @Test
    void batchesArePureFunctionsOfSeedAndIndex() throws Exception {
        BatchSampler sampler = new BatchSampler(new NlgpModel(3, new ClassPair(0.3, 0.7), 40), 11);
        LabelledBatch first = sampler.sample(5, 3000);
        LabelledBatch other = CompletableFuture.supplyAsync(() -> sampler.sample(5, 3000)).get();
        assertArrayEquals(first.labels(), other.labels());
        assertArrayEquals(first.features(), other.features(), "another thread");
        new BatchSampler(new NlgpModel(3, new ClassPair(1, 2), 6, 2, Support.SYMMETRIC), 11).sample(5, 7000);
        assertArrayEquals(first.features(), sampler.sample(5, 3000).features(), "after other shapes");
        assertFalse(Arrays.equals(first.labels(), sampler.sample(6, 3000).labels()), "next index");
        assertFalse(Arrays.equals(first.features(),
                new BatchSampler(sampler.model(), 12).sample(5, 3000).features()), "next seed");
    }

    /**
     * The rows of each class of an NLGP batch have that class's exact covariance. Values are
     * bounded by {@code 1/Z(g)}, so {@code Var(x_i x_j) <= 1/Z^4} and the per-entry tolerance is
     * 5 of these bounding standard errors {@code sqrt(1/(Z^4 n_c))}.
     */
    @Test
    void eachClassHasItsCovariance() {
        NlgpModel model = new NlgpModel(3, new ClassPair(1, 2), 8);
        int size = 20_000;
        LabelledBatch batch = new BatchSampler(model, 5).sample(0, size);
        double z = NlgpModel.normalizer(3);
        for (int label = 0; label <= 1; label++) {
            StationaryCovariance exact = model.covariance(label).orElseThrow();
            double[] sums = new double[64];
            int rows = 0;
            for (int n = 0; n < size; n++) {
                if (batch.labels()[n] != label) {
                    continue;
                }
                rows++;
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        sums[i * 8 + j] += batch.features()[n * 8 + i] * batch.features()[n * 8 + j];
                    }
                }
            }
            double tolerance = 5 * Math.sqrt(1 / (z * z * z * z * rows));
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 8; j++) {
                    assertEquals(exact.get(i, j), sums[i * 8 + j] / rows, tolerance,
                            "class " + label + " C(" + i + "," + j + ")");
                }
            }
        }
    }

    @Test
    void singleRowAndValidation() {
        BatchSampler sampler = new BatchSampler(new TaggingModel(), 1);
        LabelledBatch one = sampler.sample(0, 1);
        assertEquals(one.labels()[0], one.features()[0]);
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> sampler.sampleInto(0, new double[3], new int[2]));
        assertTrue(tooShort.getMessage().contains("features length"), tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sampler.sampleInto(0, new double[0], new int[0]));
    }

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
}
