package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.config.Parameter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataModelConfigTest {

    /** Configurations of equal data share one model (a sweep's units over seeds); other data builds its own. */
    @Test
    void equalDataShareOneModel() {
        DataModelConfig a = DataModelConfig.fromMap(Map.of("model", "nlgp", "gain", 5, "length", 16));
        DataModelConfig b = DataModelConfig.fromMap(Map.of("model", "nlgp", "length", 16, "gain", 5.0));
        DataModelConfig c = DataModelConfig.fromMap(Map.of("model", "nlgp", "gain", 5, "length", 17));
        org.junit.jupiter.api.Assertions.assertSame(a.build(), b.build());
        org.junit.jupiter.api.Assertions.assertNotSame(a.build(), c.build());
    }


    @Test
    void defaultsAreTheReferenceSweep() {
        DataModelConfig c = DataModelConfig.defaults();
        assertEquals("nlgp", c.model());
        assertEquals(3, c.gain());
        assertEquals(new ClassPair(0.3, 0.7), c.xi());
        assertEquals(40, c.length());
        assertEquals(1, c.dim());
        assertEquals(Support.SYMMETRIC, c.support());
        assertEquals(5, c.k());
        assertEquals("algebraic", c.marginal());
        assertEquals(50, c.sweeps());
        assertEquals(3, c.df());
        assertEquals("extreme", c.radial());
        assertEquals(0.05, c.pulseSpread());
        NlgpModel model = assertInstanceOf(NlgpModel.class, c.build());
        assertEquals(3, model.gain());
        assertSame(model, c.build());
    }

    @Test
    void pulseHasItsOwnDefaults() {
        DataModelConfig c = DataModelConfig.builder().model("pulse").build();
        assertEquals(PulseModel.DEFAULT_FRACTIONS, c.xi());
        assertEquals(Support.UNIT, c.support());
        PulseModel pulse = assertInstanceOf(PulseModel.class, c.build());
        assertEquals(3, pulse.shortestPulse(0));
    }

    @Test
    void buildsEveryModel() {
        Map<String, Class<?>> expected = Map.of("nlgp", NlgpModel.class, "nlgp-clone", NlgpCloneModel.class,
                "kur", KurModel.class, "ising", IsingModel.class, "elliptical", EllipticalModel.class,
                "pulse", PulseModel.class);
        for (String name : DataModelConfig.MODELS) {
            DataModel m = DataModelConfig.builder().model(name).length(20).build().build();
            assertInstanceOf(expected.get(name), m);
            assertEquals(name, m.name());
            assertEquals(20, m.dimension());
        }
        KurModel kur = (KurModel) DataModelConfig.builder().model("kur").marginal("laplace").dim(2).length(8)
                .build().build();
        assertEquals(Marginal.laplace(), kur.marginal());
        assertEquals(64, kur.dimension());
        EllipticalModel t = (EllipticalModel) DataModelConfig.builder().model("elliptical").radial("t").df(5)
                .build().build();
        assertEquals(RadialLaw.studentT(5), t.radial());
        IsingModel ising = (IsingModel) DataModelConfig.builder().model("ising").sweeps(7).build().build();
        assertEquals(7, ising.sweeps());
        assertEquals(IsingModel.Sampler.EXACT, ising.sampler(), "the exact sampler by default");
        IsingModel metropolis = (IsingModel) DataModelConfig.fromMap(Map.of("model", "ising", "sampler", "metropolis"))
                .build();
        assertEquals(IsingModel.Sampler.METROPOLIS, metropolis.sampler());
    }

    @Test
    void mapHoldsOnlyRelevantParameters() {
        assertEquals(List.of("model", "xi", "length", "dim", "gain", "support"),
                List.copyOf(DataModelConfig.defaults().toMap().keySet()));
        assertEquals(List.of("model", "xi", "length", "dim", "marginal", "k", "support"),
                keys(DataModelConfig.builder().model("kur")));
        assertEquals(List.of("model", "xi", "length", "dim", "marginal", "support"),
                keys(DataModelConfig.builder().model("kur").marginal("binary")));
        assertEquals(List.of("model", "xi", "length", "dim", "sampler", "support"),
                keys(DataModelConfig.builder().model("ising")));
        assertEquals(List.of("model", "xi", "length", "dim", "sampler", "sweeps", "support"),
                keys(DataModelConfig.builder().model("ising").sampler("metropolis")));
        assertEquals(List.of("model", "xi", "length", "dim", "radial", "support"),
                keys(DataModelConfig.builder().model("elliptical")));
        assertEquals(List.of("model", "xi", "length", "dim", "radial", "df", "support"),
                keys(DataModelConfig.builder().model("elliptical").radial("t")));
        assertEquals(List.of("model", "xi", "length", "dim", "pulseSpread", "support"),
                keys(DataModelConfig.builder().model("pulse")));
        Map<String, Object> m = DataModelConfig.defaults().toMap();
        assertEquals(List.of(0.3, 0.7), m.get("xi"));
        assertEquals(List.of(-1.0, 1.0), m.get("support"));
    }

    private static List<String> keys(DataModelConfig.Builder b) {
        return List.copyOf(b.build().toMap().keySet());
    }

    @Test
    void mapRoundTripsAndAcceptsConfigFileValues() {
        for (String name : DataModelConfig.MODELS) {
            DataModelConfig c = DataModelConfig.builder().model(name).length(24).build();
            assertEquals(c, DataModelConfig.fromMap(c.toMap()));
            assertEquals(c.hashCode(), DataModelConfig.fromMap(c.toMap()).hashCode());
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("model", "kur");
        file.put("k", 7);
        file.put("xi", "1, 3");
        file.put("length", 30.0);
        file.put("support", List.of(0, 1));
        DataModelConfig c = DataModelConfig.fromMap(file);
        assertEquals(7, c.k());
        assertEquals(new ClassPair(1, 3), c.xi());
        assertEquals(30, c.length());
        assertEquals(Support.UNIT, c.support());
        assertEquals(DataModelConfig.builder().model("kur").k(7).xi(new ClassPair(1, 3)).length(30)
                .support(Support.UNIT).build(), c);
        assertNotEquals(DataModelConfig.defaults(), c);
    }

    @Test
    void rejectsUnknownAndInapplicableParameters() {
        assertEquals("unknown model 'foo'; accepted: nlgp, nlgp-clone, kur, ising, elliptical, pulse",
                message(() -> DataModelConfig.builder().model("foo").build()));
        assertEquals("unknown data-model parameter 'gian'; accepted: model, xi, length, dim, gain, marginal, k, "
                + "sampler, sweeps, radial, df, pulseSpread, support", message(() -> DataModelConfig.fromMap(Map.of("gian", 3))));
        assertEquals("dim must be 1 for model 'ising' (a 1-D ring), got 2",
                message(() -> DataModelConfig.builder().model("ising").dim(2).build()));
        assertEquals("dim must be 1 for model 'pulse' (a 1-D ring), got 2",
                message(() -> DataModelConfig.builder().model("pulse").dim(2).build()));
        assertEquals("length must be an integer, got '40.5'", message(() -> DataModelConfig.fromMap(Map.of("length", 40.5))));
        assertEquals("gain must be a number, got 'big'", message(() -> DataModelConfig.fromMap(Map.of("gain", "big"))));
        assertEquals("xi must be two numbers [a, b], got [1]", message(() -> DataModelConfig.fromMap(Map.of("xi", List.of(1)))));
        assertEquals("unknown marginal 'cauchy'; accepted: algebraic, gaussian, uniform, laplace, binary",
                message(() -> DataModelConfig.builder().model("kur").marginal("cauchy").build()));
        assertEquals("unknown radial law 'cauchy'; accepted: shell, extreme, t",
                message(() -> DataModelConfig.builder().radial("cauchy").build()));
        // a parameter the chosen model does not use is still validated
        assertEquals("sweeps must be an integer >= 1, got 0", message(() -> DataModelConfig.builder().sweeps(0).build()));
        assertEquals("unknown sampler 'gibbs'; accepted: exact, metropolis",
                message(() -> DataModelConfig.builder().sampler("gibbs").build()));
        // model-specific constraints surface when the config is built
        assertEquals("length must be an integer >= 3, got 2",
                message(() -> DataModelConfig.builder().model("ising").length(2).build()));
    }

    private static String message(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    /** Adding a model is its class and its line in the registry: names, keys and checks follow. */
    @Test
    void theRegistryKnowsEachModelByItsTypeOnly() {
        assertEquals(List.of("nlgp", "nlgp-clone", "kur", "ising", "elliptical", "pulse"), DataModelConfig.MODELS);
        for (DataModelType t : DataModelConfig.types()) {
            assertSame(t, DataModelConfig.typeOf(t.name()));
            DataModelConfig c = DataModelConfig.builder().model(t.name()).length(12).build();
            assertSame(t, c.type());
            assertEquals(t.name(), c.build().name(), "a model's name is its type's");
            for (Parameter<?> p : t.parameters()) {
                assertTrue(DataModelConfig.PARAMETERS.contains(p), p.name());
                assertTrue(DataModelConfig.KEYS.contains(p.name()), p.name());
            }
            // every model states its class-1 marginal for the effective dynamics
            assertTrue(c.build().classOneMarginal().isPresent(), t.name());
        }
        assertSame(NlgpModel.GAIN, DataModelConfig.PARAMETERS.find("gain").orElseThrow());
        assertEquals(List.of(NlgpModel.GAIN), NlgpCloneModel.TYPE.parameters(), "the clone shares NLGP's gain");
    }

    @Test
    void typedParametersAreTheKeysOfConfigFiles() {
        DataModelConfig c = DataModelConfig.builder().set(DataModelConfig.MODEL, "ising").set(IsingModel.SWEEPS, 7)
                .set(DataModelType.XI, new ClassPair(0.2, 0.4)).build();
        assertEquals(7, c.get(IsingModel.SWEEPS));
        assertEquals(c, DataModelConfig.fromMap(Map.of("model", "ising", "sweeps", 7, "xi", List.of(0.2, 0.4))));
    }

    @Test
    void serialisesAndRebuilds() throws Exception {
        DataModelConfig c = DataModelConfig.builder().model("elliptical").radial("t").df(4.5).length(12).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        DataModelConfig back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (DataModelConfig) in.readObject();
        }
        assertEquals(c, back);
        assertEquals(c.build().description(), back.build().description());
        assertEquals(c.toString(), back.toString());
        // values the model does not use travel too (a sweep unit may change the model later)
        DataModelConfig kur = DataModelConfig.builder().gain(7).model("kur").build();
        ByteArrayOutputStream kurBytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(kurBytes)) {
            out.writeObject(kur);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(kurBytes.toByteArray()))) {
            assertEquals(7, ((DataModelConfig) in.readObject()).gain());
        }
    }
}
