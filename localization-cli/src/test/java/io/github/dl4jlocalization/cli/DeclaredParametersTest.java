package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.ParameterSet;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.sweep.ConvolutionalTask;
import io.github.dl4jlocalization.sweep.PruneTask;
import io.github.dl4jlocalization.sweep.TheoryTask;
import io.github.dl4jlocalization.sweep.UnitTask;
import io.github.dl4jlocalization.sweep.UnitTasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each parameter is declared once, and that declaration alone drives its flag (with its default
 * and range in {@code --help}), its reading from JSON and YAML config files and grid files, its
 * check (naming it) and its place in {@code config.json}. The tests go over every declared
 * parameter, so a new declaration is covered as soon as it has a sample value below.
 */
class DeclaredParametersTest extends ConsoleCapture {

    /**
     * A valid value other than the default of every run and data parameter, as a flag writes it;
     * together they make one small run (Kur on a 6 x 6 torus). A new parameter needs one here.
     */
    private static final Map<String, String> RUN_VALUES = Map.ofEntries(entry("model", "kur"), entry("xi", "1,2"),
            entry("length", "6"), entry("dim", "2"), entry("gain", "2"), entry("marginal", "laplace"),
            entry("k", "6"), entry("sampler", "metropolis"), entry("sweeps", "3"), entry("radial", "t"), entry("df", "4"),
            entry("pulseSpread", "0.1"), entry("support", "-2,2"), entry("hidden", "2"), entry("activation", "tanh"),
            entry("bias", "fixed:-1.0"), entry("readout", "trained"), entry("initScale", "0.01"),
            entry("lr", "0.2"), entry("batch", "8"), entry("steps", "2"), entry("seed", "5"),
            entry("recordEvery", "1"), entry("checkpointEvery", "0"), entry("evalSize", "4"));

    /** An invalid value of every run and data parameter. */
    private static final Map<String, String> RUN_INVALID = Map.ofEntries(entry("model", "gp"), entry("xi", "1"),
            entry("length", "1"), entry("dim", "3"), entry("gain", "-1"), entry("marginal", "cauchy"),
            entry("k", "2"), entry("sampler", "gibbs"), entry("sweeps", "0"), entry("radial", "gauss"), entry("df", "1"),
            entry("pulseSpread", "1"), entry("support", "1,-1"), entry("hidden", "0"),
            entry("activation", "softmax"), entry("bias", "fixed"), entry("readout", "free"),
            entry("initScale", "0"), entry("lr", "-1"), entry("batch", "0"), entry("steps", "0"),
            entry("seed", "x"), entry("recordEvery", "0"), entry("checkpointEvery", "-1"), entry("evalSize", "0"));

    /** Valid non-default and invalid values of every task setting (theory, prune, cnn). */
    private static final Map<String, String> TASK_VALUES = Map.ofEntries(entry("covariance", "exact"),
            entry("empiricalSamples", "50"), entry("variant", "fig3"), entry("rate", "0.5"), entry("rounds", "2"),
            entry("scope", "global"), entry("rewind", "3"), entry("baseline", "false"), entry("heldOut", "50"),
            entry("hiddenLayers", "3"), entry("batchNorm", "true"), entry("stopBelowConnectedUnits", "0.2"),
            entry("channels", "4"), entry("filterWidth", "3"));
    private static final Map<String, String> TASK_INVALID = Map.ofEntries(entry("covariance", "guess"),
            entry("empiricalSamples", "1"), entry("variant", "2"), entry("rate", "1"), entry("rounds", "0"),
            entry("scope", "all"), entry("rewind", "soon"), entry("baseline", "yes"), entry("heldOut", "1"),
            entry("hiddenLayers", "0"), entry("batchNorm", "maybe"), entry("stopBelowConnectedUnits", "1"),
            entry("channels", "0"), entry("filterWidth", "0"));

    private static List<Parameter<?>> runParameters() {
        List<Parameter<?>> all = new ArrayList<>(DataModelConfig.PARAMETERS.parameters());
        all.addAll(RunConfig.PARAMETERS.parameters());
        return all;
    }

