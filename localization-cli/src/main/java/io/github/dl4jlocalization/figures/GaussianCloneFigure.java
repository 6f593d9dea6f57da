package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.util.Require;
import org.knowm.xchart.XYChart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NLGP(g) against its Gaussian clone (docs/science.md 2.5; claim 10): the network of {@code base}
 * trained on {@code nlgp} and on {@code nlgp-clone} (a Gaussian field with exactly NLGP(g)'s
 * covariance) at every gain, seeds {@code 0..seeds-1}. The clone has the same second-order
 * statistics and no higher-order ones, so localization with NLGP but not with the clone says the
 * non-Gaussian structure triggers it.
 *
 * <p>IPR of a unit: the mean over hidden units of the final record's IPR (for K = 1 the neuron's
 * IPR); diverged runs are left out of the statistics and counted. Writes {@value #UNITS_CSV}
 * (model, gain, seed), {@value #POINTS_CSV} (mean and population std over seeds, with the data's
 * exact excess kurtosis), {@value #PNG} (IPR against the gain, log axis, NLGP black, clone red)
 * and {@value #RF_PNG} (the final receptive field of hidden unit 0 of seed {@code rfSeed}: NLGP in
 * the top row, the clone below, one column per gain, all on one y range; drawn when none of
 * those units failed).
 *
 * @param base   the network and training of every unit (model and gain set per unit)
 * @param gains  gains, each > 0, distinct, non-empty
 * @param seeds  seeds per point, >= 1
 * @param rfSeed the seed whose receptive fields are drawn, in {@code [0, seeds)}
 */
public record GaussianCloneFigure(RunConfig base, List<Double> gains, int seeds, int rfSeed) implements Figure {
    /** The figure's name. */
    public static final String NAME = "gaussian-clone";
    /** Per-unit table. */
    public static final String UNITS_CSV = "gaussian-clone-units.csv";
    /** Per-point table. */
    public static final String POINTS_CSV = "gaussian-clone.csv";
    /** IPR against the gain. */
    public static final String PNG = "gaussian-clone.png";
    /** Final receptive fields. */
    public static final String RF_PNG = "gaussian-clone-rfs.png";
    /** The models compared, in plot order. */
    public static final List<String> MODELS = List.of("nlgp", "nlgp-clone");
    /** Default gains: from nearly Gaussian (0.1) to nearly binary (100). */
    public static final String DEFAULT_GAINS_TEXT = "0.1,1,3,10,100";
    /** {@link #DEFAULT_GAINS_TEXT} as numbers. */
    public static final List<Double> DEFAULT_GAINS = Arrays.stream(DEFAULT_GAINS_TEXT.split(",")).map(Double::valueOf)
            .toList();
    /** Default seeds per point. */
    public static final int DEFAULT_SEEDS = 5;

    /** Validates and copies the gains. */
    public GaussianCloneFigure {
        Require.nonNull("base", base);
        gains = List.copyOf(Require.nonNull("gains", gains));
        Require.that(!gains.isEmpty() && gains.stream().distinct().count() == gains.size(), "gains", gains,
                "a non-empty list of distinct gains > 0");
        gains.forEach(g -> Require.positive("gain", g));
        Require.atLeast("seeds", seeds, 1);
        Require.inRange("rf-seed", rfSeed, 0, seeds - 1);
    }

    /**
     * The single-neuron setting of docs/science.md 7.1 (L = 40, xi = (0.3, 0.7), SCM K = 1 ReLU without
     * bias, init 0.001, lr 0.1, B = 5000, T = 10,000, records every 100 steps, evaluation on 1000
     * samples), checkpoints only at the end (a sweep resumes whole units).
     */
    public static RunConfig.Builder defaults() {
        return IprKurtosisFigure.defaults(IprKurtosisFigure.Preset.SINGLE_NEURON);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String claim() {
        return "Localized receptive fields emerge from the non-Gaussian higher-order structure of the inputs: "
                + "NLGP(g) localizes, its Gaussian clone (same covariance) does not (docs/science.md 8, claim 10; "
                + "the clone experiment itself is UNVERIFIED for (B))";
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", base.toMap());
        m.put("models", MODELS);
        m.put("gains", gains);
        m.put("seeds", seeds);
        m.put("rfSeed", rfSeed);
        return m;
    }

    @Override
    public Map<String, Object> produce(FigureSweeps sweeps, Path out) {
        List<FigureSweeps.Finished> finished = sweeps.run(NAME, FigureUnits.grid(base, Map.of(),
                axes(), FigureUnits.seeds(seeds)));
        CsvTable units = new CsvTable("model", "gain", "seed", "status", "ipr");
        CsvTable points = new CsvTable("model", "gain", "excessKurtosisExact", "iprMean", "iprStd", "seeds",
                "diverged");
        XYChart chart = Plots.lineChart("IPR vs gain: NLGP and its Gaussian clone", "gain g", "IPR");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisDecimalPattern("0.0##");
        List<XYChart> fields = new ArrayList<>();
        double bound = 0;
        Map<String, Object> measured = new LinkedHashMap<>();
        for (int m = 0; m < MODELS.size(); m++) {
            String model = MODELS.get(m);
            double[] mean = new double[gains.size()];
            double[] std = new double[gains.size()];
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int g = 0; g < gains.size(); g++) {
                double gain = gains.get(g);
                List<FigureSweeps.Finished> point = finished.stream().filter(f -> f.axis("data.model").equals(model)
                        && ConfigValues.number("gain", f.axis("data.gain")) == gain).toList();
                double[] iprs = new double[point.size()];
                int diverged = 0;
                for (int i = 0; i < point.size(); i++) {
                    FigureSweeps.Finished f = point.get(i);
                    boolean bad = FigureUnits.diverged(f);
                    diverged += bad ? 1 : 0;
                    iprs[i] = bad ? Double.NaN : f.result().meanIpr();
                    units.row(model, gain, f.axis("seed"), f.result().status().name().toLowerCase(Locale.ROOT),
                            iprs[i]);
                    if (((Number) f.axis("seed")).intValue() == rfSeed) {
                        WeightSnapshot last = FigureUnits.record(FigureUnits.snapshots(f), 0);
                        bound = Math.max(bound, FigureCharts.maxAbs(List.of(last), new int[] {0}));
                        fields.add(Plots.evolutionPanel(List.of(last), 0, String.format(Locale.ROOT,
                                "%s g=%s: IPR %.3f", model, gain, LocalizationMetrics.ipr(last.fields()[0]))));
                    }
                }
                SeedStatistics s = SeedStatistics.of(iprs);
                mean[g] = s.mean();
                std[g] = s.std();
                double exact = excessKurtosis(model, gain);
                points.row(model, gain, exact, s.mean(), s.std(), s.count(), diverged);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("gain", gain);
                row.put("excessKurtosisExact", exact);
                row.put("iprMean", s.mean());
                row.put("iprStd", s.std());
                row.put("seeds", s.count());
                row.put("diverged", diverged);
                rows.add(row);
            }
            FigureCharts.errorBars(chart, model.equals("nlgp") ? "NLGP" : "Gaussian clone",
                    Plots.seriesColour(m), gains.stream().mapToDouble(Double::doubleValue).toArray(), mean, std);
            measured.put(model, rows);
        }
        units.write(out.resolve(UNITS_CSV));
        points.write(out.resolve(POINTS_CSV));
        Plots.save(chart, out.resolve(PNG));
        // a failed unit of the drawn seed would shift the model rows: draw only the complete grid
        boolean complete = fields.size() == MODELS.size() * gains.size();
        if (complete) {
            FigureCharts.saveSharedY(fields, gains.size(), bound, out.resolve(RF_PNG));
        }
        measured.put("receptiveFields", complete ? RF_PNG : "not drawn: a unit of seed " + rfSeed + " failed");
        return measured;
    }

    private Map<String, List<?>> axes() {
        Map<String, List<?>> axes = new LinkedHashMap<>();
        axes.put("data.model", MODELS);
        axes.put("data.gain", gains);
        return axes;
    }

    /** The exact marginal excess kurtosis of {@code model} at {@code gain} (NaN where unknown). */
    private double excessKurtosis(String model, double gain) {
        Map<String, Object> d = new LinkedHashMap<>(base.data().toMap());
        d.put("model", model);
        d.put("gain", gain);
        return DataModelConfig.fromMap(d).build().marginalExcessKurtosis(1).orElse(Double.NaN);
    }
}
