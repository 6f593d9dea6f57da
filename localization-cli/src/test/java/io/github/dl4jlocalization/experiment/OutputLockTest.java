package io.github.dl4jlocalization.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OutputLock}: one writer per directory, across processes, released by a kill. */
class OutputLockTest {
    @TempDir
    Path dir;

    /** A child JVM that takes the lock of {@code args[0]} for kind {@code args[1]}, says "locked" and waits. */
    public static final class Holder {
        @SuppressWarnings("try")   // the resource is held for the block, not used in it
        public static void main(String[] args) throws IOException {
            try (OutputLock lock = OutputLock.acquire("--out", Path.of(args[0]), args[1])) {
                System.out.println("locked");
                System.out.flush();
                System.in.read();   // until the parent closes stdin or kills this process
            }
        }
    }

    private static Process holder(Path out, String kind) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                out.toString(), kind).redirectErrorStream(true).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", in.readLine(), "the child took the lock");
        return p;
    }

    @Test
    void aSecondWriterInAnotherProcessIsRefusedAndAKillReleasesTheLock() throws Exception {
        Path out = dir.resolve("run");
        Process child = holder(out, OutputLock.RUN);
        try {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> OutputLock.acquire("--out", out, OutputLock.RUN)).getMessage();
            assertEquals("--out " + out + " is being written by another localization command (run); wait for it to "
                    + "end or choose another directory", m);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        // killed: the operating system released its lock, so a resume can take the directory
        try (OutputLock lock = OutputLock.acquire("--resume", out, OutputLock.RUN)) {
            assertEquals(out, lock.dir());
        }
        assertEquals(List.of(OutputLock.FILE), Files.list(out).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    void aSecondWriterInThisProcessIsRefused() {
        Path out = dir.resolve("sweep");
        try (OutputLock lock = OutputLock.acquire("--out", out, OutputLock.SWEEP)) {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> OutputLock.acquire("--out", out, OutputLock.SWEEP)).getMessage();
            assertTrue(m.contains("is being written by another localization command (sweep)"), m);
        }
    }

    @Test
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    void aDirectoryOfAnotherKindIsRefusedAndTheSameKindTakenAgain() throws IOException {
        Path out = Files.createDirectories(dir.resolve("run"));
        Files.writeString(out.resolve(RunDirectory.SUMMARY), "{}");
        try (OutputLock lock = OutputLock.acquire("--out", out, OutputLock.RUN)) {
            assertEquals(out, lock.dir());
        }
        String m = assertThrows(IllegalArgumentException.class,
                () -> OutputLock.acquire("--out", out, OutputLock.PRUNE)).getMessage();
        assertEquals("--out " + out + " holds the results of 'run', not of 'prune': choose another directory", m);
        try (OutputLock again = OutputLock.acquire("--out", out, OutputLock.RUN)) {
            assertEquals("run\n", Files.readString(out.resolve(OutputLock.FILE)));
        }
    }

    @Test
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    void aBlankDirectoryIsRefusedAndAnUnusedNewOneRemoved() {
        for (String blank : List.of("", " ")) {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> OutputLock.acquire("--out", Path.of(blank), OutputLock.RUN)).getMessage();
            assertEquals("--out must be a directory path, got ''", m);
        }
        Path fresh = dir.resolve("a/b");
        try (OutputLock lock = OutputLock.acquire("--out", fresh, OutputLock.THEORY)) {
            assertTrue(Files.isRegularFile(fresh.resolve(OutputLock.FILE)));
        }
        assertFalse(Files.exists(fresh), "created here, nothing written: removed");
    }
}
