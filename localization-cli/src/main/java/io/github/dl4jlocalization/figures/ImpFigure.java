package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.experiment.PruningRoundsCsv;
import io.github.dl4jlocalization.experiment.PruningRun;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.sweep.PruneTask;
import io.github.dl4jlocalization.sweep.SweepGrid;
import io.github.dl4jlocalization.util.Require;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * {@code figure imp}: iterative magnitude pruning (IMP) of the same network on NLGP(g) and on its
 * Gaussian clone (same covariance, no higher-order structure), each against one-shot pruning at
 * the same final sparsity (Redman et al. 2024, Pellegrini &amp; Biroli 2022; docs/science.md 7.6, claims
 * 11 and 12). One sweep {@code data.model in {nlgp, nlgp-clone}} x seeds of {@link PruneTask} with
 * the baseline on. Written into the figure directory:
 * <ul>
 *   <li>{@value #CSV}: per model, protocol ({@code imp}, {@code one-shot}) and round, the mean and
 *       sample standard deviation over seeds of sparsity, mean and max IPR, mean pre-activation
 *       excess kurtosis, mean circular span of the surviving inputs and accuracy (the one-shot
 *       rows at round 0, dense, and R, pruned once to the final sparsity);</li>
 *   <li>{@value #PLOT}: mean IPR, mean pre-activation excess kurtosis and the span of the surviving
 *       inputs over its expectation for as many randomly placed inputs, against the round, IMP
 *       curves (error bars: one standard deviation over seeds) with the one-shot points at the
 *       seeds' mean final round, NLGP against the clone; and Pellegrini &amp; Biroli's histogram of
 *       the displacement between surviving inputs of a unit in the final phase against random
 *       placement;</li>
 *   <li>{@code final-mask-<model>.png}, {@code final-rf-<model>.png}: the final IMP mask and
 *       weights of the first seed of each model;</li>
 *   <li>{@value #LOCALITY_CSV}: NLGP against its clone at every common round, paired by seed
 *       (span over random placement, the difference's 95 % interval, accuracies);</li>
 *   <li>{@value FigureSummary#FILE}: the measured numbers and the verdicts.</li>
 * </ul>
 * Locality is judged against the null model of as many randomly placed connections
 * ({@link io.github.dl4jlocalization.metrics.ConnectionLocality}): the IPR of n surviving weights is at
 * least 1/n wherever they sit, so it rises with sparsity alone. Verdicts are per-seed differences
 * with their 95 % Student-t interval ({@link SeedStatistics#interval95}); a difference counts only
 * when the interval excludes 0. "Non-Gaussianity" is the magnitude |kappa| of the mean
 * pre-activation excess kurtosis (NLGP at a large gain has negative excess kurtosis). With the
 * connected-units stopping rule seeds may stop at different rounds: curves use the rounds every
 * seed reached, NLGP and its clone are compared at the last round all seeds of both reached.
 */
public final class ImpFigure implements Figure {
    /** The figure's name. */
    public static final String NAME = "imp";
    /** Per-round statistics. */
    public static final String CSV = "imp-rounds.csv";
    /** IPR and kurtosis against the round. */
    public static final String PLOT = "imp.png";
    /** NLGP against its clone round by round, paired by seed. */
    public static final String LOCALITY_CSV = "imp-locality.csv";
    /** The header of {@value #LOCALITY_CSV}. */
    public static final String LOCALITY_HEADER = "round,sparsity,seeds,nlgpSpanOverRandom,cloneSpanOverRandom,"
            + "cloneMinusNlgp,cloneMinusNlgpLow95,cloneMinusNlgpHigh95,nlgpAccuracy,cloneAccuracy";
    /** The two data models compared. */
    public static final List<String> MODELS = List.of("nlgp", "nlgp-clone");
    /** The header of {@value #CSV}. */
    public static final String HEADER = "model,protocol,round,seeds,sparsity,meanIpr,meanIprStd,maxIpr,maxIprStd,"
            + "kurtosis,kurtosisStd,span,spanStd,randomSpan,randomSpanStd,displacement,displacementStd,"
            + "randomDisplacement,randomDisplacementStd,accuracy,accuracyStd,spanOverRandom,spanOverRandomStd";
    /** The claims checked. */
    public static final String CLAIM = "(C) IMP needs non-Gaussian inputs to find local receptive fields, and raises "
            + "the non-Gaussianity of pre-activations round by round; (D) IMP beats one-shot pruning "
            + "(docs/science.md 8, claims 11-12; qualitative, all settings UNVERIFIED)";

    private static final String IMP = "imp";
    private static final String ONE_SHOT = "one-shot";

    private final RunConfig config;
    private final PruneTask task;
    private final int seeds;

    /**
     * @param config the network, data (its model replaced by each of {@link #MODELS}), training and steps per round
     * @param task   the pruning settings; the baseline is always run
     * @param seeds  seeds 0..n-1 per model, >= 1
     */
    public ImpFigure(RunConfig config, PruneTask task, int seeds) {
        this.config = Require.nonNull("config", config);
        Require.nonNull("task", task);
        this.task = task.withBaseline(true);
        this.seeds = Require.atLeast("seeds", seeds, 1);
    }

    /** The sweep's grid map. */
    public Map<String, Object> grid() {
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("base", config.toMap());
        grid.put("axes", Map.of("data.model", MODELS));
        grid.put("seeds", seeds);
        grid.put("task", task.toMap());
        return grid;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String claim() {
        return CLAIM;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("config", config.toMap());
        settings.put("pruning", task.settings());
        settings.put("models", MODELS);
        settings.put("seeds", seeds);
        return settings;
    }

    /** Runs the sweep and writes the figure's CSV and PNGs into {@code out}. */
    @Override
    public Map<String, Object> produce(FigureSweeps sweeps, Path out) {
        List<FigureSweeps.Finished> units = sweeps.run(NAME, grid());
        Map<String, List<Round>> curves = new LinkedHashMap<>();
        Map<String, List<SeedRun>> runsByModel = new LinkedHashMap<>();
        for (Map.Entry<Map<String, Object>, List<FigureSweeps.Finished>> point : FigureSweeps.byPoint(units).entrySet()) {
            String model = String.valueOf(point.getKey().get("data.model"));
            List<SeedRun> runs = point.getValue().stream().map(SeedRun::read)
                    .sorted(Comparator.comparingLong(SeedRun::seed)).toList();
            runsByModel.put(model, runs);
            curves.put(model + "/" + IMP, rounds(model, IMP, runs));
            curves.put(model + "/" + ONE_SHOT, rounds(model, ONE_SHOT, runs));
            SeedRun first = runs.get(0);
            int lastRound = first.imp().size() - 1;
            copy(first.dir().resolve(PruningRun.roundPlot(false, "mask", lastRound)),
                    out.resolve("final-mask-" + model + ".png"));
            copy(first.dir().resolve(PruningRun.roundPlot(false, "rf", lastRound)),
                    out.resolve("final-rf-" + model + ".png"));
        }
        writeCsv(out.resolve(CSV), curves);
        if (runsByModel.containsKey(MODELS.get(0)) && runsByModel.containsKey(MODELS.get(1))) {
            writeLocality(out.resolve(LOCALITY_CSV), runsByModel.get(MODELS.get(0)), runsByModel.get(MODELS.get(1)));
        }
        plot(curves, runsByModel, out.resolve(PLOT));
        return measured(curves, runsByModel, units.size());
    }

    /**
     * One seed's unit: its rows of {@value PruningRun#ROUNDS} and {@value PruningRun#ONE_SHOT}
     * (column name to value) and its directory.
     */
    record SeedRun(long seed, Path dir, List<Map<String, Double>> imp, List<Map<String, Double>> oneShot) {
        static SeedRun read(FigureSweeps.Finished f) {
            return new SeedRun(((Number) f.axis(SweepGrid.SEED)).longValue(), f.dir(),
                    PruningRoundsCsv.read(f.dir().resolve(PruningRun.ROUNDS)),
                    PruningRoundsCsv.read(f.dir().resolve(PruningRun.ONE_SHOT)));
        }

        List<Map<String, Double>> rows(String protocol) {
            return protocol.equals(IMP) ? imp : oneShot;
        }

        Map<String, Double> last(String protocol) {
            List<Map<String, Double>> rows = rows(protocol);
            return rows.get(rows.size() - 1);
        }
    }

    /**
     * One round of one protocol on one model: the statistics over seeds of each column; the
     * one-shot pruned phase sits at the mean final IMP round of its seeds (the sparsity it shares
     * with each seed's last IMP round).
     */
    record Round(String model, String protocol, double round, Map<String, SeedStatistics> stats) {
        SeedStatistics get(String column) {
            return stats.get(column);
        }
    }

    private static final List<String> COLUMNS = List.of("sparsity", "meanIpr", "maxIpr",
            "meanPreactivationExcessKurtosis", "meanSpan", "meanRandomSpan", "meanDisplacement",
            "randomDisplacementMean", "accuracy");
    /** The per-seed ratio {@link #spanOverRandom}, a statistic of its own next to the columns. */
    private static final String SPAN_OVER_RANDOM = "spanOverRandom";
    /** The statistics written as mean and std after the sparsity in {@value #CSV}. */
    private static final List<String> CSV_STATISTICS = Stream.concat(COLUMNS.stream().skip(1),
            Stream.of(SPAN_OVER_RANDOM)).toList();

    /**
     * The rows of a protocol over the seeds, row by row: the first rows every seed reached (seeds
     * stopped by the connected-units rule may have fewer rounds than others).
     */
    private static List<Round> rounds(String model, String protocol, List<SeedRun> runs) {
        int rows = runs.stream().mapToInt(r -> r.rows(protocol).size()).min().orElse(0);
        double finalRound = runs.stream().mapToDouble(r -> r.imp().size() - 1).average().orElse(Double.NaN);
        List<Round> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            final int row = i;
            Map<String, SeedStatistics> stats = new LinkedHashMap<>();
            for (String column : COLUMNS) {
                stats.put(column, over(runs, r -> r.rows(protocol).get(row).get(column)));
            }
            stats.put(SPAN_OVER_RANDOM, over(runs, r -> spanOverRandom(r.rows(protocol).get(row))));
            out.add(new Round(model, protocol, protocol.equals(ONE_SHOT) && i > 0 ? finalRound : i, stats));
        }
        return out;
    }

    private static void writeCsv(Path file, Map<String, List<Round>> curves) {
        AtomicFiles.write(file, w -> {
            w.write(HEADER);
            w.write('\n');
            for (List<Round> curve : curves.values()) {
                for (Round r : curve) {
                    String round = r.round() == Math.rint(r.round()) ? Long.toString((long) r.round())
                            : Double.toString(r.round());
                    StringBuilder line = new StringBuilder(r.model() + "," + r.protocol() + "," + round + ","
                            + r.get("sparsity").count() + "," + r.get("sparsity").mean());
                    for (String column : CSV_STATISTICS) {
                        line.append(',').append(r.get(column).mean()).append(',').append(r.get(column).sampleStd());
                    }
                    w.write(line.toString());
                    w.write('\n');
                }
            }
        });
    }

    /**
     * {@value #LOCALITY_CSV}: at every round all seeds of both models reached (equal sparsity), the
     * span over its random expectation of NLGP and of the clone (means over seeds) and their
     * per-seed difference with its 95 % interval, next to the held-out accuracies, so that the
     * comparison can be read where the pruned networks still work (the stopping rule may end the
     * rounds at chance accuracy).
     */
    private static void writeLocality(Path file, List<SeedRun> nlgp, List<SeedRun> clone) {
        int rounds = commonRounds(nlgp, clone);
        AtomicFiles.write(file, w -> {
            w.write(LOCALITY_HEADER + "\n");
            for (int round = 0; round < rounds; round++) {
                final int r = round;
                SeedStatistics gap = SeedStatistics.of(paired(clone, nlgp, run -> spanOverRandom(run.imp().get(r))));
                double[] ci = gap.interval95();
                w.write(String.format(Locale.ROOT, "%d,%s,%d,%s,%s,%s,%s,%s,%s,%s%n", round,
                        nlgp.get(0).imp().get(round).get("sparsity"), gap.count(),
                        mean(nlgp, run -> spanOverRandom(run.imp().get(r))),
                        mean(clone, run -> spanOverRandom(run.imp().get(r))), gap.mean(), ci[0], ci[1],
                        mean(nlgp, run -> run.imp().get(r).get("accuracy")),
                        mean(clone, run -> run.imp().get(r).get("accuracy"))));
            }
        });
    }

    /** The IMP rounds every seed of both models reached (all of them share their sparsities). */
    private static int commonRounds(List<SeedRun> nlgp, List<SeedRun> clone) {
        return Stream.concat(nlgp.stream(), clone.stream()).mapToInt(r -> r.imp().size()).min().orElse(0);
    }

    /** One value per seed, in seed order. */
    private static double[] values(List<SeedRun> runs, ToDoubleFunction<SeedRun> value) {
        return runs.stream().mapToDouble(value).toArray();
    }

    /** The statistics over seeds of one value per seed. */
    private static SeedStatistics over(List<SeedRun> runs, ToDoubleFunction<SeedRun> value) {
        return SeedStatistics.of(values(runs, value));
    }

    private static double mean(List<SeedRun> runs, ToDoubleFunction<SeedRun> value) {
        return over(runs, value).mean();
    }

    private void plot(Map<String, List<Round>> curves, Map<String, List<SeedRun>> runsByModel, Path png) {
        List<XYChart> charts = List.of(
                panel("Localization under pruning", "mean IPR", r -> r.get("meanIpr"), curves),
                panel("Pre-activation non-Gaussianity", "mean excess kurtosis of w_k . x",
                        r -> r.get("meanPreactivationExcessKurtosis"), curves),
                panel("Span of the surviving inputs vs random placement", "mean span / random span",
                        r -> r.get(SPAN_OVER_RANDOM), curves),
                displacementPanel(runsByModel));
        Plots.saveGrid(charts, 2, 2, png);
    }

    private XYChart panel(String title, String yTitle, Function<Round, SeedStatistics> value,
                          Map<String, List<Round>> curves) {
        XYChart chart = Plots.lineChart(title, "pruning round", yTitle);
        chart.getStyler().setYAxisDecimalPattern("0.0##");
        int m = 0;
        for (String model : MODELS) {
            Color colour = Plots.seriesColour(m++);
            List<Round> imp = curves.get(model + "/" + IMP);
            List<Round> oneShot = curves.get(model + "/" + ONE_SHOT);
            if (imp == null) {
                continue;
            }
            XYSeries line = chart.addSeries(model + " IMP", xs(imp), ys(imp, r -> value.apply(r).mean()),
                    ys(imp, r -> zeroIfNaN(value.apply(r).sampleStd())));
            line.setLineColor(colour);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(colour);
            List<Round> pruned = oneShot.subList(1, oneShot.size());
            XYSeries point = chart.addSeries(model + " one-shot", xs(pruned),
                    ys(pruned, r -> value.apply(r).mean()), ys(pruned, r -> zeroIfNaN(value.apply(r).sampleStd())));
            point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            point.setMarker(SeriesMarkers.DIAMOND);
            point.setMarkerColor(colour);
        }
        return chart;
    }

    /**
     * Pellegrini &amp; Biroli's locality histogram: over the seeds' final phases, the fraction of
     * pairs of a unit's surviving inputs at each displacement, per model and protocol, against
     * random placement.
     */
    private static XYChart displacementPanel(Map<String, List<SeedRun>> runsByModel) {
        XYChart chart = Plots.lineChart("Displacement between surviving inputs of a unit (final round)",
                "displacement (sites)", "fraction of pairs");
        chart.getStyler().setYAxisDecimalPattern("0.0##");
        double[] random = null;
        int m = 0;
        for (String model : MODELS) {
            List<SeedRun> runs = runsByModel.get(model);
            Color colour = Plots.seriesColour(m++);
            if (runs == null) {
                continue;
            }
            for (String protocol : List.of(IMP, ONE_SHOT)) {
                double[][] h = finalDisplacements(runs, protocol);
                random = h[1];
                XYSeries series = chart.addSeries(model + " " + protocol, range(h[0].length), h[0]);
                Plots.line(series, colour, protocol.equals(ONE_SHOT));
                series.setMarker(protocol.equals(IMP) ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                series.setMarkerColor(colour);
            }
        }
        if (random != null) {
            XYSeries series = chart.addSeries("random placement", range(random.length), random);
            series.setLineColor(Color.GRAY);
            series.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * {fractions of pairs per displacement 1..D/2 pooled over the seeds' final phases, the random
     * fractions}: the rows of {@value PruningRun#DISPLACEMENTS} of each seed's last phase of
     * {@code protocol}, one per displacement in order.
     */
    static double[][] finalDisplacements(List<SeedRun> runs, String protocol) {
        List<Double> pairs = new ArrayList<>();
        List<Double> random = new ArrayList<>();
        for (SeedRun run : runs) {
            double round = run.last(protocol).get("round");
            for (String line : readLines(run.dir().resolve(PruningRun.DISPLACEMENTS))) {
                String[] f = line.split(",");
                if (f[0].equals(protocol) && Double.parseDouble(f[1]) == round) {
                    int i = Integer.parseInt(f[3]) - 1;
                    if (i == pairs.size()) {
                        pairs.add(0.0);
                        random.add(Double.parseDouble(f[5]));
                    }
                    pairs.set(i, pairs.get(i) + Double.parseDouble(f[4]));
                }
            }
        }
        Require.that(!pairs.isEmpty(), PruningRun.DISPLACEMENTS, "no rows", "rows of the final " + protocol + " phase");
        double total = pairs.stream().mapToDouble(Double::doubleValue).sum();
        return new double[][] {pairs.stream().mapToDouble(p -> total == 0 ? Double.NaN : p / total).toArray(),
            random.stream().mapToDouble(Double::doubleValue).toArray()};
    }

    private static List<String> readLines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            Require.that(!lines.isEmpty() && lines.get(0).equals(PruningRun.DISPLACEMENTS_HEADER), "header of " + file,
                    lines.isEmpty() ? "(empty file)" : lines.get(0), PruningRun.DISPLACEMENTS_HEADER);
            return lines.subList(1, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static double[] range(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static double[] xs(List<Round> rounds) {
        return rounds.stream().mapToDouble(Round::round).toArray();
    }

    private static double[] ys(List<Round> rounds, Function<Round, Double> value) {
        return rounds.stream().mapToDouble(value::apply).toArray();
    }

    /** The numbers and verdicts of the summary. */
    private Map<String, Object> measured(Map<String, List<Round>> curves, Map<String, List<SeedRun>> runsByModel,
                                         int units) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", units);
        for (String model : MODELS) {
            List<SeedRun> runs = runsByModel.get(model);
            if (runs == null) {
                continue;
            }
            List<Round> imp = curves.get(model + "/" + IMP);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("seeds", runs.size());
            s.put("finalRounds", runs.stream().map(r -> r.imp().size() - 1).toList());
            s.put("finalSparsity", stat(runs, r -> r.last(IMP).get("sparsity")));
            for (String column : List.of("meanIpr", "meanPreactivationExcessKurtosis", "accuracy")) {
                s.put("dense." + column, stat(runs, r -> r.imp().get(0).get(column)));
            }
            for (String column : List.of("meanIpr", "meanPreactivationExcessKurtosis", "accuracy", "meanSpan",
                    "meanRandomSpan", "meanDisplacement")) {
                s.put("imp." + column, stat(runs, r -> r.last(IMP).get(column)));
                s.put("oneShot." + column, stat(runs, r -> r.last(ONE_SHOT).get(column)));
            }
            s.put("randomDisplacementMean", runs.get(0).imp().get(0).get("randomDisplacementMean"));
            s.put("imp.spanOverRandom", stat(runs, r -> spanOverRandom(r.last(IMP))));
            s.put("oneShot.spanOverRandom", stat(runs, r -> spanOverRandom(r.last(ONE_SHOT))));
            s.put("imp.displacementOverRandom", stat(runs, r -> displacementOverRandom(r.last(IMP))));
            s.put("roundsWithGrowingAbsKurtosis", growing(imp) + " of " + (imp.size() - 1));
            m.put(model, s);
        }
        List<SeedRun> nlgp = runsByModel.get("nlgp");
        List<SeedRun> clone = runsByModel.get("nlgp-clone");
        if (nlgp != null && clone != null) {
            m.put("verdicts", verdicts(nlgp, clone));
        }
        return m;
    }

    /** Span over its random-placement expectation: 1 for randomly placed survivors, small for local ones. */
    static double spanOverRandom(Map<String, Double> row) {
        return row.get("meanSpan") / row.get("meanRandomSpan");
    }

    /** Mean pair displacement over its random-placement expectation. */
    static double displacementOverRandom(Map<String, Double> row) {
        return row.get("meanDisplacement") / row.get("randomDisplacementMean");
    }

    /**
     * The verdicts, each on per-seed values with the 95 % Student-t interval of their mean
     * ({@link SeedStatistics#interval95}): a difference counts only when its interval excludes 0.
     * NLGP and its clone are compared at the last round every seed of both reached (equal sparsity),
     * paired by seed (the same initial weights); IMP and one-shot on each seed's final sparsity.
     */
    private Map<String, Object> verdicts(List<SeedRun> nlgp, List<SeedRun> clone) {
        Require.that(nlgp.size() == clone.size(), "seeds", nlgp.size() + " vs " + clone.size(),
                "the same seeds for both models");
        int common = commonRounds(nlgp, clone) - 1;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("method", "per-seed differences over " + nlgp.size() + " seeds, mean with its 95 % Student-t interval; "
                + "a difference counts only when the interval excludes 0");
        v.put("comparisonRound", common);
        v.put("comparisonSparsity", nlgp.get(0).imp().get(common).get("sparsity"));
        double[] spanGap = paired(clone, nlgp, r -> spanOverRandom(r.imp().get(common)));
        double[] iprGap = paired(nlgp, clone, r -> r.imp().get(common).get("meanIpr"));
        v.put("nonGaussianInputsNeeded", verdict(spanGap, "clone minus NLGP span over its random expectation, round "
                + common, "consistent (NLGP's surviving inputs more local)", "contradicted (the clone's more local)"));
        v.put("nonGaussianInputsNeededByIpr", verdict(iprGap, "NLGP minus clone mean IPR, round " + common,
                "NLGP more localized by IPR", "the clone more localized by IPR"));
        for (Map.Entry<String, List<SeedRun>> model : List.of(Map.entry("nlgp", nlgp), Map.entry("nlgp-clone", clone))) {
            double[] local = values(model.getValue(), r -> 1 - spanOverRandom(r.last(IMP)));
            v.put("localBeyondRandomPlacement." + model.getKey(), verdict(local, "1 - final IMP span over its random "
                    + "expectation", "local beyond what the number of survivors explains", "less local than random"));
        }
        double[] impSpan = values(nlgp, r -> spanOverRandom(r.last(ONE_SHOT)) - spanOverRandom(r.last(IMP)));
        double[] impIpr = values(nlgp, r -> r.last(IMP).get("meanIpr") - r.last(ONE_SHOT).get("meanIpr"));
        v.put("impBeatsOneShot", verdict(impSpan, "NLGP one-shot minus IMP span over its random expectation, at "
                + "each seed's final sparsity", "consistent (IMP more local)", "contradicted (one-shot more local)"));
        v.put("impBeatsOneShotByIpr", verdict(impIpr, "NLGP IMP minus one-shot mean IPR", "IMP more localized by IPR",
                "one-shot more localized by IPR"));
        double[] growth = values(nlgp, r -> Math.abs(r.last(IMP).get("meanPreactivationExcessKurtosis"))
                - Math.abs(r.imp().get(0).get("meanPreactivationExcessKurtosis")));
        v.put("nonGaussianityGrows", verdict(growth, "NLGP |mean pre-activation excess kurtosis|, final minus dense",
                "consistent (grows)", "contradicted (shrinks)"));
        return v;
    }

    /** {@code value(a_s) - value(b_s)} for each seed s (the two lists in the same seed order). */
    private static double[] paired(List<SeedRun> a, List<SeedRun> b, ToDoubleFunction<SeedRun> value) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            Require.that(a.get(i).seed() == b.get(i).seed(), "seed", b.get(i).seed(), "seed " + a.get(i).seed());
            d[i] = value.applyAsDouble(a.get(i)) - value.applyAsDouble(b.get(i));
        }
        return d;
    }

    /** A verdict on per-seed values: their mean, 95 % interval, and which side of 0 it lies. */
    private static Map<String, Object> verdict(double[] values, String what, String positive, String negative) {
        SeedStatistics s = SeedStatistics.of(values);
        double[] ci = s.interval95();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", what);
        m.put("mean", s.mean());
        m.put("interval95", List.of(ci[0], ci[1]));
        m.put("seeds", s.count());
        m.put("verdict", ci[0] > 0 ? positive : ci[1] < 0 ? negative
                : Double.isNaN(ci[0]) ? "undecided (fewer than 2 seeds)" : "no difference beyond the 95 % interval");
        return m;
    }

    /** Rounds r >= 1 whose mean |kurtosis| exceeds round r - 1's. */
    private static int growing(List<Round> imp) {
        int n = 0;
        for (int r = 1; r < imp.size(); r++) {
            if (Math.abs(imp.get(r).get("meanPreactivationExcessKurtosis").mean())
                    > Math.abs(imp.get(r - 1).get("meanPreactivationExcessKurtosis").mean())) {
                n++;
            }
        }
        return n;
    }

    /** The mean over seeds with its 95 % interval. */
    private static Map<String, Object> stat(List<SeedRun> runs, ToDoubleFunction<SeedRun> value) {
        SeedStatistics s = over(runs, value);
        double[] ci = s.interval95();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", s.mean());
        m.put("interval95", List.of(ci[0], ci[1]));
        return m;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ImpFigure[" + task + ", seeds=" + seeds + ", " + config + "]";
    }
}
