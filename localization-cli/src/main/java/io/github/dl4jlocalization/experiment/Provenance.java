package io.github.dl4jlocalization.experiment;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Where a result came from: project version, ND4J backend, and the process's memory use. */
public final class Provenance {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private Provenance() {
    }

    /** The project version from the jar manifest, or "dev" when not running from the packaged jar. */
    public static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The class name of the ND4J backend in use, e.g. {@code org.nd4j.linalg.cpu.nativecpu.CpuBackend}. */
    public static String backend() {
        return Nd4j.getBackend().getClass().getName();
    }

    /**
     * The peak resident set size of this process in bytes ({@code VmHWM} of
     * {@code /proc/self/status}, Linux), empty where it is not available. It counts the JVM heap
     * and ND4J's off-heap buffers alike.
     */
    public static OptionalLong peakResidentBytes() {
        return statusKilobytes("VmHWM:");
    }

    /** The current resident set size of this process in bytes ({@code VmRSS}), where available. */
    public static OptionalLong residentBytes() {
        return statusKilobytes("VmRSS:");
    }

    private static OptionalLong statusKilobytes(String field) {
        if (!Files.isReadable(PROC_STATUS)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
