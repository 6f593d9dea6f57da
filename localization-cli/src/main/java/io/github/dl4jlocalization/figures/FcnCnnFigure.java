package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.metrics.FilterMatch;
import io.github.dl4jlocalization.metrics.FilterMatcher;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.sweep.ConvolutionalTask;
import io.github.dl4jlocalization.sweep.SweepGrid;
import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code figure fcn-vs-cnn}: the fully connected network of a {@link RunConfig} and its
 * convolutional counterpart ({@link ConvolutionalTask}: C filters of width w) trained on the same
 * task (same data stream, learning rate, batch, steps and seed), then each localized FCN
 * receptive field (final IPR above a threshold) matched to the CNN filters by
 * {@link FilterMatcher} (maximum |normalised cross-correlation| over filters, circular shifts and
 * sign), against the null distribution of the same fields matched to banks of random Gaussian
 * filters of the same count and width ({@link FilterMatcher#baselineScores}, a fixed seed).
 * Ingrosso &amp; Goldt (2022): the FCN's localized fields "match the filters of a convolutional
 * network trained on the same task" (docs/science.md 7.7, claim 10 of section 8; how they quantify it is UNVERIFIED).
 * Two sweeps ({@code fcn}, {@code cnn}) x seeds. Written:
 * <ul>
 *   <li>{@value #CSV}: {@code seed,unit,ipr,score,filter,shift,sign,baselineScore}, one row per
 *       localized FCN field;</li>
 *   <li>{@value #HISTOGRAM}: histograms (fraction per bin of width {@value #BIN}) of the real and
 *       the baseline scores;</li>
 *   <li>{@value #PAIRS}: the best-matched pairs side by side: the FCN field, and the matched CNN
 *       filter with its sign at its shift on the ring (zero elsewhere);</li>
 *   <li>{@value FigureSummary#FILE}: medians, the baseline's 95th percentile, the fraction of
 *       real scores above it, and the verdict (consistent when the median real score exceeds the
 *       baseline's 95th percentile).</li>
 * </ul>
 */
public final class FcnCnnFigure implements Figure {
    /** The figure's name. */
    public static final String NAME = "fcn-vs-cnn";
    /** One row per localized field. */
    public static final String CSV = "matches.csv";
    /** The header of {@value #CSV}. */
    public static final String HEADER = "seed,unit,ipr,score,filter,shift,sign,baselineScore";
    /** Real vs baseline scores. */
    public static final String HISTOGRAM = "match-scores.png";
    /** Matched pairs. */
    public static final String PAIRS = "matched-pairs.png";
    /** Histogram bin width. */
    public static final double BIN = 0.05;
    /** The claim checked. */
    public static final String CLAIM = "(B) the localized receptive fields of a fully connected network match the "
            + "filters of a convolutional network trained on the same task (docs/science.md 8, claim 10; qualitative, "
            + "the CNN and the match statistic UNVERIFIED)";

    private static final double BASELINE_PERCENTILE = 95;

    private final RunConfig config;
    private final ConvolutionalTask cnn;
    private final double iprThreshold;
    private final int seeds;
    private final long baselineSeed;
    private final int pairs;

    /**
     * @param config       the task, the FCN and the training shared by both networks
     * @param cnn          channels and filter width of the CNN
     * @param iprThreshold FCN fields with a final IPR above it are matched, in (0, 1)
     * @param seeds        seeds 0..n-1, >= 1
     * @param baselineSeed seed of the random filter banks
     * @param pairs        matched pairs drawn, >= 1
     */
    public FcnCnnFigure(RunConfig config, ConvolutionalTask cnn, double iprThreshold, int seeds, long baselineSeed,
                        int pairs) {
        this.config = Require.nonNull("config", config);
        this.cnn = Require.nonNull("cnn", cnn);
        this.iprThreshold = Require.fraction("iprThreshold", iprThreshold);
        this.seeds = Require.atLeast("seeds", seeds, 1);
        this.baselineSeed = baselineSeed;
        this.pairs = Require.atLeast("pairs", pairs, 1);
        Require.that(cnn.width(config) <= config.dataModel().dimension(), "filterWidth", cnn.width(config),
                "at most the input dimension " + config.dataModel().dimension());
    }

    /** One localized FCN field and its matches. */
    record Row(long seed, int unit, double ipr, double[] field, FilterMatch match, double[][] filters,
               double baseline) {
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
        settings.put("cnn", cnn.settings());
        settings.put("filterWidth", cnn.width(config));
        settings.put("iprThreshold", iprThreshold);
        settings.put("seeds", seeds);
        settings.put("baselineSeed", baselineSeed);
        settings.put("baseline", "i.i.d. N(0,1) filters, same count and width, one bank per field");
        return settings;
    }

    /** Runs both sweeps and writes the figure's CSV and PNGs into {@code out}. */
    @Override
    public Map<String, Object> produce(FigureSweeps sweeps, Path out) {
        Map<String, Object> fcnGrid = new LinkedHashMap<>();
        fcnGrid.put("base", config.toMap());
        fcnGrid.put("seeds", seeds);
        Map<String, Object> cnnGrid = new LinkedHashMap<>(fcnGrid);
        cnnGrid.put("task", cnn.toMap());
        Map<Object, FigureSweeps.Finished> fcnRuns = bySeed(sweeps.run("fcn", fcnGrid));
        Map<Object, FigureSweeps.Finished> cnnRuns = bySeed(sweeps.run("cnn", cnnGrid));
        int width = cnn.width(config);
        List<Row> rows = new ArrayList<>();
        int fields = 0;
        List<Double> fcnAccuracy = new ArrayList<>();
        List<Double> cnnAccuracy = new ArrayList<>();
        for (Map.Entry<Object, FigureSweeps.Finished> e : fcnRuns.entrySet()) {
            FigureSweeps.Finished c = cnnRuns.get(e.getKey());
            if (c == null) {
                continue;
            }
            long seed = ((Number) e.getKey()).longValue();
            fcnAccuracy.add(e.getValue().result().accuracy());
            cnnAccuracy.add(c.result().accuracy());
            double[][] fcn = last(e.getValue().dir());
            double[][] filters = last(c.dir());
            fields += fcn.length;
            List<Integer> localized = IntStream.range(0, fcn.length)
                    .filter(k -> LocalizationMetrics.ipr(fcn[k]) > iprThreshold).boxed().toList();
            double[][] chosen = localized.stream().map(k -> fcn[k]).toArray(double[][]::new);
            FilterMatch[] matches = FilterMatcher.bestMatches(chosen, filters);
            // the banks of a run seed come from their own stream: independent nulls across seeds
            double[] baseline = FilterMatcher.baselineScores(chosen, filters.length, width,
                    RandomStreams.of(baselineSeed, seed).nextLong());
            for (int i = 0; i < chosen.length; i++) {
                rows.add(new Row(seed, localized.get(i), LocalizationMetrics.ipr(chosen[i]), chosen[i], matches[i],
                        filters, baseline[i]));
            }
        }
        writeCsv(out.resolve(CSV), rows);
        double[] real = rows.stream().mapToDouble(r -> r.match().score()).filter(v -> !Double.isNaN(v)).toArray();
        double[] nulls = rows.stream().mapToDouble(Row::baseline).filter(v -> !Double.isNaN(v)).toArray();
        List<String> files = new ArrayList<>(List.of(CSV));
        if (real.length > 0) {
            histogram(real, nulls, out.resolve(HISTOGRAM));
            pairs(rows, out.resolve(PAIRS));
            files.addAll(List.of(HISTOGRAM, PAIRS));
        }
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("fcnFields", fields);
        measured.put("localizedFields", rows.size());
        measured.put("fcnMeanAccuracy", mean(fcnAccuracy));
        measured.put("cnnMeanAccuracy", mean(cnnAccuracy));
        measured.put("files", files);
        Map<String, Object> verdicts = new LinkedHashMap<>();
        if (real.length == 0) {
            verdicts.put("fcnMatchesCnn", "not tested: no FCN field has an IPR above " + iprThreshold);
        } else {
            double medianReal = percentile(real, 50);
            double medianNull = percentile(nulls, 50);
            double p95 = percentile(nulls, BASELINE_PERCENTILE);
            long above = Arrays.stream(real).filter(v -> v > p95).count();
            measured.put("medianScore", medianReal);
            measured.put("medianBaselineScore", medianNull);
            measured.put("baselineP95", p95);
            measured.put("fractionAboveBaselineP95", (double) above / real.length);
            verdicts.put("fcnMatchesCnn", String.format(Locale.ROOT, "%s: median match %.3f vs random filters %.3f "
                            + "(95th percentile %.3f); %d of %d localized fields above it",
                    medianReal > p95 ? "consistent (the fields match the CNN filters better than random filters)"
                            : "not reproduced (matches not above the random-filter baseline)",
                    medianReal, medianNull, p95, above, real.length));
        }
        measured.put("verdicts", verdicts);
        return measured;
    }

    private static Map<Object, FigureSweeps.Finished> bySeed(List<FigureSweeps.Finished> runs) {
        Map<Object, FigureSweeps.Finished> m = new LinkedHashMap<>();
        for (FigureSweeps.Finished f : runs) {
            m.put(f.axis(SweepGrid.SEED), f);
        }
        return m;
    }

    /** The last snapshot of a run directory's weights (FCN fields, or CNN filters). */
    private static double[][] last(Path dir) {
        List<WeightSnapshot> snapshots = new RunDirectory(dir).readWeights();
        return snapshots.get(snapshots.size() - 1).fields();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double percentile(double[] values, double p) {
        return values.length == 0 ? Double.NaN : new Percentile().evaluate(values, p);
    }

    private static void writeCsv(Path file, List<Row> rows) {
        AtomicFiles.write(file, w -> {
            w.write(HEADER);
            w.write('\n');
            for (Row r : rows) {
                FilterMatch m = r.match();
                w.write(r.seed() + "," + r.unit() + "," + r.ipr() + "," + m.score() + "," + m.filter() + ","
                        + m.shift() + "," + m.sign() + "," + r.baseline() + "\n");
            }
        });
    }

    /** Fraction of scores per bin of width {@value #BIN} on [0, 1], drawn as steps. */
    private static void histogram(double[] real, double[] nulls, Path png) {
        XYChart chart = Plots.lineChart("FCN fields vs CNN filters: best match scores", "max |normalised "
                + "circular cross-correlation|", "fraction of fields");
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        addSteps(chart, "CNN filters (" + real.length + " fields)", real, Plots.seriesColour(0), false);
        addSteps(chart, "random Gaussian filters", nulls, Plots.seriesColour(1), true);
        Plots.save(chart, png);
    }

    private static void addSteps(XYChart chart, String name, double[] values, Color colour, boolean dashed) {
        int bins = (int) Math.round(1 / BIN);
        double[] fraction = new double[bins];
        for (double v : values) {
            fraction[Math.min(bins - 1, (int) (v / BIN))] += 1.0 / values.length;
        }
        double[] x = new double[2 * bins];
        double[] y = new double[2 * bins];
        for (int b = 0; b < bins; b++) {
            x[2 * b] = b * BIN;
            x[2 * b + 1] = (b + 1) * BIN;
            y[2 * b] = fraction[b];
            y[2 * b + 1] = fraction[b];
        }
        Plots.line(chart.addSeries(name, x, y), colour, dashed);
    }

    /** The {@code pairs} best matches: FCN field (left) and the aligned, signed CNN filter (right). */
    private void pairs(List<Row> rows, Path png) {
        List<Row> best = rows.stream().filter(r -> !Double.isNaN(r.match().score()))
                .sorted(Comparator.comparingDouble((Row r) -> r.match().score()).reversed()).limit(pairs).toList();
        List<XYChart> charts = new ArrayList<>();
        for (Row r : best) {
            FilterMatch m = r.match();
            charts.add(panel(String.format(Locale.ROOT, "FCN seed %d unit %d (IPR %.2f)", r.seed(), r.unit(), r.ipr()),
                    r.field(), Plots.seriesColour(0)));
            charts.add(panel(String.format(Locale.ROOT, "CNN filter %d, shift %d, sign %+d: score %.3f", m.filter(),
                    m.shift(), m.sign(), m.score()), aligned(r.filters()[m.filter()], m, r.field().length),
                    Plots.seriesColour(1)));
        }
        Plots.saveGrid(charts, best.size(), 2, png);
    }

    /** {@code sign * g_s}: the filter zero-padded to D and rotated by the match's shift ({@link FilterMatcher}). */
    static double[] aligned(double[] filter, FilterMatch match, int d) {
        double[] g = new double[d];
        for (int m = 0; m < filter.length; m++) {
            g[(match.shift() + m) % d] = match.sign() * filter[m];
        }
        return g;
    }

    private static XYChart panel(String title, double[] w, Color colour) {
        XYChart chart = new XYChartBuilder().width(420).height(200).title(title).xAxisTitle("input position i")
                .yAxisTitle("w_i").build();
        Plots.style(chart);
        chart.getStyler().setLegendVisible(false);
        XYSeries s = chart.addSeries("w", IntStream.range(0, w.length).asDoubleStream().toArray(), w);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        return chart;
    }

    @Override
    public String toString() {
        return "FcnCnnFigure[" + cnn + ", iprThreshold=" + iprThreshold + ", seeds=" + seeds + ", baselineSeed="
                + baselineSeed + ", " + config + "]";
    }
}
