package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.experiment.PruningRoundsCsv;
import io.github.dl4jlocalization.experiment.PruningRun;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.sweep.PruneTask;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

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
 *   <li>{@value #PLOT}: mean IPR and mean pre-activation excess kurtosis against the round, IMP
 *       curves (error bars: one standard deviation over seeds) with the one-shot points at round
 *       R, NLGP against the clone;</li>
 *   <li>{@code final-mask-<model>.png}, {@code final-rf-<model>.png}: the final IMP mask and
 *       weights of the first seed of each model;</li>
 *   <li>{@value FigureSummary#FILE}: the measured numbers and the verdicts.</li>
 * </ul>
 * Verdicts compare means over seeds with a two-standard-error margin of their difference
 * ({@link SeedStatistics#exceeds}); with few seeds this is a weak test, and the summary says so.
 * "Non-Gaussianity" is the magnitude |kappa| of the mean pre-activation excess kurtosis (NLGP at
 * a large gain has negative excess kurtosis).
 */
public final class ImpFigure implements Figure {
    /** The figure's name. */
    public static final String NAME = "imp";
    /** Per-round statistics. */
    public static final String CSV = "imp-rounds.csv";
    /** IPR and kurtosis against the round. */
    public static final String PLOT = "imp.png";
    /** The two data models compared. */
    public static final List<String> MODELS = List.of("nlgp", "nlgp-clone");
    /** The header of {@value #CSV}. */
    public static final String HEADER = "model,protocol,round,seeds,sparsity,meanIpr,meanIprStd,maxIpr,maxIprStd,"
            + "kurtosis,kurtosisStd,span,spanStd,accuracy,accuracyStd";
    /** The claims checked. */
    public static final String CLAIM = "(C) IMP needs non-Gaussian inputs to find local receptive fields, and raises "
            + "the non-Gaussianity of pre-activations round by round; (D) IMP beats one-shot pruning "
            + "(docs/science.md 8, claims 11-12; qualitative, all settings UNVERIFIED)";

    private static final String IMP = "imp";
    private static final String ONE_SHOT = "one-shot";
    /** The margin of the verdicts, in standard errors of a difference of means. */
    private static final double Z = 2;

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
        this.task = new PruneTask(task.rate(), task.rounds(), task.scope(), task.rewind(), true, task.heldOut());
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
        for (Map.Entry<Map<String, Object>, List<FigureSweeps.Finished>> point : FigureSweeps.byPoint(units).entrySet()) {
            String model = String.valueOf(point.getKey().get("data.model"));
            List<FigureSweeps.Finished> runs = point.getValue();
            curves.put(model + "/" + IMP, rounds(model, IMP, runs, PruningRun.ROUNDS));
            curves.put(model + "/" + ONE_SHOT, rounds(model, ONE_SHOT, runs, PruningRun.ONE_SHOT));
            FigureSweeps.Finished first = runs.get(0);
            copy(first.dir().resolve(PruningRun.roundPlot(false, "mask", task.rounds())),
                    out.resolve("final-mask-" + model + ".png"));
            copy(first.dir().resolve(PruningRun.roundPlot(false, "rf", task.rounds())),
                    out.resolve("final-rf-" + model + ".png"));
        }
        writeCsv(out.resolve(CSV), curves);
        plot(curves, out.resolve(PLOT));
        return measured(curves, units.size());
    }

    /** One round of one protocol on one model: the statistics over seeds of each column. */
    record Round(String model, String protocol, int round, Map<String, SeedStatistics> stats) {
        SeedStatistics get(String column) {
            return stats.get(column);
        }
    }

    private static final List<String> COLUMNS = List.of("sparsity", "meanIpr", "maxIpr",
            "meanPreactivationExcessKurtosis", "meanSpan", "accuracy");

    /** The rows of {@code file} of every run, row by row, as statistics over the runs. */
    private List<Round> rounds(String model, String protocol, List<FigureSweeps.Finished> runs, String file) {
        List<List<Map<String, Double>>> perSeed = new ArrayList<>();
        for (FigureSweeps.Finished run : runs) {
            perSeed.add(PruningRoundsCsv.read(run.dir().resolve(file)));
        }
        int rows = perSeed.get(0).size();
        List<Round> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            final int row = i;
            Map<String, SeedStatistics> stats = new LinkedHashMap<>();
            for (String column : COLUMNS) {
                stats.put(column, SeedStatistics.of(perSeed.stream().mapToDouble(s -> {
                    Require.that(s.size() == rows, file + " rows", s.size(), rows + " in every seed");
                    return s.get(row).get(column);
                }).toArray()));
            }
            // the one-shot pruned phase is drawn and tabulated at round R, the sparsity it shares with IMP's last
            int round = protocol.equals(ONE_SHOT) && i > 0 ? task.rounds() : i;
            out.add(new Round(model, protocol, round, stats));
        }
        return out;
    }

    private static void writeCsv(Path file, Map<String, List<Round>> curves) {
        AtomicFiles.write(file, w -> {
            w.write(HEADER);
            w.write('\n');
            for (List<Round> curve : curves.values()) {
                for (Round r : curve) {
                    StringBuilder line = new StringBuilder(r.model() + "," + r.protocol() + "," + r.round() + ","
                            + r.get("sparsity").count() + "," + r.get("sparsity").mean());
                    for (String column : COLUMNS.subList(1, COLUMNS.size())) {
                        line.append(',').append(r.get(column).mean()).append(',').append(r.get(column).sampleStd());
                    }
                    w.write(line.toString());
                    w.write('\n');
                }
            }
        });
    }

    private void plot(Map<String, List<Round>> curves, Path png) {
        List<XYChart> charts = List.of(
                panel("Localization under pruning", "mean IPR", "meanIpr", curves),
                panel("Pre-activation non-Gaussianity", "mean excess kurtosis of w_k . x",
                        "meanPreactivationExcessKurtosis", curves));
        Plots.saveGrid(charts, 1, 2, png);
    }

    private XYChart panel(String title, String yTitle, String column, Map<String, List<Round>> curves) {
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
            XYSeries line = chart.addSeries(model + " IMP", xs(imp), ys(imp, r -> r.get(column).mean()),
                    ys(imp, r -> zeroIfNaN(r.get(column).sampleStd())));
            line.setLineColor(colour);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(colour);
            List<Round> pruned = oneShot.subList(1, oneShot.size());
            XYSeries point = chart.addSeries(model + " one-shot", xs(pruned),
                    ys(pruned, r -> r.get(column).mean()), ys(pruned, r -> zeroIfNaN(r.get(column).sampleStd())));
            point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            point.setMarker(SeriesMarkers.DIAMOND);
            point.setMarkerColor(colour);
        }
        return chart;
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
    private Map<String, Object> measured(Map<String, List<Round>> curves, int units) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", units);
        for (String model : MODELS) {
            List<Round> imp = curves.get(model + "/" + IMP);
            List<Round> oneShot = curves.get(model + "/" + ONE_SHOT);
            if (imp == null) {
                continue;
            }
            Round dense = imp.get(0);
            Round last = imp.get(imp.size() - 1);
            Round shot = oneShot.get(oneShot.size() - 1);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("finalSparsity", last.get("sparsity").mean());
            s.put("denseMeanIpr", stat(dense.get("meanIpr")));
            s.put("impFinalMeanIpr", stat(last.get("meanIpr")));
            s.put("oneShotFinalMeanIpr", stat(shot.get("meanIpr")));
            s.put("impFinalMaxIpr", stat(last.get("maxIpr")));
            s.put("denseKurtosis", stat(dense.get("meanPreactivationExcessKurtosis")));
            s.put("impFinalKurtosis", stat(last.get("meanPreactivationExcessKurtosis")));
            s.put("oneShotFinalKurtosis", stat(shot.get("meanPreactivationExcessKurtosis")));
            s.put("roundsWithGrowingAbsKurtosis", growing(imp) + " of " + (imp.size() - 1));
            s.put("impFinalSpan", stat(last.get("meanSpan")));
            s.put("oneShotFinalSpan", stat(shot.get("meanSpan")));
            s.put("denseAccuracy", stat(dense.get("accuracy")));
            s.put("impFinalAccuracy", stat(last.get("accuracy")));
            s.put("oneShotFinalAccuracy", stat(shot.get("accuracy")));
            m.put(model, s);
        }
        List<Round> nlgp = curves.get("nlgp/" + IMP);
        List<Round> clone = curves.get("nlgp-clone/" + IMP);
        if (nlgp != null && clone != null) {
            m.put("verdicts", verdicts(nlgp, clone, curves.get("nlgp/" + ONE_SHOT)));
        }
        return m;
    }

    private Map<String, Object> verdicts(List<Round> nlgp, List<Round> clone, List<Round> nlgpOneShot) {
        SeedStatistics nlgpIpr = nlgp.get(nlgp.size() - 1).get("meanIpr");
        SeedStatistics cloneIpr = clone.get(clone.size() - 1).get("meanIpr");
        SeedStatistics cloneDense = clone.get(0).get("meanIpr");
        SeedStatistics shotIpr = nlgpOneShot.get(nlgpOneShot.size() - 1).get("meanIpr");
        SeedStatistics k0 = abs(nlgp.get(0).get("meanPreactivationExcessKurtosis"));
        SeedStatistics kR = abs(nlgp.get(nlgp.size() - 1).get("meanPreactivationExcessKurtosis"));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("margin", "differences of means over " + nlgpIpr.count() + " seeds against " + Z + " standard errors "
                + "(a weak test with few seeds)");
        v.put("nonGaussianInputsNeeded", String.format(Locale.ROOT, "%s: final IMP mean IPR NLGP %.4f vs clone %.4f "
                        + "(clone dense %.4f)", nlgpIpr.exceeds(cloneIpr, Z)
                        ? "consistent (NLGP localizes more under IMP)" : "not reproduced (no significant difference)",
                nlgpIpr.mean(), cloneIpr.mean(), cloneDense.mean()));
        v.put("nonGaussianityGrows", String.format(Locale.ROOT, "%s: NLGP |mean pre-activation excess kurtosis| "
                        + "%.4f dense -> %.4f after %d rounds, growing in %d of %d rounds",
                kR.exceeds(k0, Z) ? "consistent" : "not reproduced", k0.mean(), kR.mean(), task.rounds(), growing(nlgp),
                nlgp.size() - 1));
        v.put("impBeatsOneShot", String.format(Locale.ROOT, "%s: NLGP final mean IPR IMP %.4f vs one-shot %.4f at the "
                        + "same sparsity", nlgpIpr.exceeds(shotIpr, Z) ? "consistent (IMP more localized)"
                        : shotIpr.exceeds(nlgpIpr, Z) ? "contradicted (one-shot more localized)"
                        : "not reproduced (no significant difference)", nlgpIpr.mean(), shotIpr.mean()));
        return v;
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

    private static SeedStatistics abs(SeedStatistics s) {
        return new SeedStatistics(s.count(), Math.abs(s.mean()), s.std());
    }

    private static Map<String, Object> stat(SeedStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", s.mean());
        m.put("std", s.sampleStd());
        m.put("seeds", s.count());
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
