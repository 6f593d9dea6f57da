package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class WorkspaceBatchesTest {

    /**
     * Batches t = 3..14 drawn into the cyclic workspace (which wraps around several times over 12
     * batches) equal those of an independent iterator with the same settings, bit for bit, while
     * each is still in use (the batch before it is compared again after the next is drawn).
     */
    @Test
    void batchesEqualTheIteratorsOwnWhileTheWorkspaceCycles() {
        DataModel model = RunConfig.builder().data(Map.of("length", 10)).build().dataModel();
        DataModelDataSetIterator reference = iterator(model);
        try (WorkspaceBatches batches = new WorkspaceBatches(iterator(model))) {
            DataSet previous = null;
            double[] previousFeatures = null;
            for (int t = 3; t < 15; t++) {
                DataSet expected = reference.next();
                DataSet got = batches.next();
                if (previous != null) {
                    assertArrayEquals(previousFeatures, previous.getFeatures().data().asDouble(),
                            "batch " + (t - 1) + " still valid after batch " + t + " was drawn");
                }
                assertArrayEquals(expected.getFeatures().data().asDouble(), got.getFeatures().data().asDouble(),
                        "features of batch " + t);
                assertArrayEquals(expected.getLabels().data().asDouble(), got.getLabels().data().asDouble(),
                        "labels of batch " + t);
                previous = got;
                previousFeatures = expected.getFeatures().data().asDouble();
            }
            assertFalse(batches.hasNext());
        }
    }

    private static DataModelDataSetIterator iterator(DataModel model) {
        return new DataModelDataSetIterator.Builder(model).batchSize(300).batchesPerEpoch(15).startBatch(3).seed(9)
                .build();
    }
}
