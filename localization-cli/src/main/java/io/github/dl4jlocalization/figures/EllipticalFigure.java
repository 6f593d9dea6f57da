package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.figures.FigureSweeps.Finished;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SinusoidFit;
import io.github.dl4jlocalization.sweep.SweepGrid;
import io.github.dl4jlocalization.util.Require;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Elliptical data do not localize (Lufkin, Saxe &amp; Grant 2024, Fig. 4; docs/science.md 2.8): one
 * training sweep per radial law (a run configuration each, e.g. the Student-t row with its own
 * learning rate), and per run the final receptive field's IPR and its least-squares sinusoid
 * ({@link SinusoidFit}). The residual is the reference's {@code sqrt(MSE L) / ||w||}
 * ({@code elliptical_sinusoids.py}) = {@code ||w - fit|| / ||w||}, here at the exact
 * least-squares optimum. Written into the output directory:
 * <ul>
 *   <li>the sweeps {@code sweeps/elliptical-<law>} (resumable);</li>
 *   <li>{@value #CSV}: one row per (law, seed) ({@link #CSV_HEADER});</li>
 *   <li>{@value #PLOT}: per run its receptive-field evolution ({@link Plots#evolutionPanel}) with
 *       the fitted sinusoid as a red dashed line, one row of panels per law.</li>
 * </ul>
 */
public final class EllipticalFigure implements Figure {
    /** The figure's name. */
    public static final String NAME = "elliptical";
    /** The papers' claim it checks (docs/science.md 8, claim 7). */
    public static final String CLAIM = "Elliptical data (shell, extreme radius, Student-t df=3) give sinusoidal, "
            + "non-localized receptive fields; sinusoid-fit residuals 0.0375 / 0.0414 / 0.0977 "
            + "(reference code comments, one run each; docs/science.md 2.8, 8 claim 7)";
    /** The per-run table. */
    public static final String CSV = "elliptical.csv";
    /** The receptive-field evolutions with their fits. */
    public static final String PLOT = "elliptical-fields.png";
    /** The columns of {@value #CSV}. */
    public static final String CSV_HEADER = "radial,seed,status,lr,batch,steps,finalIpr,relativeResidual,amplitude,"
            + "frequency,shift,offset,referenceResidual";
    /**
     * The residuals the reference recorded in its code comments ({@code elliptical_sinusoids.py}:
     * shell 0.0375, extreme 0.0414, Student-t(3) 0.0977), one run each, fitted by SGD.
     */
    public static final Map<String, Double> REFERENCE_RESIDUALS = Map.of("shell", 0.0375, "extreme", 0.0414,
            "t", 0.0977);

    private static final int MAX_COLUMNS = 5;
    private static final Color FIT = new Color(0xB2182B);

    private final Map<String, RunConfig> configs;
    private final List<Long> seeds;

    /**
     * @param configs radial law name -> its run configuration (an elliptical model with that law;
     *                its seed is replaced by each of {@code seeds}), in display order
     * @param seeds   distinct seeds, at least one
     */
    public EllipticalFigure(Map<String, RunConfig> configs, List<Long> seeds) {
        Require.that(configs != null && !configs.isEmpty(), "configs", configs, "at least one radial law");
        Require.that(seeds != null && !seeds.isEmpty(), "seeds", seeds, "at least one seed");
        this.configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
        this.seeds = List.copyOf(seeds);
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
        configs.forEach((law, config) -> {
            Map<String, Object> c = new LinkedHashMap<>(config.toMap());
            c.remove("seed");
            settings.put(law, c);
        });
        settings.put("seeds", seeds);
        return settings;
    }

    /** Trains and fits every law and seed, writes {@value #CSV} and {@value #PLOT}; per law the measures. */
    @Override
    public Map<String, Object> produce(FigureSweeps sweeps, Path out) {
        return measured(run(sweeps, out, configs, seeds));
    }

    /**
     * One training run's final receptive field and its fit.
     *
     * @param radial   the radial law's name
     * @param seed     the run's seed
     * @param status   completed or diverged
     * @param config   the run's configuration
     * @param finalIpr the final field's IPR
     * @param fit      the final field's sinusoid
     */
    public record Row(String radial, long seed, String status, RunConfig config, double finalIpr, SinusoidFit fit) {
        /** Validates. */
        public Row {
            Require.nonNull("radial", radial);
            Require.nonNull("status", status);
            Require.nonNull("config", config);
            Require.nonNull("fit", fit);
        }
    }

    /**
     * Runs (or resumes) one sweep per configuration at the given seeds, fits every final field
     * and writes {@value #CSV} and {@value #PLOT} into {@code out}.
     *
     * @param configs radial law name -> its run configuration (an elliptical model with that law;
     *                its seed is replaced by each of {@code seeds}), in display order
     * @param seeds   distinct seeds, at least one
     * @return one row per run that ended, in law then seed order
     */
    public static List<Row> run(FigureSweeps sweeps, Path out, Map<String, RunConfig> configs, List<Long> seeds) {
        Require.that(configs != null && !configs.isEmpty(), "configs", configs, "at least one radial law");
        Require.that(seeds != null && !seeds.isEmpty(), "seeds", seeds, "at least one seed");
        List<Row> rows = new ArrayList<>();
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<String, RunConfig> e : configs.entrySet()) {
            String radial = e.getKey();
            RunConfig config = e.getValue();
            Require.that(config.data().model().equals("elliptical") && config.data().radial().equals(radial),
                    "configs." + radial, config.data().toMap(), "an elliptical model with radial law " + radial);
            Map<String, Object> grid = new LinkedHashMap<>();
            grid.put("base", config.toMap());
            grid.put("seeds", List.copyOf(seeds));
            for (Finished f : sweeps.run("elliptical-" + radial, grid)) {
                List<WeightSnapshot> snapshots = new RunDirectory(f.dir()).readWeights();
                double[] w = snapshots.get(snapshots.size() - 1).fields()[0];
                Row row = new Row(radial, ((Number) f.axis(SweepGrid.SEED)).longValue(),
                        f.result().status().name().toLowerCase(Locale.ROOT), config, LocalizationMetrics.ipr(w),
                        SinusoidFit.fit(w));
                rows.add(row);
                panels.add(panel(row, snapshots));
            }
        }
        AtomicFiles.write(out.resolve(CSV), w -> {
            w.write(CSV_HEADER + "\n");
            for (Row r : rows) {
                SinusoidFit fit = r.fit();
                w.write(String.format(Locale.ROOT, "%s,%d,%s,%s,%d,%d,%s,%s,%s,%s,%s,%s,%s%n", r.radial(), r.seed(),
                        r.status(), r.config().learningRate(), r.config().batch(), r.config().steps(), r.finalIpr(),
                        fit.relativeResidual(), fit.amplitude(), fit.frequency(), fit.shift(), fit.offset(),
                        REFERENCE_RESIDUALS.getOrDefault(r.radial(), Double.NaN)));
            }
        });
        Plots.savePanels(panels, Math.min(MAX_COLUMNS, seeds.size()), out.resolve(PLOT));
        return rows;
    }

    private static XYChart panel(Row row, List<WeightSnapshot> snapshots) {
        XYChart chart = Plots.evolutionPanel(snapshots, 0, String.format(Locale.ROOT,
                "%s, seed %d: IPR %.3f, residual %.3f", row.radial(), row.seed(), row.finalIpr(),
                row.fit().relativeResidual()));
        double[] fitted = row.fit().fitted();
        Plots.line(chart.addSeries("sinusoid fit", IntStream.range(0, fitted.length).asDoubleStream().toArray(),
                fitted), FIT, true);
        return chart;
    }

    /**
     * The figure's measured numbers for {@code summary.json}, per radial law: runs, mean final IPR
     * next to the single-Fourier-mode level {@code 3/(2D)}, mean, smallest and largest residual
     * next to the reference's, and the largest IPR.
     */
    public static Map<String, Object> measured(List<Row> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String radial : rows.stream().map(Row::radial).distinct().toList()) {
            List<Row> of = rows.stream().filter(r -> r.radial().equals(radial)).toList();
            int dimension = of.get(0).config().dataModel().dimension();
            Map<String, Object> law = new LinkedHashMap<>();
            law.put("runs", of.size());
            law.put("meanFinalIpr", of.stream().mapToDouble(Row::finalIpr).average().orElseThrow());
            law.put("maxFinalIpr", of.stream().mapToDouble(Row::finalIpr).max().orElseThrow());
            law.put("singleModeIpr", 3.0 / (2 * dimension));
            double[] residuals = of.stream().mapToDouble(r -> r.fit().relativeResidual()).toArray();
            law.put("meanResidual", Arrays.stream(residuals).average().orElseThrow());
            law.put("minResidual", Arrays.stream(residuals).min().orElseThrow());
            law.put("maxResidual", Arrays.stream(residuals).max().orElseThrow());
            law.put("referenceResidual", REFERENCE_RESIDUALS.getOrDefault(radial, Double.NaN));
            law.put("meanFrequency", of.stream().mapToDouble(r -> r.fit().frequency()).average().orElseThrow());
            m.put(radial, law);
        }
        return m;
    }
}
