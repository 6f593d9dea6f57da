package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.DeepFieldNetwork;
import io.github.dl4jlocalization.experiment.DeepFieldNetwork.Architecture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code deep-fields} unit kind's settings, through grid maps (its training: FigureDeepFieldsCommandTest). */
class DeepFieldsTaskTest {

    @Test
    void settingsRoundTripWithTheDeclaredDefaults() {
        DeepFieldsTask fcn = (DeepFieldsTask) UnitTasks.fromMap(Map.of("kind", "deep-fields", "architecture", "fcn"));
        assertEquals(new DeepFieldsTask(new DeepFieldNetwork(Architecture.FCN, 8, 7, 40)), fcn);
        DeepFieldsTask cnn = (DeepFieldsTask) UnitTasks.fromMap(Map.of("kind", "deep-fields", "architecture", "cnn2d",
                "channels", 3, "kernel", "5", "width", 9));
        assertEquals(new DeepFieldsTask(new DeepFieldNetwork(Architecture.CNN2D, 3, 5, 9)), cnn);
        assertEquals(Map.of("architecture", "cnn2d", "channels", 3, "kernel", 5, "width", 9), cnn.settings());
        assertEquals(cnn, UnitTasks.fromMap(cnn.toMap()));
    }

    @Test
    void badSettingsAreNamed() {
        assertMessage("architecture", Map.of("kind", "deep-fields"));
        assertMessage("architecture must be one of cnn1d, cnn2d, fcn, got 'mlp'",
                Map.of("kind", "deep-fields", "architecture", "mlp"));
        assertMessage("kernel", Map.of("kind", "deep-fields", "architecture", "cnn1d", "kernel", 0));
        assertMessage("width", Map.of("kind", "deep-fields", "architecture", "fcn", "width", -1));
        assertMessage("task setting must be one of architecture, channels, kernel, width for kind deep-fields",
                Map.of("kind", "deep-fields", "architecture", "fcn", "hidden", 4));
    }

    private static void assertMessage(String expected, Map<String, Object> grid) {
        String message = assertThrows(IllegalArgumentException.class, () -> UnitTasks.fromMap(grid)).getMessage();
        assertTrue(message.contains(expected), message);
    }
}
