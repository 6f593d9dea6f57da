package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TrainingStreamTest {

    /**
     * Batches t = 3..14 from both streams equal the iterator's own, bit for bit, whether drawn into
     * the synchronous stream's cyclic workspace (which wraps around several times over 12 batches)
     * or on the prefetch thread.
     */
    @Test
    void batchesAreTheIteratorsWithOrWithoutPrefetching() {
        DataModel model = RunConfig.builder().data(Map.of("length", 10)).build().dataModel();
        DataModelDataSetIterator reference = new DataModelDataSetIterator.Builder(model).batchSize(300)
                .batchesPerEpoch(15).startBatch(3).seed(9).build();
        try (TrainingStream sync = new TrainingStream(model, 9, 300, 3, 15, false);
             TrainingStream prefetched = new TrainingStream(model, 9, 300, 3, 15, true)) {
            for (int t = 3; t < 15; t++) {
                DataSet expected = reference.next();
                DataSet a = sync.next();
                DataSet b = prefetched.next();
                for (DataSet got : new DataSet[] {a, b}) {
                    assertArrayEquals(expected.getFeatures().data().asDouble(), got.getFeatures().data().asDouble(),
                            "features of batch " + t);
                    assertArrayEquals(expected.getLabels().data().asDouble(), got.getLabels().data().asDouble(),
                            "labels of batch " + t);
                }
            }
            assertFalse(reference.hasNext());
        }
    }
}
