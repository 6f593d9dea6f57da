package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.EllipticalModel;
import io.github.dl4jlocalization.data.IsingModel;
import io.github.dl4jlocalization.data.KurModel;
import io.github.dl4jlocalization.data.NlgpCloneModel;
import io.github.dl4jlocalization.data.PulseModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each named iterator is the generic iterator over the model its parameters describe. */
class NamedIteratorsTest {

    private static void assertSameBatches(DataModelDataSetIterator named, DataModel model) {
        DataModelDataSetIterator generic = new DataModelDataSetIterator.Builder(model)
                .batchSize(named.batch()).seed(named.seed()).build();
        assertEquals(model.description(), named.model().description());
        for (int t = 0; t < 2; t++) {
            DataSet a = named.next();
            DataSet b = generic.next();
            assertEquals(b.getFeatures(), a.getFeatures());
            assertEquals(b.getLabels(), a.getLabels());
        }
    }

    private static DataModel configured(Map<String, ?> params) {
        return DataModelConfig.fromMap(params).build();
    }

    @Test
    void kurIteratorSetsExponentAndMarginal() {
        KurDataSetIterator it = new KurDataSetIterator.Builder().k(6.1).xi(1, 3).length(20)
                .batchSize(50).seed(3).build();
        assertInstanceOf(KurModel.class, it.model());
        assertSameBatches(it, configured(Map.of("model", "kur", "k", 6.1, "xi", "1,3", "length", 20)));
        KurDataSetIterator uniform = new KurDataSetIterator.Builder().marginal("uniform").batchSize(10).build();
        assertEquals(-1.2, uniform.model().marginalExcessKurtosis(0).getAsDouble(), 1e-12);
    }

    @Test
    void nlgpCloneIteratorClonesTheCovariance() {
        NlgpCloneDataSetIterator it = new NlgpCloneDataSetIterator.Builder().gain(10).batchSize(40).seed(1).build();
        assertInstanceOf(NlgpCloneModel.class, it.model());
        assertSameBatches(it, configured(Map.of("model", "nlgp-clone", "gain", 10)));
    }

    @Test
    void isingIteratorUsesCouplingsAndSweeps() {
        IsingDataSetIterator it = new IsingDataSetIterator.Builder().sampler(IsingModel.Sampler.METROPOLIS).sweeps(5)
                .length(16).batchSize(30).seed(2).build();
        assertInstanceOf(IsingModel.class, it.model());
        assertSameBatches(it, configured(Map.of("model", "ising", "sampler", "metropolis", "sweeps", 5, "length", 16)));
        IsingDataSetIterator exact = new IsingDataSetIterator.Builder().length(16).batchSize(30).seed(2).build();
        assertEquals(IsingModel.Sampler.EXACT, exact.model().sampler());
        assertSameBatches(exact, configured(Map.of("model", "ising", "length", 16)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IsingDataSetIterator.Builder().dim(2).build());
        assertTrue(e.getMessage().startsWith("dim must be"), e.getMessage());
    }

    @Test
    void ellipticalIteratorSetsRadialLaw() {
        EllipticalDataSetIterator it = new EllipticalDataSetIterator.Builder().radial("t").df(5)
                .batchSize(25).seed(4).build();
        assertInstanceOf(EllipticalModel.class, it.model());
        assertSameBatches(it, configured(Map.of("model", "elliptical", "radial", "t", "df", 5)));
    }

    @Test
    void pulseIteratorKeepsPulseDefaults() {
        PulseDataSetIterator it = new PulseDataSetIterator.Builder().batchSize(20).seed(5).build();
        assertInstanceOf(PulseModel.class, it.model());
        assertSameBatches(it, configured(Map.of("model", "pulse")));
        double[] x = new PulseDataSetIterator.Builder().batchSize(20).build().next().getFeatures().data().asDouble();
        for (double v : x) {
            assertTrue(v == 0 || v == 1, "default pulse support is (0, 1), got " + v);
        }
    }
}
