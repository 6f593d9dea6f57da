package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.util.Require;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

/**
 * Chart pieces the figure commands share: mean +- std points with error bars (the reference's
 * {@code scatter} + {@code errorbar}), and grids of receptive-field panels drawn on one y range
 * (the reference's {@code sharey=True}).
 */
public final class FigureCharts {
    /** Panels per row of a receptive-field grid (the reference's 2 x 5 layout). */
    public static final int GRID_COLUMNS = 5;

    private FigureCharts() {
    }

    /**
     * Adds {@code name}'s points {@code (x_i, mean_i)} with error bars {@code +- std_i} to a chart
     * of {@link Plots#lineChart}, as markers without lines; points with a NaN coordinate are left
     * out (a point all of whose units diverged). Error bars take their series' colour. Does nothing
     * when no point is left.
     */
    public static void errorBars(XYChart chart, String name, Color colour, double[] x, double[] mean, double[] std) {
        Require.that(x.length == mean.length && x.length == std.length, "points",
                x.length + " x, " + mean.length + " means, " + std.length + " stds", "the same number of each");
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            n += Double.isNaN(x[i]) || Double.isNaN(mean[i]) ? 0 : 1;
        }
        if (n == 0) {
            return;
        }
        double[][] kept = new double[3][n];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(mean[i])) {
                kept[0][j] = x[i];
                kept[1][j] = mean[i];
                kept[2][j++] = Double.isNaN(std[i]) ? 0 : std[i];
            }
        }
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        XYSeries series = chart.addSeries(name, kept[0], kept[1], kept[2]);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(colour);
        series.setLineColor(colour);
    }

    /** The largest |w_i| over the given units of every snapshot (0 for none). */
    public static double maxAbs(List<WeightSnapshot> snapshots, int[] units) {
        double max = 0;
        for (WeightSnapshot s : snapshots) {
            for (int unit : units) {
                for (double w : s.fields()[unit]) {
                    max = Double.isFinite(w) ? Math.max(max, Math.abs(w)) : max;
                }
            }
        }
        return max;
    }

    /**
     * Writes receptive-field panels as one PNG, row by row in rows of {@code columns} panels,
     * every panel on the y range {@code [-1.05 bound, 1.05 bound]}.
     *
     * @param columns panels per row, >= 1
     * @param bound   the largest |w| drawn (e.g. {@link #maxAbs}); a zero bound draws [-1, 1]
     */
    public static void saveSharedY(List<XYChart> panels, int columns, double bound, Path png) {
        Require.that(!panels.isEmpty(), "panels", panels.size(), "at least one");
        Require.atLeast("columns", columns, 1);
        double b = bound > 0 ? 1.05 * bound : 1;
        for (XYChart chart : panels) {
            chart.getStyler().setYAxisMin(-b).setYAxisMax(b);
        }
        int c = Math.min(columns, panels.size());
        Plots.saveGrid(panels, (panels.size() + c - 1) / c, c, png);
    }
}
