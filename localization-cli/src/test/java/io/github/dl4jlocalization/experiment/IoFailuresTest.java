package io.github.dl4jlocalization.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * I/O failures name the file and the operating system's reason ({@link IoFailures}). A full disk
 * cannot be made here (no tmpfs can be mounted), so the failure is injected: the exception a full
 * disk raises, wrapped as MapDB (inside DL4J's stats file) wraps it, which printed "VolumeIOError: null".
 */
class IoFailuresTest {

    /** A temporary file a killed writer left is removed by the next write of the same target; others stay. */
    @Test
    void aKilledWritersTemporaryFileIsRemovedByTheNextWrite(@TempDir Path dir) throws IOException {
        Path left = Files.writeString(dir.resolve(".s.csv.tmp"), "partial rows of a killed sample");
        Path other = Files.writeString(dir.resolve(".t.csv.tmp"), "another target's");
        AtomicFiles.write(dir.resolve("s.csv"), out -> out.write("1,0\n"));
        assertEquals("1,0\n", Files.readString(dir.resolve("s.csv")));
        assertEquals(false, Files.exists(left));
        assertEquals(true, Files.exists(other));
    }

    @Test
    void anIoErrorNamesTheFileAndTheOperatingSystemsReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.csv");
        IOException full = new FileSystemException(null, null, "No space left on device");
        RuntimeException mapdb = new RuntimeException(null, full) {
            @Override
            public String toString() {
                return "VolumeIOError: null";
            }
        };
        assertEquals("could not write " + file + ": No space left on device",
                IoFailures.message("could not write", file, mapdb));
        assertEquals("could not write " + file + ": IllegalStateException",
                IoFailures.message("could not write", file, new IllegalStateException()));
        Path target = dir.resolve("x.txt");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            throw full;
        }));
        assertEquals("could not write " + target + ": No space left on device", e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no temporary file left");
        }
    }
}
