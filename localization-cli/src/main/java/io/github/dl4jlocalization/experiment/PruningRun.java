package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import io.github.dl4jlocalization.listeners.InMemoryRecordSink;
import io.github.dl4jlocalization.listeners.IterativeMagnitudePruning;
import io.github.dl4jlocalization.listeners.PruningExperiment;
import io.github.dl4jlocalization.listeners.PruningRoundRecord;
import io.github.dl4jlocalization.listeners.StatsStorageRecordSink;
import io.github.dl4jlocalization.listeners.PruningScope;
import io.github.dl4jlocalization.listeners.RecordSink;
import io.github.dl4jlocalization.listeners.TrainingDivergedException;
import io.github.dl4jlocalization.metrics.ConnectionLocality;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.nn.LayeredNetwork;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Iterative magnitude pruning ({@link IterativeMagnitudePruning}) of the network of a
 * {@link RunConfig}, optionally against its one-shot baseline from the same initial network and
 * data (the comparison of {@link PruningExperiment}), into an output directory. Every phase is a
 * {@link TrainingRun} of {@code config.steps()} SGD steps (the run's {@code steps} are the steps
 * <em>per round</em> here) on the run's online stream (batch t of the data seed, continued across
 * rounds, never replayed); the measures use the run's {@link HeldOutBatch} of {@code heldOut}
 * samples. Written:
 * <ul>
 *   <li>{@value #ROUNDS}: one row per phase of iterative pruning (R + 1 rows: round 0 dense, round
 *       r at sparsity {@code 1 - round(N (1-p)^r)/N}), each flushed as its round finishes
 *       ({@link PruningRoundsCsv}); with the baseline also {@value #ONE_SHOT} (2 rows: dense,
 *       then pruned once to the final sparsity);</li>
 *   <li>per phase, {@code mask-round-<r>.png} (first-layer mask, units x inputs, black = kept; a
 *       weight is kept when it is non-zero, pruned weights being exactly 0) and
 *       {@code rf-round-<r>.png} (the masked first-layer weights, {@link Plots#weightHeatmap});
 *       the baseline's carry the prefix {@value #ONE_SHOT_PREFIX};</li>
 *   <li>{@value #DISPLACEMENTS}: per phase of each protocol, the number of pairs of a unit's
 *       surviving inputs at each circular displacement (over all first-layer units), next to the
 *       fraction random placement gives ({@link ConnectionLocality}), rewritten atomically as each
 *       round finishes;</li>
 *   <li>{@value #IPR_PLOT} (mean and max IPR) and {@value #KURTOSIS_PLOT} (mean pre-activation
 *       excess kurtosis) against the round, the baseline's points at rounds 0 and R;</li>
 *   <li>{@value #SUMMARY}: {@code status} (completed or diverged, with the {@code divergence}),
 *       the settings, the final measures of each protocol, the run config and provenance;</li>
 *   <li>{@value StatsFile#FILE} (unless {@link #stats(boolean) stats(false)}): a session per
 *       protocol with its pruning rounds ({@code PruningRoundPersistable}) and the records of its
 *       training phases, for {@code localization dashboard DIR}.</li>
 * </ul>
 * The result files other than the CSVs are written atomically. Every pruning parameter of the
 * papers (p, R, E, rewind point, scope) is UNVERIFIED (docs/science.md 6.6).
 */
public final class PruningRun {
    /** Rows of iterative pruning. */
    public static final String ROUNDS = "rounds.csv";
    /** Rows of the one-shot baseline. */
    public static final String ONE_SHOT = "one-shot.csv";
    /** Settings and final measures. */
    public static final String SUMMARY = "summary.json";
    /** Mean and max IPR against the round. */
    public static final String IPR_PLOT = "ipr-vs-round.png";
    /** Mean pre-activation excess kurtosis against the round. */
    public static final String KURTOSIS_PLOT = "kurtosis-vs-round.png";
    /** The rewind point "initial weights", as flags and grid files name it. */
    public static final String REWIND_INIT = "init";
    /** Pair-displacement histograms of the surviving first-layer inputs, per protocol and round. */
    public static final String DISPLACEMENTS = "displacements.csv";
    /** The header of {@value #DISPLACEMENTS}. */
    public static final String DISPLACEMENTS_HEADER = "protocol,round,sparsity,displacement,pairs,randomFraction";
    /** Prefix of the baseline's per-round plots. */
    public static final String ONE_SHOT_PREFIX = "one-shot-";

    private final RunConfig config;
    private final int rounds;
    private final double rate;
    private final PruningScope scope;
    private final long rewindStep;
    private final boolean baseline;
    private final int heldOut;
    private boolean stats = true;
    private boolean prefetch = true;
    private LayeredNetwork network;
    private double stopBelowConnectedUnits;

    /**
     * @param config     the network, data, learning rate, batch, steps per round and seed
     * @param rate       pruning rate p per round, in (0, 1)
     * @param rounds     pruning rounds R >= 1
     * @param scope      which weights are pruned
     * @param rewindStep the rewind point: updates of the first round, in [0, steps]
     * @param baseline   whether to run the one-shot baseline too
     * @param heldOut    held-out samples, >= 2
     */
    public PruningRun(RunConfig config, double rate, int rounds, PruningScope scope, long rewindStep,
                      boolean baseline, int heldOut) {
        this.config = Require.nonNull("config", config);
        this.scope = Require.nonNull("scope", scope);
        this.heldOut = Require.atLeast("heldOut", heldOut, 2);
        Require.that(rewindStep <= config.steps(), "rewind", rewindStep,
                "at most the steps per round = " + config.steps() + " (the rewind point is taken in the first round)");
        this.rate = rate;
        this.rounds = rounds;
        this.rewindStep = rewindStep;
        this.baseline = baseline;
        pruning(rounds);
        this.network = new LayeredNetwork(config.network(), 1, false);
    }

    /** A builder of this run's pruning settings (validates them). */
    private IterativeMagnitudePruning.Builder pruning(int prunings) {
        return new IterativeMagnitudePruning.Builder().rate(rate).rounds(prunings).stepsPerRound(config.steps())
                .scope(scope).rewindToStep(rewindStep).stopBelowConnectedUnits(stopBelowConnectedUnits);
    }

    /**
     * Prunes the config's network made deeper ({@link LayeredNetwork}: H dense hidden layers of K
     * units, optionally batch-normalized) instead of the config's shallow network (H = 1, no
     * batch normalization: the default).
     */
    public PruningRun network(int hiddenLayers, boolean batchNorm) {
        this.network = new LayeredNetwork(config.network(), hiddenLayers, batchNorm);
        return this;
    }

    /**
     * Pellegrini &amp; Biroli's stopping rule for iterative pruning
     * ({@link IterativeMagnitudePruning.Builder#stopBelowConnectedUnits}); 0 (the default): off.
     */
    public PruningRun stopBelowConnectedUnits(double fraction) {
        pruning(rounds).stopBelowConnectedUnits(fraction);
        this.stopBelowConnectedUnits = fraction;
        return this;
    }


    /**
     * Whether to write the DL4J stats file {@value StatsFile#FILE} (default true): per protocol a
     * session with the pruning rounds, and the receptive-field, kurtosis and DL4J records of its
     * phases (DL4J's iteration counter restarts at every rewind).
     */
    public PruningRun stats(boolean stats) {
        this.stats = stats;
        return this;
    }

    /** Whether to generate batches on a second thread (default true; the results are identical). */
    public PruningRun prefetch(boolean prefetch) {
        this.prefetch = prefetch;
        return this;
    }

    /**
     * What a pruning run produced.
     *
     * @param iterative the records of iterative pruning, rounds 0..R
     * @param oneShot   the baseline's records (dense, then pruned once), empty without the baseline
     * @param summary   the summary, as written to {@value #SUMMARY}
     * @param finalPhase the final IMP phase as a run's summary (see {@link #run})
     */
    public record Result(List<PruningRoundRecord> iterative, List<PruningRoundRecord> oneShot,
                         Map<String, Object> summary, RunSummary finalPhase) {
        /** Validates and copies the lists. */
        public Result {
            iterative = List.copyOf(Require.nonNull("iterative", iterative));
            oneShot = List.copyOf(Require.nonNull("oneShot", oneShot));
            Require.nonNull("summary", summary);
            Require.nonNull("finalPhase", finalPhase);
        }
    }

    /**
     * Runs the pruning rounds (and the baseline) and writes the results into {@code out}. Each
     * training phase is one {@link TrainingRun} (the divergence guard first, then the pruning
     * masks, then the stats file's recorders) on the run's stream.
     *
     * <p>The result's {@link RunSummary} describes the final IMP phase (round R) as if it were a
     * run: its steps (over all rounds) out of {@code (R + 1) E}, its held-out loss as both the
     * final and the evaluation loss, its accuracy, the IPR and signed peak of each unit's masked
     * weights, the input kurtosis of the held-out set, no checkpoint ({@code model} null: the
     * masks are not saved) and the two round plots. When a phase diverges, the run stops there
     * (the baseline is not run after a divergence of iterative pruning): the summary's
     * {@code status} is {@code diverged} with the {@code divergence} message, the rows of the
     * finished rounds stay in the CSV files, and the result describes the last finished round.
     *
     * @param onRound told of every record as its round finishes (progress)
     */
    public Result run(Path out, Consumer<PruningRoundRecord> onRound) {
        Require.nonNull("out", out);
        Require.nonNull("onRound", onRound);
        AtomicFiles.checkWritableParent(out.resolve(SUMMARY));
        long started = System.nanoTime();
        DataModel model = config.dataModel();
        HeldOutBatch held = HeldOutBatch.of(config, model, heldOut);
        Outputs outputs = new Outputs(out, onRound);
        InMemoryRecordSink<PruningRoundRecord> iterative = new InMemoryRecordSink<>();
        InMemoryRecordSink<PruningRoundRecord> oneShot = new InMemoryRecordSink<>();
        String divergence;
        String[] stopped = new String[1];
        try (StatsFile statsFile = stats ? new StatsFile(out) : null) {
            divergence = protocol(false, rounds, held, model, statsFile, outputs, iterative, stopped);
            // the baseline prunes at once to the sparsity iterative pruning reached (fewer rounds
            // when it stopped with nothing left to prune)
            if (baseline && divergence == null && prunings(iterative) > 0) {
                divergence = protocol(true, prunings(iterative), held, model, statsFile, outputs, oneShot, stopped);
            }
        } finally {
            outputs.close();
        }
        List<String> files = new ArrayList<>();
        if (iterative.size() > 0) {
            files.add(ROUNDS);
        }
        if (oneShot.size() > 0) {
            files.add(ONE_SHOT);
        }
        if (iterative.size() > 0) {
            files.add(DISPLACEMENTS);
        }
        if (iterative.size() > 0) {
            plotRounds(out, iterative.records(), oneShot.records());
            files.addAll(List.of(IPR_PLOT, KURTOSIS_PLOT));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", RunConfig.enumName(divergence == null ? RunSummary.Status.COMPLETED
                : RunSummary.Status.DIVERGED));
        if (divergence != null) {
            summary.put("divergence", divergence);
        }
        summary.put("rate", rate);
        summary.put("rounds", rounds);
        if (divergence == null && stopped[0] != null) {
            summary.put("stopped", stopped[0]);
        }
        summary.put("stepsPerRound", config.steps());
        summary.put("scope", RunConfig.enumName(scope));
        summary.put("network", network.toString());
        summary.put("hiddenLayers", network.hiddenLayers());
        summary.put("batchNorm", network.batchNorm());
        summary.put("stopBelowConnectedUnits", stopBelowConnectedUnits);
        summary.put("rewindStep", rewindStep);
        summary.put("heldOut", heldOut);
        summary.put("targetFinalSparsity", 1 - Math.pow(1 - rate, rounds));
        if (iterative.size() > 0) {
            summary.put("iterative", protocolSummary(iterative.records()));
        }
        if (oneShot.size() > 0) {
            summary.put("oneShot", protocolSummary(oneShot.records()));
        }
        summary.put("files", files);
        summary.put("secondsElapsed", (System.nanoTime() - started) / 1e9);
        summary.put("config", config.toMap());
        summary.put("version", Provenance.version());
        summary.put("backend", Provenance.backend());
        JsonFiles.write(out.resolve(SUMMARY), summary);
        return new Result(iterative.records(), oneShot.records(), summary,
                summarizeFinalPhase(iterative.latest(), held, divergence, (System.nanoTime() - started) / 1e9));
    }

    /** The prunings done by a protocol: one fewer than its records. */
    private static int prunings(InMemoryRecordSink<PruningRoundRecord> records) {
        return Math.max(0, records.size() - 1);
    }

    /**
     * Runs one protocol (iterative or one-shot) from the config's initial network and the start of
     * its stream, each phase a {@link TrainingRun}; its records go to {@code outputs}, {@code records}
     * and, with a stats file, to a new session of it.
     *
     * @param stopped  receives iterative pruning's {@link IterativeMagnitudePruning#stopReason()}
     * @return null, or the divergence message, naming the protocol and phase
     */
    private String protocol(boolean oneShot, int prunings, HeldOutBatch held, DataModel model, StatsFile statsFile,
                            Outputs outputs, InMemoryRecordSink<PruningRoundRecord> records, String[] stopped) {
        IterativeMagnitudePruning.Builder settings = pruning(prunings).oneShot(oneShot).heldOut(held.dataSet()).sink(outputs)
                .sink(records);
        TrainingRun.Builder phases = TrainingRun.builder(config.recordEvery()).heldOut(held).prefetch(prefetch);
        if (statsFile != null) {
            String session = statsFile.newSession();
            settings.sink(new StatsStorageRecordSink(statsFile.storage(), session, "0"));
            phases.stats(statsFile.storage(), session);
        }
        IterativeMagnitudePruning imp = settings.build();
        TrainingRun phase = phases.listener(imp).build();
        DataModelDataSetIterator data = TrainingRun.batches(config, model, 0, config.steps());
        int[] current = new int[1];
        try {
            imp.run(network.network(), (MultiLayerNetwork net, int r) -> {
                current[0] = r;
                TrainingDivergedException diverged = phase.fit(net, data).divergence();
                if (diverged != null) {
                    throw diverged;
                }
            });
            if (!oneShot) {
                stopped[0] = imp.stopReason();
            }
            return null;
        } catch (TrainingDivergedException e) {
            return (oneShot ? "One-shot baseline" : "Iterative pruning") + ", round " + current[0] + ": "
                    + e.getMessage();
        }
    }

    /** The IPR and kurtosis curves against the round. */
    private void plotRounds(Path out, List<PruningRoundRecord> iterative, List<PruningRoundRecord> oneShot) {
        Map<String, double[][]> ipr = new LinkedHashMap<>();
        Map<String, double[][]> kurtosis = new LinkedHashMap<>();
        ipr.put("IMP: mean IPR", curve(iterative, PruningRoundRecord::meanIpr));
        ipr.put("IMP: max IPR", curve(iterative, PruningRoundsCsv::maxIpr));
        kurtosis.put("IMP", curve(iterative, PruningRoundRecord::meanPreActivationKurtosis));
        if (!oneShot.isEmpty()) {
            ipr.put("one-shot: mean IPR", curve(oneShot, PruningRoundRecord::meanIpr));
            kurtosis.put("one-shot", curve(oneShot, PruningRoundRecord::meanPreActivationKurtosis));
        }
        Plots.roundCurves("Localization under pruning", "IPR", ipr, out.resolve(IPR_PLOT));
        Plots.roundCurves("Pre-activation kurtosis under pruning", "mean excess kurtosis of w_k . x", kurtosis,
                out.resolve(KURTOSIS_PLOT));
    }

    /** The final IMP phase as a run's summary (see {@link #run}); {@code last} null when none finished. */
    private RunSummary summarizeFinalPhase(PruningRoundRecord last, HeldOutBatch held, String divergence,
                                           double seconds) {
        RunSummary.Status status = divergence == null ? RunSummary.Status.COMPLETED : RunSummary.Status.DIVERGED;
        long planned = (long) (rounds + 1) * config.steps();
        if (last == null) {
            return new RunSummary(status, 0, planned, Double.NaN, Double.NaN, Double.NaN, 0, new double[0], List.of(),
                    held.inputKurtosis(), seconds, Provenance.backend(), Provenance.version(),
                    Provenance.peakResidentBytes(), null, List.of(), divergence);
        }
        return new RunSummary(status, last.steps(), planned, last.loss(), last.loss(), last.accuracy(), last.steps(),
                last.ipr().clone(), List.of(LocalizationMetrics.signedPeaks(last.receptiveFields())),
                held.inputKurtosis(), seconds, Provenance.backend(), Provenance.version(),
                Provenance.peakResidentBytes(), null, List.of(IPR_PLOT, KURTOSIS_PLOT), divergence);
    }

    /** The rewind step of {@code init} (0) or of a step count >= 0. */
    public static long parseRewind(String text) {
        String t = Require.nonNull("rewind", text).trim().toLowerCase(Locale.ROOT);
        if (t.equals(REWIND_INIT)) {
            return 0;
        }
        try {
            return Require.atLeast("rewind", Long.parseLong(t), 0L);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rewind must be init or a step count >= 0, got '" + text + "'", e);
        }
    }

    /** The per-round plot of a protocol: e.g. {@code mask-round-3.png}, {@code one-shot-rf-round-1.png}. */
    public static String roundPlot(boolean oneShot, String kind, int round) {
        return (oneShot ? ONE_SHOT_PREFIX : "") + kind + "-round-" + round + ".png";
    }

    /** Rounds and values of a protocol's records; the one-shot pruned phase is placed at round R. */
    private double[][] curve(List<PruningRoundRecord> records, Function<PruningRoundRecord, Double> value) {
        double[] x = new double[records.size()];
        double[] y = new double[records.size()];
        for (int i = 0; i < x.length; i++) {
            PruningRoundRecord r = records.get(i);
            x[i] = r.oneShot() && r.round() > 0 ? rounds : r.round();
            y[i] = value.apply(r);
        }
        return new double[][] {x, y};
    }

    private static Map<String, Object> protocolSummary(List<PruningRoundRecord> records) {
        PruningRoundRecord dense = records.get(0);
        PruningRoundRecord last = records.get(records.size() - 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", records.size());
        m.put("steps", last.steps());
        m.put("finalSparsity", last.sparsity());
        m.put("finalLoss", last.loss());
        m.put("finalAccuracy", last.accuracy());
        m.put("finalMeanIpr", last.meanIpr());
        m.put("finalMaxIpr", PruningRoundsCsv.maxIpr(last));
        m.put("finalMeanPreactivationExcessKurtosis", last.meanPreActivationKurtosis());
        m.put("finalMeanSpan", last.meanSpan());
        m.put("finalMeanRandomSpan", last.meanRandomSpan());
        m.put("finalMeanDisplacement", last.meanDisplacement());
        m.put("randomDisplacementMean", last.randomDisplacementMean());
        m.put("denseMeanIpr", dense.meanIpr());
        m.put("denseMeanPreactivationExcessKurtosis", dense.meanPreActivationKurtosis());
        return m;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "PruningRun[p=%s, R=%d, E=%d, scope=%s, rewind=%d, baseline=%b, heldOut=%d, stop=%s, %s, %s]", rate,
                rounds, config.steps(), scope, rewindStep, baseline, heldOut, stopBelowConnectedUnits,
                network, config);
    }

    /**
     * The per-round outputs: the CSV row of the record's protocol, its mask and receptive-field
     * plots, then the progress callback. Lives only during {@link #run}; not serializable in
     * practice (it holds the output path and the callback).
     */
    private static final class Outputs implements RecordSink<PruningRoundRecord> {
        private static final long serialVersionUID = 1L;
        private final Path out;
        private final Consumer<PruningRoundRecord> onRound;
        private final PruningRoundsCsv iterative;
        private final PruningRoundsCsv oneShot;
        private final StringBuilder displacements = new StringBuilder(DISPLACEMENTS_HEADER).append('\n');

        Outputs(Path out, Consumer<PruningRoundRecord> onRound) {
            this.out = out;
            this.onRound = onRound;
            this.iterative = new PruningRoundsCsv(out.resolve(ROUNDS));
            this.oneShot = new PruningRoundsCsv(out.resolve(ONE_SHOT));
        }

        @Override
        public void accept(PruningRoundRecord r) {
            (r.oneShot() ? oneShot : iterative).accept(r);
            long[] pairs = r.pairDisplacements();
            double[] random = r.inputs() < 2 ? new double[0]
                    : ConnectionLocality.randomDisplacementProbabilities(r.inputs());
            for (int delta = 1; delta <= pairs.length; delta++) {
                displacements.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%s%n", r.oneShot() ? "one-shot" : "imp",
                        r.round(), r.sparsity(), delta, pairs[delta - 1], random[delta - 1]));
            }
            AtomicFiles.write(out.resolve(DISPLACEMENTS), w -> w.write(displacements.toString()));
            double[][] fields = r.receptiveFields();
            boolean[][] kept = new boolean[fields.length][];
            for (int k = 0; k < fields.length; k++) {
                kept[k] = new boolean[fields[k].length];
                for (int i = 0; i < kept[k].length; i++) {
                    kept[k][i] = fields[k][i] != 0;
                }
            }
            String protocol = r.oneShot() ? "one-shot" : "IMP";
            Plots.maskImage(kept, String.format(Locale.ROOT, "%s round %d: first-layer mask (black: kept), "
                    + "sparsity %.3f", protocol, r.round(), r.sparsity()), out.resolve(roundPlot(r.oneShot(), "mask",
                    r.round())));
            Plots.weightHeatmap(fields, String.format(Locale.ROOT, "%s round %d: weights, units sorted by IPR, "
                    + "mean IPR %.3f", protocol, r.round(), r.meanIpr()), out.resolve(roundPlot(r.oneShot(), "rf",
                    r.round())));
            onRound.accept(r);
        }

        @Override
        public void close() {
            iterative.close();
            oneShot.close();
        }
    }
}
