package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every model survives Java serialisation (e.g. to Spark executors) and samples identically after it. */
class ModelSerializationTest {

    @Test
    void everyModelSamplesIdenticallyAfterSerialisation() throws Exception {
        ClassPair xi = new ClassPair(1, 3);
        DataModel[] models = {
            new NlgpModel(3, xi, 12, 2, Support.UNIT),
            new NlgpCloneModel(3, xi, 12, 1, Support.SYMMETRIC),
            new KurModel(Marginal.algebraic(5), xi, 12, 1, Support.SYMMETRIC),
            new KurModel(Marginal.laplace(), xi, 12, 1, Support.SYMMETRIC),
            new KurModel(Marginal.binary(), xi, 12, 1, Support.SYMMETRIC),
            new IsingModel(new ClassPair(0.3, 0.7), 12),
            new EllipticalModel(RadialLaw.studentT(3), xi, 12, 1, Support.SYMMETRIC),
            new EllipticalModel(RadialLaw.extreme(), xi, 12, 1, Support.SYMMETRIC),
            new PulseModel(40)};
        for (DataModel model : models) {
            DataModel copy = roundTrip(model);
            assertEquals(model.description(), copy.description());
            for (int label = 0; label < 2; label++) {
                assertArrayEquals(SampleStatistics.draw(model, label, 20, 7), SampleStatistics.draw(copy, label, 20, 7),
                        model.description());
                assertEquals(model.covariance(label), copy.covariance(label));
            }
        }
    }

    private static DataModel roundTrip(DataModel model) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (DataModel) in.readObject();
        }
    }
}
