package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.util.Require;
import org.knowm.xchart.XYChart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Many neurons (docs/science.md 7.5; claim 8): each selected {@link ManyNeuronsPanel} trained
 * with seeds {@code 0..seeds-1}. Per run: mean and largest IPR over hidden units at the last
 * record, and the fraction of <em>localized</em> units, those with IPR above {@code localizedIpr}
 * ({@link LocalizationMetrics#fractionAbove}; the reference code calls a neuron localized above
 * 0.1 or 0.15; an i.i.d. Gaussian weight vector has IPR about 3/(D+2): 0.029 at D = 100, 0.071 at
 * D = 40).
 *
 * <p>A panel <em>localizes</em> when the mean over seeds of its fraction of localized units is at
 * least {@value #MAJORITY} (most units localized). Claim 8 is checked when the three SCM panels
 * ran: it holds when scm-kur10 and scm-kur30 localize and scm-kur4 does not.
 *
 * <p>Writes {@value #CSV} (one row per panel and seed; diverged runs have NaN numbers) and
 * {@code <panel>.png}: the receptive-field evolution of hidden units 0..9 (the first
 * {@code min(K, 10)}, as the reference's {@code plot_rf_evolution} draws the first
 * {@code rows x cols} units) of the first seed, 2 x 5 panels on one y range.
 *
 * @param panels       the selected panels and their resolved configurations, in order, non-empty
 * @param seeds        seeds per panel, >= 1
 * @param localizedIpr the IPR above which a unit counts as localized, in (0, 1)
 */
public record ManyNeuronsFigure(Map<ManyNeuronsPanel, RunConfig> panels, int seeds, double localizedIpr)
        implements Figure {
    /** The figure's name. */
    public static final String NAME = "many-neurons";
    /** Per-run table. */
    public static final String CSV = "many-neurons.csv";
    /** Default IPR threshold of a localized unit (the reference's 0.1). */
    public static final double DEFAULT_LOCALIZED_IPR = 0.1;
    /** Fraction of localized units from which a panel counts as localizing. */
    public static final double MAJORITY = 0.5;
    /** Units drawn per panel (the reference's 2 x 5). */
    public static final int DRAWN_UNITS = 10;

    /** Validates and copies the panels. */
    public ManyNeuronsFigure {
        Require.that(panels != null && !panels.isEmpty(), "panels", panels, "at least one panel");
        panels = Collections.unmodifiableMap(new LinkedHashMap<>(panels));
        Require.atLeast("seeds", seeds, 1);
        Require.that(localizedIpr > 0 && localizedIpr < 1, "localized-ipr", localizedIpr, "in (0, 1)");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String claim() {
        return "Many neurons: an SCM with K = 10 sigmoid units localizes on Kur(10) and Kur(30), not on Kur(4); "
                + "two-layer networks on NLGP(100) and Kur(30) also learn localized fields (docs/science.md 8, claim 8, "
                + "inferred from notebook labels, UNVERIFIED)";
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> configs = new LinkedHashMap<>();
        panels.forEach((panel, config) -> configs.put(panel.id(), config.toMap()));
        m.put("panels", configs);
        m.put("seeds", seeds);
        m.put("localizedIpr", localizedIpr);
        m.put("localizingFraction", MAJORITY);
        return m;
    }

    @Override
    public Map<String, Object> produce(FigureSweeps sweeps, Path out) {
        CsvTable table = new CsvTable("panel", "seed", "hidden", "status", "meanIpr", "maxIpr", "fractionLocalized",
                "accuracy");
        Map<String, Object> measured = new LinkedHashMap<>();
        Map<ManyNeuronsPanel, Double> fractions = new LinkedHashMap<>();
        for (Map.Entry<ManyNeuronsPanel, RunConfig> e : panels.entrySet()) {
            ManyNeuronsPanel panel = e.getKey();
            List<FigureSweeps.Finished> runs = sweeps.run(panel.id(), FigureUnits.grid(e.getValue(), Map.of(),
                    Map.of(), FigureUnits.seeds(seeds)));
            double[] mean = new double[runs.size()];
            double[] max = new double[runs.size()];
            double[] fraction = new double[runs.size()];
            double[] accuracy = new double[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                FigureSweeps.Finished f = runs.get(i);
                boolean bad = FigureUnits.diverged(f);
                mean[i] = bad ? Double.NaN : f.result().meanIpr();
                max[i] = bad ? Double.NaN : f.result().maxIpr();
                fraction[i] = bad ? Double.NaN : LocalizationMetrics.fractionAbove(f.result().iprPerUnit(),
                        localizedIpr);
                accuracy[i] = bad ? Double.NaN : f.result().accuracy();
                table.row(panel.id(), f.axis("seed"), e.getValue().hidden(),
                        f.result().status().name().toLowerCase(Locale.ROOT), mean[i], max[i], fraction[i],
                        accuracy[i]);
            }
            drawEvolution(runs.get(0), panel, out.resolve(panel.id() + ".png"));
            SeedStatistics localized = SeedStatistics.of(fraction);
            fractions.put(panel, localized.mean());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("data", e.getValue().dataModel().description());
            p.put("hidden", e.getValue().hidden());
            p.put("runs", runs.size());
            p.put("diverged", runs.size() - localized.count());
            p.put("meanIpr", SeedStatistics.of(mean).mean());
            p.put("maxIpr", SeedStatistics.of(max).mean());
            p.put("fractionLocalized", localized.mean());
            p.put("fractionLocalizedStd", localized.std());
            p.put("accuracy", SeedStatistics.of(accuracy).mean());
            p.put("localizes", localized.mean() >= MAJORITY);
            p.put("plot", panel.id() + ".png");
            measured.put(panel.id(), p);
        }
        table.write(out.resolve(CSV));
        measured.put("claim8", claim8(fractions));
        return measured;
    }

    /** Claim 8's verdict from the panels' mean fractions of localized units, or why it was not checked. */
    static String claim8(Map<ManyNeuronsPanel, Double> fractions) {
        List<ManyNeuronsPanel> needed = List.of(ManyNeuronsPanel.SCM_KUR10, ManyNeuronsPanel.SCM_KUR30,
                ManyNeuronsPanel.SCM_KUR4);
        if (!fractions.keySet().containsAll(needed)) {
            return "not checked: needs the panels scm-kur10, scm-kur30 and scm-kur4";
        }
        boolean holds = fractions.get(ManyNeuronsPanel.SCM_KUR10) >= MAJORITY
                && fractions.get(ManyNeuronsPanel.SCM_KUR30) >= MAJORITY
                && !(fractions.get(ManyNeuronsPanel.SCM_KUR4) >= MAJORITY);
        return String.format(Locale.ROOT, "%s: fraction of localized units scm-kur10 %.2f, scm-kur30 %.2f, "
                        + "scm-kur4 %.2f (localizing: >= %.1f)", holds ? "holds" : "does not hold",
                fractions.get(ManyNeuronsPanel.SCM_KUR10), fractions.get(ManyNeuronsPanel.SCM_KUR30),
                fractions.get(ManyNeuronsPanel.SCM_KUR4), MAJORITY);
    }

    /** The evolution of the first {@value #DRAWN_UNITS} units of one run, 2 x 5 panels on one y range. */
    private static void drawEvolution(FigureSweeps.Finished run, ManyNeuronsPanel panel, Path png) {
        List<WeightSnapshot> snapshots = FigureUnits.snapshots(run);
        double[][] last = FigureUnits.record(snapshots, 0).fields();
        int[] units = IntStream.range(0, Math.min(DRAWN_UNITS, last.length)).toArray();
        List<XYChart> charts = new ArrayList<>();
        for (int unit : units) {
            charts.add(Plots.evolutionPanel(snapshots, unit, String.format(Locale.ROOT, "%s unit %d (IPR %.3f)",
                    panel.id(), unit, LocalizationMetrics.ipr(last[unit]))));
        }
        FigureCharts.saveSharedY(charts, FigureCharts.GRID_COLUMNS, FigureCharts.maxAbs(snapshots, units), png);
    }
}
