package io.github.dl4jlocalization.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.nn.Bias;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.Readout;
import io.github.dl4jlocalization.util.Require;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The plain PyTorch loop that {@code bench compare} times next to a {@code run}: the script
 * {@value #SCRIPT} shipped in this package (fresh NLGP batch by the dense square root of the
 * circulant covariance, erf marginal, forward, MSE, backward, SGD; float64, one thread), run by a
 * Python interpreter with {@code OMP_NUM_THREADS=1}. Only NLGP workloads of the papers' single
 * neuron or soft committee machine (ReLU, no bias, frozen readout) have such a loop.
 */
public final class PyTorchLoop {
    /** The script's resource name, next to this class. */
    public static final String SCRIPT = "pytorch_loop.py";

    private final String python;
    private final Path script;

    private PyTorchLoop(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /**
     * The loop run by {@code python}, or empty with the reason when {@code python -c 'import torch'}
     * fails (no interpreter, or no PyTorch).
     *
     * @param python the interpreter's command, e.g. {@code python3}
     * @param reason receives the one-line reason when the loop is not available
     */
    public static Optional<PyTorchLoop> find(String python, StringBuilder reason) {
        Require.nonNull("python", python);
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                reason.append("'").append(python).append(" -c \"import torch\"' did not finish within 120 s");
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                reason.append("'").append(python).append(" -c \"import torch\"' failed (exit status ")
                        .append(p.exitValue()).append("; Debian: apt-get install python3-torch)");
                return Optional.empty();
            }
        } catch (IOException e) {
            reason.append("cannot start '").append(python).append("': ").append(e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason.append("interrupted");
            return Optional.empty();
        }
        return Optional.of(new PyTorchLoop(python, extractScript()));
    }

    /** The script's text. */
    public static String scriptText() {
        try (InputStream in = PyTorchLoop.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCRIPT + " missing next to " + PyTorchLoop.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCRIPT + ": " + e.getMessage(), e);
        }
    }

    private static Path extractScript() {
        try {
            Path file = Files.createTempFile("localization-pytorch-loop-", ".py");
            file.toFile().deleteOnExit();
            Files.writeString(file, scriptText());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PyTorch loop: " + e.getMessage(), e);
        }
    }

    /**
     * The script's arguments for {@code steps} steps of {@code config}: hidden units, batch,
     * length, gain, xi, learning rate, init scale and seed.
     *
     * @throws IllegalArgumentException if the workload is not one the script implements
     */
    public static List<String> arguments(RunConfig config, int steps) {
        DataModelConfig data = config.data();
        Require.that(data.model().equals("nlgp") && data.dim() == 1, "workload data", data.model() + " dim "
                + data.dim(), "1-D nlgp (the PyTorch loop's data)");
        Require.that(config.activation() == HiddenActivation.RELU && config.bias().equals(Bias.none())
                        && config.readout() == Readout.FROZEN, "workload network", config.network(),
                "a ReLU soft committee machine without bias (the PyTorch loop's network)");
        List<String> args = new ArrayList<>();
        add(args, "--hidden", config.hidden());
        add(args, "--batch", config.batch());
        add(args, "--steps", steps);
        add(args, "--length", data.length());
        add(args, "--gain", data.gain());
        args.add("--xi");
        args.add(number(data.xi().label0()));
        args.add(number(data.xi().label1()));
        add(args, "--lr", config.learningRate());
        add(args, "--init-scale", config.initScale());
        add(args, "--seed", config.seed());
        return args;
    }

    /**
     * What one run of the loop took.
     *
     * @param seconds    the wall seconds the script reports (after its imports: setup and loop)
     * @param cpuSeconds CPU seconds of the whole interpreter process ({@link ProcessCpu}), NaN
     *                   where unknown
     */
    public record Timing(double seconds, double cpuSeconds) {
    }

    /** Runs {@code steps} steps of {@code config}'s workload. */
    public Timing run(RunConfig config, int steps) {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(arguments(config, steps));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("MKL_NUM_THREADS", "1");
        try {
            Path output = Files.createTempFile("localization-pytorch-loop-", ".out");
            pb.redirectOutput(output.toFile());
            Process p = pb.start();
            double cpuSeconds = ProcessCpu.waitFor(p);
            String out = Files.readString(output);
            Files.deleteIfExists(output);
            Require.that(p.exitValue() == 0, "PyTorch loop", String.join(" ", cmd), "a run that exits with status 0, got: "
                    + out.strip());
            String last = out.strip().lines().reduce((a, b) -> b).orElse("");
            Map<?, ?> result = new ObjectMapper().readValue(last, Map.class);
            Object seconds = result.get("seconds");
            Require.that(seconds instanceof Number, "PyTorch loop output", last, "JSON with a number 'seconds'");
            return new Timing(((Number) seconds).doubleValue(), cpuSeconds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the PyTorch loop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the PyTorch loop ran", e);
        }
    }

    private static void add(List<String> args, String flag, Object value) {
        args.add(flag);
        args.add(value instanceof Double d ? number(d) : String.valueOf(value));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    @Override
    public String toString() {
        return "PyTorchLoop[" + python + " " + script + "]";
    }
}
