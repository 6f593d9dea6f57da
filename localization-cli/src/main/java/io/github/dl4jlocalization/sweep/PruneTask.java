package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.ParameterSet;
import io.github.dl4jlocalization.config.ParameterValues;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.config.ValueType;
import io.github.dl4jlocalization.experiment.PruningRoundsCsv;
import io.github.dl4jlocalization.experiment.PruningRun;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.listeners.IterativeMagnitudePruning;
import io.github.dl4jlocalization.listeners.PruningRoundRecord;
import io.github.dl4jlocalization.listeners.PruningScope;
import io.github.dl4jlocalization.nn.LayeredNetwork;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Iterative magnitude pruning of the configuration's network ({@link PruningRun} into the unit's
 * directory; the config's {@code steps} are the SGD steps <em>per round</em>), optionally against
 * its one-shot baseline. Grid-file settings (declared once, {@link #PARAMETERS}; the flags of
 * {@code prune} and {@code figure imp} are the same declarations):
 * <pre>
 * task: {kind: prune, rate: 0.2, rounds: 10, scope: first-layer|per-layer|global|hidden-layers,
 *        rewind: init|STEP, baseline: true, heldOut: evalSize|N, hiddenLayers: 1, batchNorm: false,
 *        stopBelowConnectedUnits: 0}
 * </pre>
 * Pellegrini &amp; Biroli's protocol is {@code rate: 0.3, rewind: 1000, scope: hidden-layers,
 * hiddenLayers: 3, batchNorm: true, stopBelowConnectedUnits: 0.2} with {@code rounds} as a bound
 * (their network has 1024 units per layer and their rounds 100,000 steps).
 * The unit's summary is the final IMP phase ({@link PruningRun#run}: accuracy, IPRs of the masked
 * weights; diverged, with the last finished round's numbers, when a phase diverged). Without a
 * prefetch thread (a sweep's parallelism is its workers); the unit directory gets the stats file. Measures: {@code finalSparsity}; {@code impMeanIpr}, {@code impMaxIpr},
 * {@code impKurtosis} (mean pre-activation excess kurtosis), {@code impSpan} (mean circular span
 * of the surviving inputs), {@code impRandomSpan} (the same for as many randomly placed inputs),
 * {@code impDisplacement} (mean displacement between a unit's surviving inputs; the random
 * placement's is {@code randomDisplacement}), {@code impAccuracy} of the final IMP phase and {@code denseMeanIpr},
 * {@code denseKurtosis} of the dense phase; with the baseline the same final numbers of the
 * one-shot network, {@code oneShotMeanIpr}, {@code oneShotMaxIpr}, {@code oneShotKurtosis},
 * {@code oneShotSpan}, {@code oneShotRandomSpan}, {@code oneShotDisplacement}, {@code oneShotAccuracy}. The per-round numbers are in the unit's
 * {@value PruningRun#ROUNDS} and {@value PruningRun#ONE_SHOT}.
 *
 * @param rate     pruning rate p per round, in (0, 1)
 * @param rounds   pruning rounds R >= 1
 * @param scope    which weights are pruned
 * @param rewind   the rewind step (0: the initial weights), >= 0 and at most the steps per round
 * @param baseline whether to run the one-shot baseline too
 * @param heldOut  held-out samples >= 2, null for the config's {@code evalSize}
 * @param hiddenLayers            dense hidden layers H >= 1 of the pruned network ({@link LayeredNetwork})
 * @param batchNorm               whether they are batch-normalized
 * @param stopBelowConnectedUnits Pellegrini &amp; Biroli's stopping rule, in [0, 1) (0: off)
 */
public record PruneTask(double rate, int rounds, PruningScope scope, long rewind, boolean baseline, Integer heldOut,
                        int hiddenLayers, boolean batchNorm, double stopBelowConnectedUnits)
        implements UnitTask {
    /** The kind's name. */
    public static final String KIND = "prune";
    private static final String EVAL_SIZE = "evalSize";

    /** The pruning rate p per round, in (0, 1). */
    public static final Parameter<Double> RATE = Parameter.real("rate").range(Range.fraction())
            .defaultValue(IterativeMagnitudePruning.DEFAULT_RATE).label("p")
            .help("Fraction of the kept weights pruned per round");
    /** Pruning rounds R >= 1. */
    public static final Parameter<Integer> ROUNDS = Parameter.integer("rounds").range(Range.atLeast(1))
            .defaultValue(IterativeMagnitudePruning.DEFAULT_ROUNDS).label("R").help("Pruning rounds");
    /** Which weights are pruned. */
    public static final Parameter<PruningScope> SCOPE = Parameter.enumeration("scope", PruningScope.class)
            .defaultValue(PruningScope.FIRST_LAYER)
            .help("Weights pruned: the first layer, every layer by the same fraction, all ranked together, or every "
                    + "layer but the output layer by the same fraction (hidden-layers)");
    /** The rewind step, written {@code init} for 0 (the initial weights). */
    public static final Parameter<Long> REWIND = Parameter.of("rewind", ValueType.of(String.class, "init|STEP",
                    (name, value) -> PruningRun.parseRewind(ConfigValues.string(name, value)),
                    step -> step == 0 ? PruningRun.REWIND_INIT : Long.toString(step)))
            .defaultValue(0L).help("Rewind point after each pruning: init (the initial weights) or the state after "
                    + "STEP updates of the first round");
    /** Whether the one-shot baseline runs too. */
    public static final Parameter<Boolean> BASELINE = Parameter.bool("baseline").defaultValue(true)
            .help("Also run the one-shot baseline (same initial weights and data, pruned once to the final "
                    + "sparsity) into one-shot.csv");
    /** Held-out samples >= 2 for the per-round measures; null (written {@code evalSize}): the run's evaluation size. */
    public static final Parameter<Integer> HELD_OUT = Parameter.of("heldOut", ValueType.of(Integer.class, "N",
                    (name, value) -> EVAL_SIZE.equals(value) ? null : ConfigValues.integer(name, value),
                    n -> n == null ? EVAL_SIZE : n))
            .range(Range.atLeast(2)).defaultText("--eval-size")
            .help("Held-out samples from the run's evaluation stream for the per-round measures");
    /** Pellegrini &amp; Biroli's stopping rule: the fraction of connected units, in [0, 1), 0 for off. */
    public static final Parameter<Double> STOP_BELOW_CONNECTED_UNITS = Parameter.real("stopBelowConnectedUnits")
            .range(Range.of("in [0, 1)", (name, v) -> Require.that(v >= 0 && v < 1, name, v, "in [0, 1)")))
            .defaultValue(0.0).help("Stop iterative pruning before a round that would leave a pruned layer with at "
                    + "most this fraction of its units connected (Pellegrini-Biroli: 0.2; 0: off, run every round)");
    /** The settings a grid file may give. */
    public static final ParameterSet PARAMETERS = ParameterSet.of("prune task setting", RATE, ROUNDS, SCOPE, REWIND,
            BASELINE, HELD_OUT, LayeredNetwork.HIDDEN_LAYERS, LayeredNetwork.BATCH_NORM, STOP_BELOW_CONNECTED_UNITS);

    /** Validates. */
    public PruneTask {
        values(rate, rounds, scope, rewind, baseline, heldOut, hiddenLayers, batchNorm, stopBelowConnectedUnits);
    }

    /** The {@code prune} command's defaults: p = 0.2, R = 10, first layer, rewind to init, with the baseline. */
    public static PruneTask defaults() {
        return of(PARAMETERS.defaults());
    }

    /** The task of checked values of {@link #PARAMETERS}. */
    public static PruneTask of(ParameterValues v) {
        return new PruneTask(v.get(RATE), v.get(ROUNDS), v.get(SCOPE), v.get(REWIND), v.get(BASELINE),
                v.get(HELD_OUT), v.get(LayeredNetwork.HIDDEN_LAYERS), v.get(LayeredNetwork.BATCH_NORM),
                v.get(STOP_BELOW_CONNECTED_UNITS));
    }

    /**
     * Reads the settings of a grid file's task map (the {@code kind} entry ignored); missing
     * settings take their {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming an unknown setting or invalid value
     */
    public static PruneTask fromSettings(Map<String, ?> settings) {
        return of(UnitTasks.read(KIND, settings, PARAMETERS));
    }

    /** This task's settings as checked values of {@link #PARAMETERS}. */
    public ParameterValues values() {
        return values(rate, rounds, scope, rewind, baseline, heldOut, hiddenLayers, batchNorm, stopBelowConnectedUnits);
    }

    private static ParameterValues values(double rate, int rounds, PruningScope scope, long rewind, boolean baseline,
                                          Integer heldOut, int hiddenLayers, boolean batchNorm, double stop) {
        return PARAMETERS.builder().set(RATE, rate).set(ROUNDS, rounds).set(SCOPE, scope).set(REWIND, rewind)
                .set(BASELINE, baseline).set(HELD_OUT, heldOut).set(LayeredNetwork.HIDDEN_LAYERS, hiddenLayers)
                .set(LayeredNetwork.BATCH_NORM, batchNorm).set(STOP_BELOW_CONNECTED_UNITS, stop).build();
    }

    /** This task with the one-shot baseline on or off. */
    public PruneTask withBaseline(boolean on) {
        return of(values().toBuilder().set(BASELINE, on).build());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> settings() {
        return values().toMap();
    }

    /** The pruning run of {@code config} (validates the rewind point against its steps per round). */
    public PruningRun pruningRun(RunConfig config) {
        return new PruningRun(config, rate, rounds, scope, rewind, baseline,
                heldOut == null ? config.evalSize() : heldOut)
                .network(hiddenLayers, batchNorm).stopBelowConnectedUnits(stopBelowConnectedUnits);
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
        measures.put(prefix + "RandomSpan", r.meanRandomSpan());
        measures.put(prefix + "Displacement", r.meanDisplacement());
        measures.put("randomDisplacement", r.randomDisplacementMean());
        measures.put(prefix + "Accuracy", r.accuracy());
    }

    private static PruningRoundRecord last(List<PruningRoundRecord> records) {
        return records.get(records.size() - 1);
    }
}
