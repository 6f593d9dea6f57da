package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.util.Require;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The figures of a run as PNG files, drawn headlessly with XChart on a white background, after
 * the reference's conventions ({@code utils/visualization.py}):
 * <ul>
 *   <li>{@link #receptiveFieldEvolution}: per hidden unit, its weights against input position at
 *       every record, grey from light (early) to dark (late) with alpha 0.5
 *       ({@code plot_rf_evolution});</li>
 *   <li>{@link #weightHeatmap}: the K x D weight matrix as an image, units sorted by IPR, on a
 *       symmetric diverging scale ({@code plot_receptive_fields});</li>
 *   <li>{@link #iprCurves}: mean and largest IPR against the step;</li>
 *   <li>{@link #maskImage}, {@link #roundCurves}: pruning masks and measures against the pruning
 *       round ({@link PruningRun});</li>
 *   <li>{@link #theoryIprCurves}, {@link #theoryError}, {@link #theoryReceptiveFields}: the
 *       effective dynamics against SGD ({@link TheoryComparison}).</li>
 * </ul>
 * Files are written atomically. Requires {@code java.awt.headless=true} on machines without a
 * display (set by the launcher and the tests).
 */
public final class Plots {
    /** Panels of {@link #receptiveFieldEvolution} at most (the reference's 2 x 5 figures). */
    public static final int MAX_PANELS = 10;
    /** Panel size in pixels (the reference's 4 x 2 in at 100 dpi). */
    private static final int PANEL_WIDTH = 400;
    private static final int PANEL_HEIGHT = 200;
    private static final int PANEL_COLUMNS = 5;
    /** Grey levels of the earliest and the latest record (matplotlib Greys at 0.2 and 0.8). */
    private static final float GREY_EARLY = 0.80f;
    private static final float GREY_LATE = 0.25f;
    /** Diverging colour scale of the heatmap: blue (negative), white (0), red (positive). */
    private static final Color[] DIVERGING = {new Color(0x2166AC), new Color(0x92C5DE), Color.WHITE,
        new Color(0xF4A582), new Color(0xB2182B)};

    /** Colours of the series of {@link #roundCurves}, in order. */
    private static final Color[] SERIES_COLOURS = {Color.BLACK, new Color(0xB2182B), new Color(0x2166AC)};

    private static final BasicStroke DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private Plots() {
    }

    /**
     * Receptive-field evolution: one panel per unit (at most {@value #MAX_PANELS}: the units with
     * the largest IPR in the last snapshot, most localized first), each overlaying the unit's
     * weights {@code w_i} against input position i at every snapshot, light grey (first) to dark
     * (last). Panels are laid out in rows of 5.
     *
     * @param snapshots the records in step order, at least one, all with the same K x D shape
     */
    public static void receptiveFieldEvolution(List<WeightSnapshot> snapshots, Path png) {
        Require.that(snapshots != null && !snapshots.isEmpty(), "snapshots", snapshots, "at least one record");
        double[][] last = snapshots.get(snapshots.size() - 1).fields();
        int[] units = byIprDescending(last);
        int panels = Math.min(MAX_PANELS, units.length);
        List<XYChart> charts = new ArrayList<>(panels);
        for (int p = 0; p < panels; p++) {
            int unit = units[p];
            charts.add(evolutionPanel(snapshots, unit, String.format(Locale.ROOT, "unit %d (IPR %.3f)", unit,
                    LocalizationMetrics.ipr(last[unit]))));
        }
        savePanels(charts, PANEL_COLUMNS, png);
    }

    /**
     * One panel of {@link #receptiveFieldEvolution}: unit {@code unit}'s weights against input
     * position at every snapshot, light grey (first) to dark (last), 400 x 200 pixels.
     *
     * @param snapshots the records in step order, at least one
     */
    public static XYChart evolutionPanel(List<WeightSnapshot> snapshots, int unit, String title) {
        Require.that(snapshots != null && !snapshots.isEmpty(), "snapshots", snapshots, "at least one record");
        int dimension = snapshots.get(0).fields()[unit].length;
        double[] positions = IntStream.range(0, dimension).asDoubleStream().toArray();
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("input position i").yAxisTitle("w_i").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        for (int s = 0; s < snapshots.size(); s++) {
            float f = snapshots.size() == 1 ? 1 : (float) s / (snapshots.size() - 1);
            float grey = GREY_EARLY + f * (GREY_LATE - GREY_EARLY);
            XYSeries series = chart.addSeries("step " + snapshots.get(s).step(), positions,
                    snapshots.get(s).fields()[unit]);
            series.setMarker(SeriesMarkers.NONE);
            // XChart's default style cycles to dashed strokes after a few series: every record is solid
            series.setLineStyle(SeriesLines.SOLID);
            series.setLineColor(new Color(grey, grey, grey, 0.5f));
            series.setLineWidth(1.2f);
        }
        return chart;
    }

    /**
     * The weight matrix as a heatmap: one row per unit, sorted by IPR (most localized on top), one
     * column per input, colours from blue (-m) through white (0) to red (+m), m = max |w| rounded
     * up to two significant digits.
     *
     * @param fields K x D weights
     */
    public static void weightHeatmap(double[][] fields, Path png) {
        weightHeatmap(fields, "Final weights, units sorted by IPR (top: most localized)", png);
    }

    /** {@link #weightHeatmap(double[][], Path)} with the given title. */
    public static void weightHeatmap(double[][] fields, String title, Path png) {
        Require.that(fields != null && fields.length > 0, "fields", fields, "at least one unit");
        int[] order = byIprDescending(fields);
        int units = fields.length;
        double max = 0;
        double[][] rows = new double[units][];
        for (int row = 0; row < units; row++) {
            // XChart draws the first y category at the bottom: put the most localized unit on top
            rows[row] = fields[order[units - 1 - row]];
            for (double w : rows[row]) {
                max = Math.max(max, Math.abs(w));
            }
        }
        List<String> y = IntStream.range(0, units).mapToObj(r -> "u" + order[units - 1 - r]).toList();
        // XChart prints the colour bar's ends unformatted: a bound with 2 significant digits reads well
        double m = max > 0 ? new BigDecimal(max).round(new MathContext(2, RoundingMode.UP)).doubleValue() : 1;
        save(heatmap(title, rows, y, DIVERGING, -m, m), png);
    }

    /**
     * A pruning mask as a black-and-white image: one row per unit (unit 0 on top), one column per
     * input, black where the weight is kept, white where it is pruned.
     *
     * @param kept K x D, {@code kept[k][i]}: whether unit k's weight from input i survives
     */
    public static void maskImage(boolean[][] kept, String title, Path png) {
        Require.that(kept != null && kept.length > 0, "kept", kept, "at least one unit");
        int units = kept.length;
        double[][] rows = new double[units][];
        for (int row = 0; row < units; row++) {
            boolean[] k = kept[units - 1 - row];
            rows[row] = IntStream.range(0, k.length).mapToDouble(i -> k[i] ? 1 : 0).toArray();
        }
        List<String> y = IntStream.range(0, units).mapToObj(r -> "u" + (units - 1 - r)).toList();
        HeatMapChart chart = heatmap(title, rows, y, new Color[] {Color.WHITE, Color.BLACK}, 0, 1);
        chart.getStyler().setLegendVisible(false);
        save(chart, png);
    }

    /** A heatmap of {@code rows} (bottom row first) named {@code y}, on the colour scale [min, max]. */
    private static HeatMapChart heatmap(String title, double[][] rows, List<String> y, Color[] colours, double min,
                                        double max) {
        int units = rows.length;
        int dimension = rows[0].length;
        List<Number[]> cells = new ArrayList<>(units * dimension);
        for (int row = 0; row < units; row++) {
            for (int i = 0; i < dimension; i++) {
                cells.add(new Number[] {i, row, rows[row][i]});
            }
        }
        List<Integer> x = IntStream.range(0, dimension).boxed().toList();
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(Math.max(700, Math.min(1600, 12 * dimension + 200)))
                .height(Math.max(300, Math.min(1200, 10 * units + 150)))
                .title(title).xAxisTitle("input position i").yAxisTitle("unit").build();
        style(chart);
        chart.getStyler().setRangeColors(colours).setMin(min).setMax(max).setPiecewise(false)
                .setShowValue(false).setDrawBorder(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisMaxLabelCount(20);
        chart.getStyler().setYAxisTicksVisible(units <= 40);
        chart.addSeries("w", x, y, cells);
        return chart;
    }

    /**
     * A measure against the pruning round, one line with markers per series (black, red, blue,
     * ...), e.g. iterative pruning and its one-shot baseline.
     *
     * @param series name -> {rounds, values}, two arrays of the same non-zero length
     */
    public static void roundCurves(String title, String yTitle, Map<String, double[][]> series, Path png) {
        Require.that(series != null && !series.isEmpty(), "series", series, "at least one series");
        XYChart chart = lineChart(title, "pruning round", yTitle);
        chart.getStyler().setYAxisDecimalPattern("0.0##");
        int s = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] xy = e.getValue();
            requireSeries(xy[0], xy[1], xy[1]);
            Color colour = SERIES_COLOURS[s++ % SERIES_COLOURS.length];
            XYSeries line = chart.addSeries(e.getKey(), xy[0], xy[1]);
            line.setLineColor(colour);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(colour);
        }
        save(chart, png);
    }

    /**
     * Mean and largest IPR against the step, with the reference level {@code 3/(D+2)} of an i.i.d.
     * Gaussian weight vector (dashed).
     *
     * @param steps     record steps, ascending
     * @param meanIpr   mean IPR at each step
     * @param maxIpr    largest IPR at each step
     * @param dimension D
     */
    public static void iprCurves(double[] steps, double[] meanIpr, double[] maxIpr, int dimension, Path png) {
        requireSeries(steps, meanIpr, maxIpr);
        XYChart chart = lineChart("Localization during training", "SGD step", "IPR");
        chart.getStyler().setYAxisDecimalPattern("0.0##");
        line(chart.addSeries("max over units", steps, maxIpr), new Color(0xB2182B), null);
        line(chart.addSeries("mean over units", steps, meanIpr), Color.BLACK, null);
        gaussianLevel(chart, steps, dimension);
        save(chart, png);
    }

    /**
     * The effective dynamics against SGD: IPR of both against the step, with the i.i.d. Gaussian
     * level {@code 3/(D+2)} (dashed).
     *
     * @param steps  record steps, ascending
     * @param theory IPR of the integrated weights at each step
     * @param sgd    IPR of the SGD weights at each step
     */
    public static void theoryIprCurves(double[] steps, double[] theory, double[] sgd, int dimension, Path png) {
        requireSeries(steps, theory, sgd);
        XYChart chart = lineChart("IPR: effective dynamics vs SGD", "SGD step", "IPR");
        chart.getStyler().setYAxisDecimalPattern("0.0##");
        line(chart.addSeries("SGD", steps, sgd), Color.BLACK, null);
        line(chart.addSeries("theory", steps, theory), new Color(0xB2182B), null);
        gaussianLevel(chart, steps, dimension);
        save(chart, png);
    }

    /**
     * The root-mean-square distance between the integrated and the SGD weights against the step.
     *
     * @param steps record steps, ascending
     * @param error the distance at each step
     */
    public static void theoryError(double[] steps, double[] error, Path png) {
        requireSeries(steps, error, error);
        XYChart chart = lineChart("SGD vs effective dynamics", "SGD step", "l2 error (rms over inputs)");
        line(chart.addSeries("rms(w_SGD - w_theory)", steps, error), Color.BLACK, null);
        save(chart, png);
    }

    /**
     * The final receptive fields of SGD (left) and of the effective dynamics (right) against
     * input position, each with its signed peak marked by a dot and named in the title.
     *
     * @param sgd    the SGD weights, length D
     * @param theory the integrated weights, length D
     */
    public static void theoryReceptiveFields(double[] sgd, double[] theory, Path png) {
        Require.that(sgd.length > 0 && theory.length == sgd.length, "receptive fields",
                sgd.length + " and " + theory.length + " weights", "two fields of the same non-zero length");
        List<XYChart> charts = List.of(fieldPanel("SGD", sgd, Color.BLACK),
                fieldPanel("theory", theory, new Color(0xB2182B)));
        saveGrid(charts, 1, 2, png);
    }

    private static XYChart fieldPanel(String name, double[] w, Color colour) {
        SignedPeak peak = LocalizationMetrics.signedPeak(w);
        XYChart chart = new XYChartBuilder().width(2 * PANEL_WIDTH).height(2 * PANEL_HEIGHT)
                .title(String.format(Locale.ROOT, "%s: peak %s, IPR %.3f", name, peak, LocalizationMetrics.ipr(w)))
                .xAxisTitle("input position i").yAxisTitle("w_i").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        line(chart.addSeries(name, IntStream.range(0, w.length).asDoubleStream().toArray(), w), colour, null);
        marker(chart, "peak", peak.index(), w[peak.index()], new Color(0x2166AC));
        return chart;
    }

    /** Adds the point (x, y) to {@code chart} as a circle marker of {@code colour}, named {@code name}. */
    public static void marker(XYChart chart, String name, double x, double y, Color colour) {
        XYSeries marker = chart.addSeries(name, new double[] {x}, new double[] {y});
        marker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        marker.setMarker(SeriesMarkers.CIRCLE);
        marker.setMarkerColor(colour);
    }

    /** The IPR {@code 3/(D+2)} of an i.i.d. Gaussian weight vector, dashed, over the steps. */
    private static void gaussianLevel(XYChart chart, double[] steps, int dimension) {
        double gaussian = 3.0 / (dimension + 2);
        line(chart.addSeries("i.i.d. Gaussian 3/(D+2)", new double[] {steps[0], steps[steps.length - 1]},
                new double[] {gaussian, gaussian}), Color.GRAY, DASHED);
    }

    /** A 600 x 350 line chart in the project's style, legend below. */
    public static XYChart lineChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(600).height(350).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    private static void requireSeries(double[] steps, double[] a, double[] b) {
        Require.that(steps.length > 0 && a.length == steps.length && b.length == steps.length, "curves",
                steps.length + " steps, " + a.length + " and " + b.length + " values",
                "the same non-zero number of steps and values");
    }

    /** Unit indices sorted by IPR, largest first (NaN last, ties by index). */
    static int[] byIprDescending(double[][] fields) {
        double[] ipr = LocalizationMetrics.iprPerUnit(fields);
        return IntStream.range(0, fields.length).boxed()
                .sorted(Comparator.comparingDouble(
                        (Integer k) -> Double.isNaN(ipr[k]) ? Double.NEGATIVE_INFINITY : ipr[k])
                        .reversed().thenComparing(k -> k))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The colour of series number {@code index} (black, red, blue, then again). */
    public static Color seriesColour(int index) {
        return SERIES_COLOURS[Math.floorMod(index, SERIES_COLOURS.length)];
    }

    /** Draws {@code series} as a line without markers, dashed when {@code dashed}. */
    public static void line(XYSeries series, Color colour, boolean dashed) {
        line(series, colour, dashed ? DASHED : null);
    }

    private static void line(XYSeries series, Color colour, BasicStroke stroke) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        if (stroke != null) {
            series.setLineStyle(stroke);
        }
    }

    /** Applies the project's style: white background, light grid, no title box. */
    public static void style(Chart<? extends AxesChartStyler, ?> chart) {
        AxesChartStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setPlotGridLinesColor(new Color(0xE6E6E6));
        s.setAntiAlias(true);
    }

    /** Writes {@code chart} as a PNG, atomically. */
    public static void save(Chart<?, ?> chart, Path png) {
        AtomicFiles.writeBinary(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG));
    }

    /**
     * Writes {@code charts} as one PNG of panels in rows of {@code maxColumns} (fewer columns when
     * there are fewer charts), atomically.
     */
    public static void savePanels(List<? extends Chart<?, ?>> charts, int maxColumns, Path png) {
        Require.atLeast("maxColumns", maxColumns, 1);
        int columns = Math.max(1, Math.min(maxColumns, charts.size()));
        saveGrid(charts, (charts.size() + columns - 1) / columns, columns, png);
    }

    /** Writes {@code charts} as one PNG of {@code rows} x {@code columns} panels, atomically. */
    public static void saveGrid(List<? extends Chart<?, ?>> charts, int rows, int columns, Path png) {
        Require.that(!charts.isEmpty() && charts.size() <= rows * columns, "charts", charts.size(),
                "between 1 and rows x columns = " + rows * columns);
        AtomicFiles.writeBinary(png, out -> BitmapEncoder.saveBitmap(charts, rows, columns, out, BitmapFormat.PNG));
    }
}
