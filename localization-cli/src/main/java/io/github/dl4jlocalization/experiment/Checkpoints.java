package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.experiment.AtomicFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints of a run in a folder: the network as a DL4J {@link ModelSerializer} archive
 * {@code model-STEP.zip} (parameters and updater state) and {@value #STATE}, which names the
 * archive of the last complete checkpoint with its step and the training seconds spent so far.
 *
 * <p>A checkpoint is complete or absent: the archive is written atomically under a new name, then
 * {@value #STATE} is replaced atomically, and only then are older archives deleted. A kill at any
 * point leaves {@value #STATE} naming a complete archive (or no state at all).
 */
final class Checkpoints {
    /** The file naming the last checkpoint. */
    static final String STATE = "state.json";
    private static final String PREFIX = "model-";
    private static final String SUFFIX = ".zip";

    private Checkpoints() {
    }

    /**
     * The state of a checkpoint.
     *
     * @param step           SGD steps done
     * @param model          archive file name, in the checkpoint folder
     * @param secondsElapsed training seconds of the run up to this checkpoint
     */
    record State(long step, String model, double secondsElapsed) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", step);
            m.put("model", model);
            m.put("secondsElapsed", secondsElapsed);
            return m;
        }
    }

    /** A restored checkpoint. */
    record Restored(State state, MultiLayerNetwork network) {
    }

    /** Writes a checkpoint of {@code net} after {@code step} steps into {@code folder}. */
    static State write(Path folder, MultiLayerNetwork net, long step, double secondsElapsed) {
        State state = new State(step, PREFIX + step + SUFFIX, secondsElapsed);
        AtomicFiles.writeBinary(folder.resolve(state.model()), out -> ModelSerializer.writeModel(net, out, true));
        JsonFiles.write(folder.resolve(STATE), state.toMap());
        deleteArchivesExcept(folder, state.model());
        return state;
    }

    /**
     * The last checkpoint in {@code folder}, if there is one.
     *
     * @throws IllegalArgumentException when the state file or the archive it names is unreadable
     */
    static Optional<Restored> read(Path folder) {
        Path statePath = folder.resolve(STATE);
        if (!Files.exists(statePath)) {
            return Optional.empty();
        }
        Map<String, Object> m = JsonFiles.readJson(statePath, "checkpoint state");
        State state = new State(ConfigValues.whole("checkpoint step", m.get("step")),
                ConfigValues.string("checkpoint model", m.get("model")),
                ConfigValues.number("checkpoint secondsElapsed", m.get("secondsElapsed")));
        Path archive = folder.resolve(state.model());
        try {
            return Optional.of(new Restored(state, ModelSerializer.restoreMultiLayerNetwork(archive.toFile(), true)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("checkpoint " + archive + " cannot be restored: " + e.getMessage(), e);
        }
    }

    /** Deletes every checkpoint in {@code folder} (the folder itself stays). */
    static void clear(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            Files.deleteIfExists(folder.resolve(STATE));
            deleteArchivesExcept(folder, null);
        }
    }

    private static void deleteArchivesExcept(Path folder, String keep) {
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(folder, PREFIX + "*" + SUFFIX)) {
            for (Path archive : archives) {
                if (!archive.getFileName().toString().equals(keep)) {
                    Files.deleteIfExists(archive);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old checkpoints in " + folder + ": " + e.getMessage(), e);
        }
    }
}
