package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.TheoryComparison;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.figures.FigureSweeps.Finished;
import io.github.dl4jlocalization.sweep.SweepGrid;
import io.github.dl4jlocalization.sweep.TheoryTask;
import io.github.dl4jlocalization.util.Require;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Integrated vs simulated receptive field over many initial conditions (Lufkin, Saxe &amp; Grant
 * 2024, the Ising "26 of 28" result; docs/science.md 7.2): for each seed, one {@link TheoryTask} unit
 * trains the single ReLU neuron by SGD and integrates the effective dynamics from the same
 * {@code w0}; the figure counts the seeds whose final signed peaks (docs/science.md 4.2) are equal.
 * Written into the output directory:
 * <ul>
 *   <li>the sweep {@code sweeps/}{@value #SWEEP} (one unit per seed, resumable);</li>
 *   <li>{@value #CSV}: one row per seed ({@link #CSV_HEADER}); peaks written signed, e.g.
 *       {@code -12};</li>
 *   <li>{@value #PLOT}: per seed a panel with the final SGD field (black) and the integrated
 *       field (red, dashed) against input position, each peak marked by a dot.</li>
 * </ul>
 */
public final class PeakMatchFigure implements Figure {
    /** The figure's name. */
    public static final String NAME = "ising-peaks";
    /** The papers' claim it checks (docs/science.md 8, claim 6). */
    public static final String CLAIM = "The integrated receptive field's signed peak equals the SGD one in 26 of 28 "
            + "initial conditions (Ising, xi=(0.3,0.7), L=40; from the project brief, UNVERIFIED: docs/science.md 7.2, 8 "
            + "claim 6)";
    /** The claimed count. */
    public static final MatchCount CLAIMED = new MatchCount(26, 28);
    /** The sweep's name. */
    public static final String SWEEP = "peaks";
    /** The per-seed table. */
    public static final String CSV = "peaks.csv";
    /** The overlay panels. */
    public static final String PLOT = "peaks-overlay.png";
    /** The columns of {@value #CSV}. */
    public static final String CSV_HEADER =
            "seed,status,peakSgd,peakTheory,match,ringDistance,sameSign,iprSgd,iprTheory,l2Error";

    private static final int COLUMNS = 7;
    private static final int PANEL_WIDTH = 330;
    private static final int PANEL_HEIGHT = 210;
    private static final Color THEORY = new Color(0xB2182B);

    private final RunConfig base;
    private final List<Long> seeds;
    private final TheoryTask task;

    /**
     * @param base  the run configuration (its seed is replaced by each of {@code seeds})
     * @param seeds distinct seeds, at least one
     * @param task  the comparison each unit makes
     */
    public PeakMatchFigure(RunConfig base, List<Long> seeds, TheoryTask task) {
        this.base = Require.nonNull("base", base);
        Require.that(seeds != null && !seeds.isEmpty(), "seeds", seeds, "at least one seed");
        this.seeds = List.copyOf(seeds);
        this.task = Require.nonNull("task", task);
        task.check(base);
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
        Map<String, Object> settings = new LinkedHashMap<>(base.toMap());
        settings.remove("seed");
        settings.put("seeds", seeds);
        settings.put("task", task.toMap());
        return settings;
    }

    /** Runs the comparisons, writes {@value #CSV} and {@value #PLOT}, and states the count against the claim. */
    @Override
    public Map<String, Object> produce(FigureSweeps sweeps, Path out) {
        Result result = run(sweeps, out, base, seeds, task);
        Map<String, Object> measured = measured(result);
        double[] ci = result.count().wilsonInterval(MatchCount.Z95);
        boolean inside = CLAIMED.fraction() >= ci[0] && CLAIMED.fraction() <= ci[1];
        measured.put("seedsRequested", seeds.size());
        measured.put("verdict", String.format(Locale.ROOT, "%s signed-peak matches (95%% Wilson interval %.2f-%.2f); "
                        + "the claimed %s = %.2f lies %s it", result.count(), ci[0], ci[1], CLAIMED,
                CLAIMED.fraction(), inside ? "inside" : "outside"));
        return measured;
    }

    /**
     * What the figure measured.
     *
     * @param rows   one comparison per seed that ran to its end, in seed order
     * @param count  signed-peak matches out of those seeds
     * @param length the ring's length L (number of inputs)
     */
    public record Result(List<PeakComparison> rows, MatchCount count, int length) {
        /** Copies the rows. */
        public Result {
            rows = List.copyOf(rows);
            Require.nonNull("count", count);
        }

        /** Seeds whose peaks have the same sign and lie at most {@code sites} apart on the ring. */
        public int within(int sites) {
            return (int) rows.stream().filter(r -> r.sameSign() && r.ringDistance(length) <= sites).count();
        }
    }

    /**
     * The sweep grid: {@code base} at each seed, every unit the comparison {@code task}.
     *
     * @param base  the run configuration (its seed is replaced by each of {@code seeds})
     * @param seeds distinct seeds, at least one
     */
    public static Map<String, Object> grid(RunConfig base, List<Long> seeds, TheoryTask task) {
        Require.that(seeds != null && !seeds.isEmpty(), "seeds", seeds, "at least one seed");
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("base", base.toMap());
        grid.put("seeds", List.copyOf(seeds));
        grid.put("task", Require.nonNull("task", task).toMap());
        return grid;
    }

    /**
     * Runs (or resumes) the sweep and writes {@value #CSV} and {@value #PLOT} into {@code out}.
     *
     * @throws IllegalStateException when every unit failed
     */
    public static Result run(FigureSweeps sweeps, Path out, RunConfig base, List<Long> seeds, TheoryTask task) {
        List<Finished> finished = sweeps.run(SWEEP, grid(base, seeds, task));
        int length = base.dataModel().dimension();
        List<PeakComparison> rows = new ArrayList<>();
        List<XYChart> panels = new ArrayList<>();
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Finished f : finished) {
            long seed = ((Number) f.axis(SweepGrid.SEED)).longValue();
            PeakComparison c = PeakComparison.of(seed, f.result().measures());
            rows.add(c);
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%d,%d,%d,%s,%s,%s%n", seed,
                    f.result().status().name().toLowerCase(Locale.ROOT), c.sgd(), c.theory(), c.match() ? 1 : 0,
                    c.ringDistance(length), c.sameSign() ? 1 : 0, c.iprSgd(), c.iprTheory(), c.l2Error()));
            panels.add(panel(c, f.dir(), panels.isEmpty()));
        }
        AtomicFiles.write(out.resolve(CSV), w -> w.write(csv.toString()));
        Plots.savePanels(panels, COLUMNS, out.resolve(PLOT));
        int matches = (int) rows.stream().filter(PeakComparison::match).count();
        return new Result(rows, new MatchCount(matches, rows.size()), length);
    }

    /**
     * The final fields of one unit: the SGD run's last record and the integrated field at the
     * same step (where the comparison's peaks were taken).
     */
    static double[][] finalFields(Path unitDir) {
        List<WeightSnapshot> sgd = new RunDirectory(unitDir.resolve(TheoryComparison.SGD_DIR)).readWeights();
        WeightSnapshot last = sgd.get(sgd.size() - 1);
        WeightSnapshot theory = new RunDirectory(unitDir).readWeights(TheoryComparison.THEORY_WEIGHTS).stream()
                .filter(s -> s.step() == last.step()).findFirst()
                .orElseThrow(() -> new IllegalStateException(unitDir.resolve(TheoryComparison.THEORY_WEIGHTS)
                        + " has no record at the SGD run's last step " + last.step()));
        return new double[][] {last.fields()[0], theory.fields()[0]};
    }

    private static XYChart panel(PeakComparison c, Path unitDir, boolean legend) {
        double[][] fields = finalFields(unitDir);
        double[] x = IntStream.range(0, fields[0].length).asDoubleStream().toArray();
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(String.format(Locale.ROOT, "seed %d: SGD %s %s theory %s", c.seed(), c.sgd(),
                        c.match() ? "=" : "!=", c.theory()))
                .xAxisTitle("input position i").yAxisTitle("w_i").build();
        Plots.style(chart);
        chart.getStyler().setLegendVisible(legend);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        Plots.line(chart.addSeries("SGD", x, fields[0]), Color.BLACK, false);
        Plots.line(chart.addSeries("theory", x, fields[1]), THEORY, true);
        Plots.marker(chart, "SGD peak", c.sgd().index(), fields[0][c.sgd().index()], Color.BLACK);
        Plots.marker(chart, "theory peak", c.theory().index(), fields[1][c.theory().index()], THEORY);
        return chart;
    }

    /**
     * The figure's measured numbers for {@code summary.json}: the count as {@code "k/n"}, the
     * fraction with its 95 % Wilson interval, near misses (same sign, at most one site apart, with
     * their interval), the chance level of a match
     * ({@code 1/(2L)}: uniform position and sign) and the mean final IPRs.
     */
    public static Map<String, Object> measured(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matches", r.count().toString());
        m.put("matchFraction", r.count().fraction());
        double[] ci = r.count().wilsonInterval(MatchCount.Z95);
        m.put("matchFraction95", List.of(ci[0], ci[1]));
        m.put("sameSignWithinOneSite", r.within(1));
        double[] near = new MatchCount(r.within(1), r.rows().size()).wilsonInterval(MatchCount.Z95);
        m.put("sameSignWithinOneSite95", List.of(near[0], near[1]));
        m.put("sameSign", (int) r.rows().stream().filter(PeakComparison::sameSign).count());
        m.put("chanceMatchProbability", 1.0 / (2 * r.length()));
        m.put("meanIprSgd", r.rows().stream().mapToDouble(PeakComparison::iprSgd).average().orElse(Double.NaN));
        m.put("meanIprTheory", r.rows().stream().mapToDouble(PeakComparison::iprTheory).average()
                .orElse(Double.NaN));
        m.put("meanL2Error", r.rows().stream().mapToDouble(PeakComparison::l2Error).average().orElse(Double.NaN));
        return m;
    }
}
