package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.data.Support;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NlgpDataSetIteratorTest {

    @Test
    void builderMakesTheNamedModelAndKeepsEveryIterationOption() {
        NlgpDataSetIterator it = new NlgpDataSetIterator.Builder()
                .gain(3).xi(0.3, 0.7).length(40)
                .batchSize(50).batchesPerEpoch(3).seed(1).dataType(DataType.FLOAT)
                .labelFormat(LabelFormat.ONE_HOT).mode(SamplingMode.FIXED)
                .build();
        NlgpModel model = it.model();
        assertEquals(3, model.gain());
        assertEquals(new ClassPair(0.3, 0.7), model.xi());
        assertEquals(40, it.inputColumns());
        assertEquals(50, it.batch());
        assertEquals(3, it.batchesPerEpoch());
        assertEquals(1, it.seed());
        assertEquals(DataType.FLOAT, it.dataType());
        assertEquals(LabelFormat.ONE_HOT, it.labelFormat());
        assertEquals(SamplingMode.FIXED, it.mode());
    }

    @Test
    void equalsTheGenericIteratorOverTheSameModel() {
        NlgpDataSetIterator named = new NlgpDataSetIterator.Builder()
                .gain(100).xi(1, 2).length(6).dim(2).support(0, 1)
                .batchSize(20).batchesPerEpoch(2).seed(5).build();
        DataModelDataSetIterator generic = new DataModelDataSetIterator.Builder(
                new NlgpModel(100, new ClassPair(1, 2), 6, 2, new Support(0, 1)))
                .batchSize(20).batchesPerEpoch(2).seed(5).build();
        assertEquals(36, named.inputColumns());
        while (generic.hasNext()) {
            DataSet a = generic.next();
            DataSet b = named.next();
            assertArrayEquals(DataModelDataSetIteratorTest.flat(a.getFeatures()),
                    DataModelDataSetIteratorTest.flat(b.getFeatures()));
            assertArrayEquals(DataModelDataSetIteratorTest.flat(a.getLabels()),
                    DataModelDataSetIteratorTest.flat(b.getLabels()));
        }
        assertEquals(generic.hasNext(), named.hasNext());
    }

    @Test
    void invalidModelParametersNameTheParameter() {
        assertEquals("gain must be a finite number > 0, got -1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> new NlgpDataSetIterator.Builder().gain(-1).build()).getMessage());
        assertEquals("length must be an integer >= 2, got 1",
                assertThrows(IllegalArgumentException.class,
                        () -> new NlgpDataSetIterator.Builder().length(1).build()).getMessage());
        assertEquals("dim must be an integer in [1, 2], got 3",
                assertThrows(IllegalArgumentException.class,
                        () -> new NlgpDataSetIterator.Builder().dim(3).build()).getMessage());
        assertEquals("xi[1] (class 1) must be a finite number > 0, got 0.0",
                assertThrows(IllegalArgumentException.class,
                        () -> new NlgpDataSetIterator.Builder().xi(1, 0)).getMessage());
        assertEquals("batchSize must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> new NlgpDataSetIterator.Builder().batchSize(0).build()).getMessage());
    }
}
