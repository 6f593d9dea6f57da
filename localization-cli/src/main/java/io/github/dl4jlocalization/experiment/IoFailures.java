package io.github.dl4jlocalization.experiment;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * The one line a user sees when writing a result file fails: the file and the operating system's
 * reason ("No space left on device"), found in the failure's cause chain. Libraries wrap the
 * reason (MapDB, inside DL4J's stats file, reports a full disk as {@code VolumeIOError: null}).
 */
public final class IoFailures {

    private IoFailures() {
    }

    /** {@code "<action> <file>: <reason>"}, the reason as {@link #reason} gives it. */
    public static String message(String action, Path file, Throwable failure) {
        return action + " " + file + ": " + reason(failure);
    }

    /**
     * The reason of the innermost {@link IOException} in {@code failure}'s causes (else of
     * {@code failure} itself): a file-system failure's own reason ("No space left on device",
     * "Not a directory", "permission denied") with the file it concerns, else the message, else
     * the type.
     */
    public static String reason(Throwable failure) {
        Throwable reason = failure;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException) {
                reason = t;
            }
        }
        if (reason instanceof FileSystemException f) {
            String why = f instanceof AccessDeniedException ? "permission denied"
                    : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
            return f.getFile() == null ? why : why + " (" + f.getFile() + ")";
        }
        return reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
    }
}
