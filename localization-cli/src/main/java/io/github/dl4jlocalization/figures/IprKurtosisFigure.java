package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.DataModelType;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.metrics.ExcessKurtosis;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.nn.Bias;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.Readout;
import io.github.dl4jlocalization.util.Require;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IPR against the inputs' marginal excess kurtosis (docs/science.md 7.1; claims 1-3): the network of
 * {@code base} trained on NLGP(g) at every gain and on Kur(k) at every k, each with seeds
 * {@code 0..seeds-1}; per point the mean and std over seeds of the final IPR (mean over hidden
 * units; for K = 1 the neuron's IPR) against the measured excess kurtosis.
 *
 * <p>Excess kurtosis of a point: {@code kappa-hat - 3} with
 * {@code kappa-hat = mean(x^4)/mean(x^2)^2} ({@link ExcessKurtosis#RAW}) over pixel 0 of
 * {@code kurtosisSamples} samples of the data set as it is, both classes mixed (labels drawn
 * 50/50), from the sampler of seed {@value #KURTOSIS_SEED}, as the reference's
 * {@code compute_kurtosis} takes {@code dataset[:10000]} with {@code PRNGKey(0)}. The model's exact
 * value ({@code DataModel.marginalExcessKurtosis} of class 1) is written next to it: NLGP and Kur
 * give both classes the same marginal law (the class parameter changes correlations only), so it
 * is also the pooled value.
 *
 * <p>IPR record: the last record for NLGP; for Kur the last by default, or the second-to-last
 * ({@code kurRecord = SECOND_TO_LAST}) as the reference's {@code ipr_kurtosis.py} reads it
 * ({@code s[0][-2]}, no reason given in the code). Diverged runs are left out of the statistics
 * and counted, as the reference's {@code nanmean} leaves out NaN weights.
 *
 * <p>Writes {@value #POINTS_CSV}, {@value #UNITS_CSV} and {@value #PNG} (scatter with error bars,
 * NLGP black, Kur red).
 *
 * @param base            the network and training of every unit (its data model and gain/k are set per point)
 * @param gains           NLGP gains, each > 0, non-empty
 * @param ks              Kur tail exponents, each > 2, non-empty
 * @param seeds           seeds per point, >= 1
 * @param kurtosisSamples samples of the kurtosis estimate, >= 2
 * @param kurRecord       the record Kur's IPR is read at
 */
public record IprKurtosisFigure(RunConfig base, List<Double> gains, List<Double> ks, int seeds, int kurtosisSamples,
                                IprRecord kurRecord) implements Figure {
    /** The figure's name. */
    public static final String NAME = "ipr-kurtosis";
    /** Per-point table. */
    public static final String POINTS_CSV = "ipr-kurtosis.csv";
    /** Per-unit table. */
    public static final String UNITS_CSV = "ipr-kurtosis-units.csv";
    /** The scatter plot. */
    public static final String PNG = "ipr-kurtosis.png";
    /** Seed of the kurtosis samples (the reference's {@code PRNGKey(0)}). */
    public static final long KURTOSIS_SEED = 0;
    /** The reference's kurtosis sample size. */
    public static final int DEFAULT_KURTOSIS_SAMPLES = 10_000;
    /** The reference's seeds per point (0..29). */
    public static final int DEFAULT_SEEDS = 30;
    /** The reference's NLGP gains: {@code logspace(-1, 1, 10)}. */
    public static final List<Double> DEFAULT_GAINS = logspace(-1, 1, 10);
    /** The reference's Kur exponents, as the {@code --ks} flag writes them. */
    public static final String DEFAULT_KS_TEXT = "4.1,4.3,4.5,4.74,5,5.4,6.1,7.7,10,50";
    /** The reference's Kur exponents. */
    public static final List<Double> DEFAULT_KS = Arrays.stream(DEFAULT_KS_TEXT.split(",")).map(Double::valueOf)
            .toList();

    /** Which record of a run its IPR is read at. */
    public enum IprRecord {
        /** The final weights. */
        LAST(0),
        /** The record before the last. */
        SECOND_TO_LAST(1);

        private final int fromEnd;

        IprRecord(int fromEnd) {
            this.fromEnd = fromEnd;
        }

        /** Records before the last one. */
        public int fromEnd() {
            return fromEnd;
        }
    }

    /** The network presets of the sweep. */
    public enum Preset {
        /** docs/science.md 7.1: SCM K = 1 ReLU, lr 0.1, T = 10,000, records every 100 steps. */
        SINGLE_NEURON,
        /** docs/science.md 7.1's many-neuron (rebuttal) sweep: K = 10, lr 5, T = 20,000, records every 200 steps. */
        MANY_NEURONS
    }

    /** Validates and copies the lists. */
    public IprKurtosisFigure {
        Require.nonNull("base", base);
        gains = List.copyOf(Require.nonNull("gains", gains));
        ks = List.copyOf(Require.nonNull("ks", ks));
        Require.that(!gains.isEmpty() && gains.stream().distinct().count() == gains.size(), "gains", gains,
                "a non-empty list of distinct gains > 0");
        gains.forEach(g -> Require.positive("gain", g));
        Require.that(!ks.isEmpty() && ks.stream().distinct().count() == ks.size(), "ks", ks,
                "a non-empty list of distinct k > 2");
        ks.forEach(k -> Require.greaterThan("k", k, 2));
        Require.atLeast("seeds", seeds, 1);
        Require.atLeast("kurtosisSamples", kurtosisSamples, 2);
        Require.nonNull("kurRecord", kurRecord);
    }

    /**
     * The run parameters of a preset (docs/science.md 7.1): L = 40, xi = (0.3, 0.7), SCM ReLU without
     * bias, init 0.001, B = 5000, evaluation on 1000 samples, checkpoints only at the end (a
     * sweep resumes whole units); K, lr, T and the record interval as the preset says.
     */
    public static RunConfig.Builder defaults(Preset preset) {
        boolean many = preset == Preset.MANY_NEURONS;
        return RunConfig.builder().set(DataModelType.LENGTH, 40).set(DataModelType.XI, new ClassPair(0.3, 0.7))
                .hidden(many ? 10 : 1).activation(HiddenActivation.RELU).bias(Bias.none()).readout(Readout.FROZEN)
                .initScale(0.001).learningRate(many ? 5.0 : 0.1).batch(5000).steps(many ? 20_000 : 10_000)
                .recordEvery(many ? 200 : 100).evalSize(1000).checkpointEvery(0);
    }

    /** {@code n} values evenly spaced in log10 from {@code 10^a} to {@code 10^b} (numpy's {@code logspace}). */
    public static List<Double> logspace(double a, double b, int n) {
        Require.atLeast("n", n, 2);
        List<Double> v = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            v.add(Math.pow(10, a + (b - a) * i / (n - 1)));
        }
        return List.copyOf(v);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String claim() {
        return "Negative marginal excess kurtosis gives a localized single-neuron receptive field (IPR near 1), "
                + "positive excess kurtosis suppresses it (IPR near 1/D); NLGP spans excess kurtosis 0 to -2, "
                + "Kur(k) +inf to -1.2 with the sign change at k = 6.0-6.1 (docs/science.md 8, claims 1-3)";
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", base.toMap());
        m.put("gains", gains);
        m.put("ks", ks);
        m.put("seeds", seeds);
        m.put("kurtosisSamples", kurtosisSamples);
        m.put("kurtosisSeed", KURTOSIS_SEED);
        m.put("kurRecord", RunConfig.enumName(kurRecord));
        return m;
    }

    /** One point of the figure: a model at one parameter value, its kurtosis and IPR statistics. */
    record Point(String model, double parameter, double excessKurtosis, double excessKurtosisExact,
                 SeedStatistics ipr, int diverged) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(model.equals("kur") ? "k" : "gain", parameter);
            m.put("excessKurtosis", excessKurtosis);
            m.put("excessKurtosisExact", excessKurtosisExact);
            m.put("iprMean", ipr.mean());
            m.put("iprStd", ipr.std());
            m.put("seeds", ipr.count());
            m.put("diverged", diverged);
            return m;
        }
    }

    @Override
    public Map<String, Object> produce(FigureSweeps sweeps, Path out) {
        CsvTable units = new CsvTable("model", "parameter", "seed", "status", "recordStep", "ipr");
        List<Point> nlgp = points(sweeps, "nlgp", "gain", gains, IprRecord.LAST, units);
        List<Point> kur = points(sweeps, "kur", "k", ks, kurRecord, units);
        units.write(out.resolve(UNITS_CSV));
        CsvTable table = new CsvTable("model", "parameter", "excessKurtosis", "excessKurtosisExact", "iprMean",
                "iprStd", "seeds", "diverged");
        List<Point> all = new ArrayList<>(nlgp);
        all.addAll(kur);
        for (Point p : all) {
            table.row(p.model, p.parameter, p.excessKurtosis, p.excessKurtosisExact, p.ipr.mean(), p.ipr.std(),
                    p.ipr.count(), p.diverged);
        }
        table.write(out.resolve(POINTS_CSV));
        XYChart chart = Plots.lineChart("IPR vs excess kurtosis (" + base.hidden() + " hidden unit"
                + (base.hidden() == 1 ? "" : "s") + ", D = " + base.dataModel().dimension() + ")",
                "Excess kurtosis", "IPR");
        chart.getStyler().setYAxisDecimalPattern("0.0##");
        plot(chart, "NLGP", Color.BLACK, nlgp);
        plot(chart, "Kur", new Color(0xB2182B), kur);
        Plots.save(chart, out.resolve(PNG));
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("nlgp", nlgp.stream().map(Point::toMap).toList());
        measured.put("kur", kur.stream().map(Point::toMap).toList());
        measured.put("negativeExcess", bySign(all, true));
        measured.put("positiveExcess", bySign(all, false));
        return measured;
    }

    /** Runs the sweep of one model over its parameter axis and summarises each point. */
    private List<Point> points(FigureSweeps sweeps, String model, String key, List<Double> values, IprRecord record,
                               CsvTable units) {
        String axis = "data." + key;
        List<FigureSweeps.Finished> finished = sweeps.run(model, FigureUnits.grid(base, Map.of("model", model),
                Map.of(axis, values), FigureUnits.seeds(seeds)));
        List<Point> points = new ArrayList<>();
        for (double value : values) {
            List<Double> iprs = new ArrayList<>();
            int diverged = 0;
            for (FigureSweeps.Finished f : finished) {
                if (ConfigValues.number(axis, f.axis(axis)) != value) {
                    continue;
                }
                WeightSnapshot s = FigureUnits.record(FigureUnits.snapshots(f), record.fromEnd());
                double ipr = meanIpr(s.fields());
                if (FigureUnits.diverged(f)) {
                    diverged++;
                    ipr = Double.NaN;
                }
                iprs.add(ipr);
                units.row(model, value, f.axis("seed"), f.result().status().name().toLowerCase(Locale.ROOT),
                        s.step(), ipr);
            }
            DataModel data = DataModelConfig.fromMap(dataOf(model, key, value)).build();
            points.add(new Point(model, value, measuredExcessKurtosis(data, kurtosisSamples),
                    data.marginalExcessKurtosis(1).orElse(Double.NaN),
                    SeedStatistics.of(iprs.stream().mapToDouble(Double::doubleValue).toArray()), diverged));
        }
        return points;
    }

    private Map<String, Object> dataOf(String model, String key, double value) {
        Map<String, Object> d = new LinkedHashMap<>(base.data().toMap());
        d.put("model", model);
        d.put(key, value);
        return d;
    }

    /** Mean IPR over the units of a record (for one unit, its IPR). */
    static double meanIpr(double[][] fields) {
        double sum = 0;
        for (double ipr : LocalizationMetrics.iprPerUnit(fields)) {
            sum += ipr;
        }
        return sum / fields.length;
    }

    /**
     * {@code mean(x^4)/mean(x^2)^2 - 3} over pixel 0 of {@code n} samples of {@code model}, both
     * classes as drawn, from the sampler of seed {@value #KURTOSIS_SEED}.
     */
    public static double measuredExcessKurtosis(DataModel model, int n) {
        LabelledBatch batch = new BatchSampler(model, KURTOSIS_SEED).sample(0, n);
        double[] pixel0 = new double[n];
        for (int i = 0; i < n; i++) {
            pixel0[i] = batch.features()[i * batch.dimension()];
        }
        return ExcessKurtosis.RAW.of(pixel0);
    }

    private static void plot(XYChart chart, String name, Color colour, List<Point> points) {
        FigureCharts.errorBars(chart, name, colour, points.stream().mapToDouble(Point::excessKurtosis).toArray(),
                points.stream().mapToDouble(p -> p.ipr.mean()).toArray(),
                points.stream().mapToDouble(p -> p.ipr.std()).toArray());
    }

    /** The points on one side of zero measured excess kurtosis: their count and mean of mean IPRs. */
    private static Map<String, Object> bySign(List<Point> points, boolean negative) {
        double[] iprs = points.stream().filter(p -> negative ? p.excessKurtosis < 0 : p.excessKurtosis > 0)
                .mapToDouble(p -> p.ipr.mean()).toArray();
        SeedStatistics s = SeedStatistics.of(iprs);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", iprs.length);
        m.put("meanIpr", s.mean());
        m.put("minIpr", Arrays.stream(iprs).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN));
        m.put("maxIpr", Arrays.stream(iprs).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN));
        return m;
    }
}
