package io.github.dl4jlocalization.experiment;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one line a user sees when writing a result file fails: the file and the operating system's
 * reason ("No space left on device"), found in the failure's cause chain. Libraries wrap the
 * reason (MapDB, inside DL4J's stats file, reports a full disk as {@code VolumeIOError: null}).
 */
public final class IoFailures {

    private IoFailures() {
    }

    /**
     * {@code "<action> <file>: <reason>"}, the reason being the message of the innermost
     * {@link IOException} in {@code failure}'s causes, else of {@code failure} itself, else its
     * type.
     */
    public static String message(String action, Path file, Throwable failure) {
        Throwable reason = failure;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException) {
                reason = t;
            }
        }
        String text = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        return action + " " + file + ": " + text;
    }
}
