package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.nn.Bias;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.NetworkSpec;
import io.github.dl4jlocalization.nn.Readout;
import io.github.dl4jlocalization.nn.ShallowNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunConfigTest {

    @Test
    void defaultsAreTheSingleNeuronSweepSetting() {
        RunConfig c = RunConfig.defaults();
        assertEquals(1, c.hidden());
        assertEquals(HiddenActivation.RELU, c.activation());
        assertEquals(Bias.none(), c.bias());
        assertEquals(Readout.FROZEN, c.readout());
        assertEquals(0.001, c.initScale());
        assertEquals(0.1, c.learningRate());
        assertEquals(5000, c.batch());
        assertEquals(10_000, c.steps());
        assertEquals(0, c.seed());
        NlgpModel model = (NlgpModel) c.dataModel();
        assertEquals(3, model.gain());
        assertEquals(0.3, model.xi().label0());
        assertEquals(0.7, model.xi().label1());
        assertEquals(40, model.dimension());
        ShallowNetwork net = c.network();
        assertEquals(40, net.inputDimension());
        assertEquals(c.networkSeed(), net.seed());
    }

    @Test
    void derivedSeedsAreDistinctAndDeterministic() {
        RunConfig c = RunConfig.builder().seed(7).build();
        assertEquals(3, Set.of(c.networkSeed(), c.dataSeed(), c.evalSeed()).size());
        assertEquals(c.dataSeed(), RunConfig.builder().seed(7).build().dataSeed());
        assertNotEquals(c.dataSeed(), RunConfig.builder().seed(8).build().dataSeed());
    }

    @Test
    void mapRoundTripKeepsEveryParameter() {
        RunConfig c = RunConfig.builder().data(Map.of("gain", 0.5, "xi", List.of(1.0, 3.0), "length", 30))
                .hidden(10).activation(HiddenActivation.SIGMOID).bias(Bias.fixed(-1)).readout(Readout.TRAINED)
                .initScale(0.1).learningRate(5).batch(1000).steps(300).seed(-3).recordEvery(20).checkpointEvery(0)
                .evalSize(500).build();
        Map<String, Object> m = c.toMap();
        assertEquals(RunConfig.KEYS, List.copyOf(m.keySet()));
        assertEquals("fixed:-1.0", m.get("bias"));
        assertEquals("sigmoid", m.get("activation"));
        assertEquals(c, RunConfig.fromMap(m));
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void jsonAndYamlConfigFilesRoundTrip(@TempDir Path dir) throws IOException {
        RunConfig c = RunConfig.builder().data(Map.of("gain", 10.0)).hidden(4).bias(Bias.trainable(0.25))
                .learningRate(0.05).steps(123).seed(99).build();
        Path json = dir.resolve("c.json");
        JsonFiles.write(json, c.toMap());
        assertEquals(c, RunConfig.fromMap(JsonFiles.readConfig(json)));

        Path yaml = dir.resolve("c.yaml");
        Files.writeString(yaml, """
                # a hand-written config: YAML numbers without a dot arrive as strings or integers
                data:
                  model: nlgp
                  gain: 10
                  xi: [0.3, 0.7]
                hidden: 4
                bias: trainable:0.25
                lr: 5e-2
                steps: 123
                seed: 99
                """);
        assertEquals(c, RunConfig.fromMap(JsonFiles.readConfig(yaml)));
    }

    @Test
    void unknownKeysAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunConfig.fromMap(Map.of("learningRate", 0.1)));
        assertTrue(e.getMessage().contains("'learningRate'") && e.getMessage().contains("lr"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RunConfig.fromMap(Map.of("data", Map.of("gian", 3))));
        assertTrue(e.getMessage().contains("'gian'"), e.getMessage());
    }

    @Test
    void provenanceOfConfigJsonIsIgnored() {
        Map<String, Object> m = new LinkedHashMap<>(RunConfig.defaults().toMap());
        m.put(RunConfig.VERSION_KEY, "1.2.3");
        m.put(RunConfig.BACKEND_KEY, "org.nd4j.linalg.cpu.nativecpu.CpuBackend");
        assertEquals(RunConfig.defaults(), RunConfig.fromMap(m));
    }

    @Test
    void invalidValuesNameTheParameterAndTheRange() {
        assertMessage("lr must be a finite number > 0, got -1.0", () -> RunConfig.builder().learningRate(-1).build());
        assertMessage("lr must be a finite number > 0, got NaN", () -> RunConfig.fromMap(Map.of("lr", "NaN")));
        assertMessage("batch must be an integer >= 1, got 0", () -> RunConfig.builder().batch(0).build());
        assertMessage("steps must be an integer >= 1, got 0", () -> RunConfig.builder().steps(0).build());
        assertMessage("hidden must be an integer >= 1, got -2", () -> RunConfig.fromMap(Map.of("hidden", -2)));
        assertMessage("initScale must be a finite number > 0, got 0.0", () -> RunConfig.builder().initScale(0).build());
        assertMessage("checkpointEvery must be an integer >= 0, got -1",
                () -> RunConfig.builder().checkpointEvery(-1).build());
        assertMessage("activation must be one of relu, sigmoid, tanh, erf, got 'softmax'",
                () -> RunConfig.fromMap(Map.of("activation", "softmax")));
        assertMessage("readout must be one of frozen, trained, got 'free'",
                () -> RunConfig.fromMap(Map.of("readout", "free")));
        assertMessage("bias must be none, trainable, trainable:INIT or fixed:VALUE (e.g. fixed:-1), got fixed",
                () -> RunConfig.fromMap(Map.of("bias", "fixed")));
        assertMessage("hidden must be an integer, got '2.5'", () -> RunConfig.fromMap(Map.of("hidden", 2.5)));
        assertMessage("gain must be a finite number > 0, got -3.0",
                () -> RunConfig.fromMap(Map.of("data", Map.of("gain", -3))));
        assertMessage("unknown model 'foo'; accepted: nlgp, nlgp-clone, kur, ising, elliptical, pulse",
                () -> RunConfig.fromMap(Map.of("data", Map.of("model", "foo"))));
        assertMessage("k must be a finite number > 2, got 2.0",
                () -> RunConfig.fromMap(Map.of("data", Map.of("model", "kur", "k", 2))));
    }

    @Test
    void biasSpecifications() {
        assertEquals(Bias.none(), NetworkSpec.BIAS.read("none"));
        assertEquals(Bias.trainable(0), NetworkSpec.BIAS.read("trainable"));
        assertEquals(Bias.trainable(0.5), NetworkSpec.BIAS.read("Trainable:0.5"));
        assertEquals(Bias.fixed(-1), NetworkSpec.BIAS.read("fixed:-1"));
        for (Bias b : List.of(Bias.none(), Bias.trainable(2), Bias.fixed(-1))) {
            assertEquals(b, NetworkSpec.BIAS.read(NetworkSpec.BIAS.write(b)));
        }
    }

    @Test
    void serialisableAsTheWorkUnitOfASweep() throws Exception {
        RunConfig c = RunConfig.builder().hidden(3).data(Map.of("gain", 0.7)).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            RunConfig back = (RunConfig) in.readObject();
            assertEquals(c, back);
            assertEquals(c.dataModel().description(), back.dataModel().description());
        }
    }

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }
}
