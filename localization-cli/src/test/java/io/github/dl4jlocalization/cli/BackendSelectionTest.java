package io.github.dl4jlocalization.cli;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * On a machine without a GPU driver, ND4J must select the CPU backend, also when the CUDA backend
 * is on the classpath next to it (run with {@code -Pcuda-fallback}, which sets
 * {@code localization.expectCudaBackendOnClasspath}).
 */
class BackendSelectionTest {

    @Test
    void cpuBackendIsSelectedWithoutGpuDriver() throws Exception {
        assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "a GPU driver is present: nothing to check");
        if (Boolean.getBoolean("localization.expectCudaBackendOnClasspath")) {
            // Guard against a vacuous pass: the CUDA backend class must really be there.
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend");
        }
        assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", Nd4j.getBackend().getClass().getName());
        assertTrue(Nd4j.create(new double[] {1, 2}).sumNumber().doubleValue() == 3.0);
    }
}
