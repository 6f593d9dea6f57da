package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a sweep: a resolved {@link RunConfig}, what to do with it ({@link UnitTask}: train,
 * compare with theory, ...) and the axis values that produced it. It is the unit a
 * {@link SweepEngine} ships to a worker (a thread here, a Spark executor elsewhere): plain
 * serialisable data, and {@link #execute} is a pure function of it that never throws.
 *
 * <p>The id is stable across processes and machines: the readable axis values (file-name safe,
 * shortened to {@value #READABLE_CHARS} characters) and the first 8 hex digits of the SHA-256 of
 * the resolved configuration's {@link RunConfig#toMap() map} (followed by the task's
 * {@link UnitTask#toMap() map} unless it is {@link TrainTask}), e.g.
 * {@code gain=0.1_lr=0.05_seed=0-3f9a12c4}.
 *
 * @param id     the stable id (a file name)
 * @param point  the axis values of this point, seed last, unmodifiable
 * @param config the resolved configuration
 * @param task   what to do with it
 */
public record WorkUnit(String id, Map<String, Object> point, RunConfig config, UnitTask task)
        implements Serializable {
    /** Longest readable part of an id. */
    public static final int READABLE_CHARS = 80;

    /** Validates and copies the point. */
    public WorkUnit {
        Require.that(id != null && id.matches("[A-Za-z0-9._=+-]+"), "id", id, "a file name of [A-Za-z0-9._=+-]");
        point = Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull("point", point)));
        Require.nonNull("config", config);
        Require.nonNull("task", task);
    }

    /** The unit training {@code config} at {@code point}, with its derived id. */
    public static WorkUnit of(Map<String, Object> point, RunConfig config) {
        return of(point, config, TrainTask.INSTANCE);
    }

    /** The unit of {@code task} on {@code config} at {@code point}, with its derived id. */
    public static WorkUnit of(Map<String, Object> point, RunConfig config, UnitTask task) {
        StringBuilder readable = new StringBuilder();
        point.forEach((key, value) -> {
            if (readable.length() > 0) {
                readable.append('_');
            }
            readable.append(key.substring(key.lastIndexOf('.') + 1)).append('=').append(value);
        });
        String safe = readable.toString().replaceAll("[^A-Za-z0-9._=+-]", "");
        if (safe.length() > READABLE_CHARS) {
            safe = safe.substring(0, READABLE_CHARS);
        }
        return new WorkUnit((safe.isEmpty() ? "" : safe + "-") + hash(config, task), point, config, task);
    }

    private static String hash(RunConfig config, UnitTask task) {
        String text = config.toMap().toString() + (task == TrainTask.INSTANCE ? "" : task.toMap().toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Executes the task on the configuration into {@code unitDir} (replacing a partial run a
     * killed sweep left there), single-threaded (no batch prefetch), and summarises it. Never
     * throws: any failure becomes a {@link UnitResult.Status#FAILED} result with the error's message.
     */
    public UnitResult execute(Path unitDir) {
        long started = System.nanoTime();
        try {
            AtomicFiles.deleteTree(unitDir);
            UnitTask.Outcome outcome = task.execute(config, unitDir);
            return UnitResult.of(id, outcome.summary(), outcome.measures(), seconds(started));
        } catch (Exception | Error e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            return UnitResult.failed(id, message, seconds(started));
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) * 1e-9;
    }

    @Override
    public String toString() {
        return "WorkUnit[" + id + "]";
    }
}