    private static List<ParameterSet> taskSettings() {
        return List.of(TheoryTask.PARAMETERS, PruneTask.PARAMETERS, ConvolutionalTask.PARAMETERS);
    }

    @Test
    void everyParameterHasASampleValue() {
        assertEquals(RUN_VALUES.keySet(), runParameters().stream().map(Parameter::name).collect(Collectors.toSet()));
        assertEquals(RUN_INVALID.keySet(), RUN_VALUES.keySet());
        assertEquals(TASK_VALUES.keySet(), taskSettings().stream().flatMap(s -> s.names().stream())
                .collect(Collectors.toSet()));
        assertEquals(TASK_INVALID.keySet(), TASK_VALUES.keySet());
    }

    /** The usage help of a (sub)command, unwrapped: one line per option. */
    private static String usage(String... command) {
        CommandLine cli = new CommandLine(new LocalizationCli());
        for (String name : command) {
            cli = cli.getSubcommands().get(name);
        }
        cli.setUsageHelpWidth(2000);
        cli.setUsageHelpLongOptionsMaxWidth(60);
        return cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static String line(String usage, String flag) {
        return usage.lines().filter(l -> l.trim().startsWith(flag + "=") || l.trim().startsWith(flag + " ")
                || l.trim().equals(flag)).findFirst().orElseThrow(() -> new AssertionError(flag + " not in\n" + usage));
    }

    @Test
    void everyParameterIsAFlagWithItsDefaultAndRangeInTheHelp() {
        String run = usage("run");
        assertTrue(run.contains("Data model:") && run.contains("Network and training:"), run);
        for (Parameter<?> p : runParameters()) {
            String line = line(run, p.flag());
            assertTrue(line.contains(p.flag() + "=" + p.label()), line);
            assertTrue(line.contains(p.help()), line);
            assertTrue(line.contains("default " + p.defaultText()), line);
            assertTrue(line.contains(p.range().text()), line);
            p.type().choices().forEach(choice -> assertTrue(line.contains(choice), line));
        }
        assertTrue(line(run, "--gain").contains("for nlgp, nlgp-clone"), "the models that use it");
        assertTrue(line(run, "--xi").contains("default 0.3,0.7; pulse: 0.05,0.2"), "the models' own defaults");

        Map<String, String[]> taskCommands = Map.of("theory", new String[] {"theory"}, "prune",
                new String[] {"prune"}, "cnn", new String[] {"figure", "fcn-vs-cnn"});
        for (ParameterSet settings : taskSettings()) {
            String kind = settings.what().substring(0, settings.what().indexOf(' '));
            String help = usage(taskCommands.get(kind));
            for (Parameter<?> p : settings.parameters()) {
                String line = line(help, p.flag());
                assertTrue(line.contains(p.help()) && line.contains(p.range().text()), line);
                assertTrue(p == PruneTask.BASELINE ? line.contains("default false")
                        : line.contains("default " + p.defaultText()), line);
            }
        }
    }

    @Test
    void theHelpShowsTheDefaultsEachCommandStartsFrom() {
        String ising = usage("figure", "ising-peaks");
        assertTrue(line(ising, "--model").contains("default ising"), ising);
        assertTrue(line(ising, "--lr").contains("default 0.05"), ising);
        assertTrue(line(ising, "--xi").endsWith("(default 0.3,0.7)."), "the figure sets xi itself: " + ising);
        assertTrue(line(ising, "--covariance").contains("default empirical"), ising);
        assertTrue(line(usage("prune"), "--steps").contains("default 1000"));
        assertTrue(line(usage("figure", "imp"), "--gain").contains("default 100"));
        assertTrue(line(usage("figure", "many-neurons"), "--lr").endsWith("(> 0)."), "per panel: no single default");
        assertTrue(!usage("figure", "imp").contains("--baseline"), "imp always runs the baseline");
    }

    @Test
    void everyParameterIsReadFromFlagsJsonAndYaml(@TempDir Path dir) throws IOException {
        RunConfig fromFlags = flags(RUN_VALUES);
        for (Parameter<?> p : runParameters()) {
            assertNotEquals(p.defaultValue(), fromFlags.get(p), p.name() + " takes the value given");
            assertEquals(read(p, RUN_VALUES.get(p.name())), fromFlags.get(p), p.name());
        }
        StringBuilder dataYaml = new StringBuilder("data:\n");
        StringBuilder runYaml = new StringBuilder();
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>();
        json.put("data", data);
        for (Parameter<?> p : runParameters()) {
            boolean isData = DataModelConfig.PARAMETERS.contains(p);
            String text = RUN_VALUES.get(p.name());
            (isData ? data : json).put(p.name(), text);
            (isData ? dataYaml.append("  ") : runYaml).append(p.name()).append(": '").append(text).append("'\n");
        }
        String yamlText = dataYaml.toString() + runYaml;
        Path yamlFile = Files.writeString(dir.resolve("c.yaml"), yamlText);
        Path jsonFile = dir.resolve("c.json");
        JsonFiles.write(jsonFile, json);
        assertEquals(fromFlags, RunConfig.fromMap(JsonFiles.readConfig(yamlFile)));
        assertEquals(fromFlags, RunConfig.fromMap(JsonFiles.readConfig(jsonFile)));
    }

    private static RunConfig flags(Map<String, String> values) {
        RunCommand command = new RunCommand();
        List<String> args = new ArrayList<>();
        for (Parameter<?> p : runParameters()) {
            args.add(p.flag());
            args.add(values.get(p.name()));
        }
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.run.configure();
    }

    private static Object read(Parameter<?> p, String text) {
        return p.read(text);
    }

    @Test
    void everyParameterIsCheckedNamingIt() {
        for (Parameter<?> p : runParameters()) {
            String bad = RUN_INVALID.get(p.name());
            Map<String, Object> file = DataModelConfig.PARAMETERS.contains(p) ? Map.of("data", Map.of(p.name(), bad))
                    : Map.of(p.name(), bad);
            String message = assertThrows(IllegalArgumentException.class, () -> RunConfig.fromMap(file),
                    p.name()).getMessage();
            assertTrue(message.contains(p.name()), message);
            err.reset();
            assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("run", p.flag(), bad, "--out",
                    "never-written"), p.flag());
            assertTrue(stderr().startsWith("error: ") || stderr().contains("Invalid value"), stderr());
            assertTrue(stderr().contains(p.flag()) || stderr().contains(p.name()), stderr());
        }
        for (ParameterSet settings : taskSettings()) {
            String kind = settings.what().substring(0, settings.what().indexOf(' '));
            for (Parameter<?> p : settings.parameters()) {
                String message = assertThrows(IllegalArgumentException.class, () -> UnitTasks.fromMap(
                        Map.of("kind", kind, p.name(), TASK_INVALID.get(p.name()))), p.name()).getMessage();
                assertTrue(message.contains(p.name()), message);
            }
        }
    }

