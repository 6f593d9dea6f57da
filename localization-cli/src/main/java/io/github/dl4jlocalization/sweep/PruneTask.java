package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.ConfigValues;
import io.github.dl4jlocalization.experiment.PruningRoundsCsv;
import io.github.dl4jlocalization.experiment.PruningRun;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.listeners.IterativeMagnitudePruning;
import io.github.dl4jlocalization.listeners.PruningRoundRecord;
import io.github.dl4jlocalization.listeners.PruningScope;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Iterative magnitude pruning of the configuration's network ({@link PruningRun} into the unit's
 * directory; the config's {@code steps} are the SGD steps <em>per round</em>), optionally against
 * its one-shot baseline. Grid-file settings (defaults those of the {@code prune} command):
 * <pre>
 * task: {kind: prune, rate: 0.2, rounds: 10, scope: first-layer|per-layer|global,
 *        rewind: init|STEP, baseline: true, heldOut: evalSize|N}
 * </pre>
 * The unit's summary is the final IMP phase ({@link PruningRun#run}: accuracy, IPRs of the masked
 * weights; diverged, with the last finished round's numbers, when a phase diverged). Without a
 * prefetch thread (a sweep's parallelism is its workers); the unit directory gets the stats file. Measures: {@code finalSparsity}; {@code impMeanIpr}, {@code impMaxIpr},
 * {@code impKurtosis} (mean pre-activation excess kurtosis), {@code impSpan} (mean circular span
 * of the surviving inputs), {@code impAccuracy} of the final IMP phase and {@code denseMeanIpr},
 * {@code denseKurtosis} of the dense phase; with the baseline the same final numbers of the
 * one-shot network, {@code oneShotMeanIpr}, {@code oneShotMaxIpr}, {@code oneShotKurtosis},
 * {@code oneShotSpan}, {@code oneShotAccuracy}. The per-round numbers are in the unit's
 * {@value PruningRun#ROUNDS} and {@value PruningRun#ONE_SHOT}.
 *
 * @param rate     pruning rate p per round, in (0, 1)
 * @param rounds   pruning rounds R >= 1
 * @param scope    which weights are pruned
 * @param rewind   the rewind step (0: the initial weights), >= 0 and at most the steps per round
 * @param baseline whether to run the one-shot baseline too
 * @param heldOut  held-out samples >= 2, null for the config's {@code evalSize}
 */
public record PruneTask(double rate, int rounds, PruningScope scope, long rewind, boolean baseline, Integer heldOut)
        implements UnitTask {
    /** The kind's name. */
    public static final String KIND = "prune";
    /** The settings a grid file may give. */
    public static final Set<String> SETTINGS = Set.of("rate", "rounds", "scope", "rewind", "baseline", "heldOut");

    private static final String EVAL_SIZE = "evalSize";

    /** Validates. */
    public PruneTask {
        Require.fraction("rate", rate);
        Require.atLeast("rounds", rounds, 1);
        Require.nonNull("scope", scope);
        Require.atLeast("rewind", rewind, 0L);
        if (heldOut != null) {
            Require.atLeast("heldOut", heldOut, 2);
        }
    }

    /** The {@code prune} command's defaults: p = 0.2, R = 10, first layer, rewind to init, with the baseline. */
    public static PruneTask defaults() {
        return new PruneTask(IterativeMagnitudePruning.DEFAULT_RATE, IterativeMagnitudePruning.DEFAULT_ROUNDS,
                PruningScope.FIRST_LAYER, 0, true, null);
    }

    /**
     * Reads the settings of a grid file's task map (the {@code kind} entry ignored); missing
     * settings take their {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming an unknown setting or invalid value
     */
    public static PruneTask fromSettings(Map<String, ?> settings) {
        UnitTasks.requireKnown(KIND, settings, SETTINGS);
        PruneTask d = defaults();
        double rate = settings.containsKey("rate") ? ConfigValues.number("rate", settings.get("rate")) : d.rate;
        int rounds = settings.containsKey("rounds") ? ConfigValues.integer("rounds", settings.get("rounds")) : d.rounds;
        PruningScope scope = settings.containsKey("scope")
                ? RunConfig.parseEnum("scope", PruningScope.class, ConfigValues.string("scope", settings.get("scope"))) : d.scope;
        long rewind = settings.containsKey("rewind") ? PruningRun.parseRewind(String.valueOf(settings.get("rewind")))
                : d.rewind;
        boolean baseline = settings.containsKey("baseline") ? bool(settings.get("baseline")) : d.baseline;
        Object held = settings.get("heldOut");
        Integer heldOut = held == null || EVAL_SIZE.equals(held) ? null : ConfigValues.integer("heldOut", held);
        return new PruneTask(rate, rounds, scope, rewind, baseline, heldOut);
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim();
        Require.that(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"), "baseline", value,
                "true or false");
        return Boolean.parseBoolean(text);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", rate);
        m.put("rounds", rounds);
        m.put("scope", RunConfig.enumName(scope));
        m.put("rewind", rewind == 0 ? PruningRun.REWIND_INIT : Long.toString(rewind));
        m.put("baseline", baseline);
        m.put("heldOut", heldOut == null ? EVAL_SIZE : heldOut);
        return m;
    }

    /** The pruning run of {@code config} (validates the rewind point against its steps per round). */
    public PruningRun pruningRun(RunConfig config) {
        return new PruningRun(config, rate, rounds, scope, rewind, baseline,
                heldOut == null ? config.evalSize() : heldOut);
    }

    @Override
    public Outcome execute(RunConfig config, Path dir) {
        PruningRun.Result result = pruningRun(config).prefetch(false).run(dir, r -> {
        });
        Map<String, Double> measures = new LinkedHashMap<>();
        if (!result.iterative().isEmpty()) {
            PruningRoundRecord last = last(result.iterative());
            PruningRoundRecord dense = result.iterative().get(0);
            measures.put("finalSparsity", last.sparsity());
            putFinal(measures, "imp", last);
            measures.put("denseMeanIpr", dense.meanIpr());
            measures.put("denseKurtosis", dense.meanPreActivationKurtosis());
        }
        if (!result.oneShot().isEmpty()) {
            putFinal(measures, "oneShot", last(result.oneShot()));
        }
        return new Outcome(result.finalPhase(), measures);
    }

    private static void putFinal(Map<String, Double> measures, String prefix, PruningRoundRecord r) {
        measures.put(prefix + "MeanIpr", r.meanIpr());
        measures.put(prefix + "MaxIpr", PruningRoundsCsv.maxIpr(r));
        measures.put(prefix + "Kurtosis", r.meanPreActivationKurtosis());
        measures.put(prefix + "Span", r.meanSpan());
        measures.put(prefix + "Accuracy", r.accuracy());
    }

    private static PruningRoundRecord last(List<PruningRoundRecord> records) {
        return records.get(records.size() - 1);
    }
}
