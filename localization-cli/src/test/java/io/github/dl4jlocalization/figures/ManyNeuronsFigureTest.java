package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.experiment.RunConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManyNeuronsFigureTest {
    @Test
    void panelsCarryTheNotebookSettings() {
        RunConfig scm = ManyNeuronsPanel.SCM_KUR4.settings().build();
        assertEquals(10, scm.hidden());
        assertEquals(100, scm.dataModel().dimension());
        assertEquals(100, scm.learningRate());
        assertEquals(0.1, scm.initScale());
        assertEquals("trainable:0.0", scm.toMap().get("bias"));
        assertEquals("frozen", scm.toMap().get("readout"));
        assertEquals(4.0, ((Map<?, ?>) scm.toMap().get("data")).get("k"));
        RunConfig mlp = ManyNeuronsPanel.MLP_KUR30.settings().build();
        assertEquals(100, mlp.hidden());
        assertEquals(200, mlp.batch());
        assertEquals("trained", mlp.toMap().get("readout"));
    }

    @Test
    void parsesPanelNamesAndRejectsUnknownOrRepeatedOnes() {
        assertEquals(List.of(ManyNeuronsPanel.SCM_KUR4, ManyNeuronsPanel.MLP_NLGP100),
                ManyNeuronsPanel.parse(List.of("scm-kur4", "MLP-NLGP100")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ManyNeuronsPanel.parse(List.of("scm-kur5")));
        assertTrue(e.getMessage().contains("scm-kur5") && e.getMessage().contains("scm-kur10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ManyNeuronsPanel.parse(List.of("scm-kur4", "scm-kur4")));
    }

    @Test
    void claim8HoldsOnlyWhenKur10AndKur30LocalizeAndKur4DoesNot() {
        assertTrue(ManyNeuronsFigure.claim8(fractions(0.9, 0.5, 0.1)).startsWith("holds"));
        assertTrue(ManyNeuronsFigure.claim8(fractions(0.9, 0.4, 0.1)).startsWith("does not hold"));
        assertTrue(ManyNeuronsFigure.claim8(fractions(0.9, 0.9, 0.5)).startsWith("does not hold"));
        assertTrue(ManyNeuronsFigure.claim8(Map.of(ManyNeuronsPanel.SCM_KUR10, 1.0)).startsWith("not checked"));
    }

    private static Map<ManyNeuronsPanel, Double> fractions(double kur10, double kur30, double kur4) {
        return Map.of(ManyNeuronsPanel.SCM_KUR10, kur10, ManyNeuronsPanel.SCM_KUR30, kur30,
                ManyNeuronsPanel.SCM_KUR4, kur4);
    }
}