    @Test
    void everyTaskSettingIsReadFromGridFilesAndWrittenBack() {
        for (ParameterSet settings : taskSettings()) {
            String kind = settings.what().substring(0, settings.what().indexOf(' '));
            Map<String, Object> grid = new LinkedHashMap<>(Map.of("kind", kind));
            settings.names().forEach(name -> grid.put(name, TASK_VALUES.get(name)));
            UnitTask task = UnitTasks.fromMap(grid);
            for (Parameter<?> p : settings.parameters()) {
                assertNotEquals(p.defaultValue(), p.read(TASK_VALUES.get(p.name())), p.name());
                assertEquals(written(p, TASK_VALUES.get(p.name())), task.settings().get(p.name()), p.name());
            }
            assertEquals(task, UnitTasks.fromMap(task.toMap()));
        }
        // one spelling of the update rule everywhere; the constant's name is read too
        assertEquals("1", TheoryTask.defaults().settings().get("variant"));
        assertEquals(TheoryTask.defaults(), UnitTasks.fromMap(Map.of("kind", "theory", "variant", "variant_1")));
    }

    /** {@code text} read and written back as config files hold it. */
    private static <T> Object written(Parameter<T> p, String text) {
        return p.write(p.read(text));
    }

    @Test
    void everyParameterRoundTripsThroughConfigJson(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("first");
        List<String> args = new ArrayList<>(List.of("run", "--no-stats", "--out", first.toString()));
        for (Parameter<?> p : runParameters()) {
            args.addAll(List.of(p.flag(), RUN_VALUES.get(p.name())));
        }
        assertEquals(0, LocalizationCli.execute(args.toArray(String[]::new)), stderr());
        Map<String, Object> written = JsonFiles.readJson(first.resolve(RunDirectory.CONFIG), "config");
        RunConfig expected = flags(RUN_VALUES);
        assertEquals(expected, RunConfig.fromMap(written));
        Map<String, Object> data = cast(written.get("data"));
        for (Parameter<?> p : RunConfig.PARAMETERS.parameters()) {
            assertEquals(p.read(written.get(p.name())), expected.get(p), p.name());
        }
        for (Parameter<?> p : Stream.of("model", "xi", "length", "dim", "marginal", "support")
                .map(name -> DataModelConfig.PARAMETERS.find(name).orElseThrow()).toList()) {
            assertEquals(p.read(data.get(p.name())), expected.get(p), p.name());
        }
        // config.json is a config file: a run from it has the same parameters
        Path second = dir.resolve("second");
        assertEquals(0, LocalizationCli.execute("run", "--no-stats", "--config",
                first.resolve(RunDirectory.CONFIG).toString(), "--out", second.toString()), stderr());
        assertEquals(expected, RunConfig.fromMap(JsonFiles.readJson(second.resolve(RunDirectory.CONFIG), "config")));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    /** A config.json written before the parameters were declared once (the main branch's run writer). */
    @Test
    void aConfigJsonOfAnOlderRunStillReads(@TempDir Path dir) throws IOException {
        String old = """
                {
                  "data" : {
                    "model" : "nlgp",
                    "xi" : [ 1.0, 3.0 ],
                    "length" : 40,
                    "dim" : 1,
                    "gain" : 100.0,
                    "support" : [ -1.0, 1.0 ]
                  },
                  "hidden" : 10,
                  "activation" : "relu",
                  "bias" : "trainable:0.0",
                  "readout" : "trained",
                  "initScale" : 0.001,
                  "lr" : 1.0,
                  "batch" : 1000,
                  "steps" : 2000,
                  "seed" : 1,
                  "recordEvery" : 20,
                  "checkpointEvery" : 1000,
                  "evalSize" : 1000,
                  "version" : "0.1.0-SNAPSHOT",
                  "backend" : "org.nd4j.linalg.cpu.nativecpu.CpuBackend"
                }
                """;
        Path file = Files.writeString(dir.resolve("config.json"), old);
        RunConfig config = RunConfig.fromMap(JsonFiles.readConfig(file));
        assertEquals(10, config.hidden());
        assertEquals(100.0, config.data().gain());
        // written back, every entry of the old file is there with its value, in its order (parameters
        // added since take their defaults), so --resume reads the run as before
        Path again = dir.resolve("again.json");
        JsonFiles.write(again, config.toMap());
        Map<String, Object> before = new LinkedHashMap<>(JsonFiles.readConfig(file));
        before.remove(RunConfig.VERSION_KEY);
        before.remove(RunConfig.BACKEND_KEY);
        assertContains(before, JsonFiles.readConfig(again));
    }

    /** Every entry of {@code before} is in {@code after} with the same value (sections alike), in the same order. */
    private static void assertContains(Map<String, Object> before, Map<String, Object> after) {
        before.forEach((key, value) -> {
            if (value instanceof Map<?, ?>) {
                assertContains(cast(value), cast(after.get(key)));
            } else {
                assertEquals(value, after.get(key), key);
            }
        });
        List<String> order = new ArrayList<>(after.keySet());
        order.retainAll(before.keySet());
        assertEquals(List.copyOf(before.keySet()), order);
    }
}
