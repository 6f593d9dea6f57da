package io.github.dl4jlocalization.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Base of the command tests: captures what a command prints on standard output and error. */
abstract class ConsoleCapture {
    /** What the command printed on standard output. */
    protected final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** What the command printed on standard error. */
    protected final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    /** Standard error so far. */
    protected String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Standard output so far. */
    protected String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
