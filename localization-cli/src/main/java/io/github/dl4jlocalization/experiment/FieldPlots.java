package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.rf.InputRegion;
import io.github.dl4jlocalization.rf.Interval;
import io.github.dl4jlocalization.util.Require;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Receptive fields over the input sites as chart panels: a field on a line or ring of D sites as
 * a curve against input position, with the ends of its theoretical region dashed; a field on an H x W image as
 * an image on a symmetric diverging scale (blue negative, white 0, red positive), row 0 on top
 * (its theoretical region belongs in the title).
 */
public final class FieldPlots {
    private static final Color[] DIVERGING = {new Color(0x2166AC), new Color(0x92C5DE), Color.WHITE,
        new Color(0xF4A582), new Color(0xB2182B)};
    private static final Color REGION = new Color(0x999999);

    private FieldPlots() {
    }

    /**
     * A panel of {@code field} (row-major over {@code shape}: one axis or two) of size
     * {@code width} x {@code height} pixels, with its theoretical region (or none).
     */
    public static Chart<?, ?> panel(String title, double[] field, long[] shape, InputRegion region, int width,
                                    int height) {
        Require.nonNull("field", field);
        Require.that(shape.length == 1 || shape.length == 2, "shape", java.util.Arrays.toString(shape),
                "one or two axes");
        return shape.length == 1 ? curve(title, field, region, width, height)
                : image(title, field, (int) shape[0], (int) shape[1], width, height);
    }

    private static XYChart curve(String title, double[] field, InputRegion region, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("input position i")
                .yAxisTitle("d unit / d x_i").build();
        Plots.style(chart);
        chart.getStyler().setLegendVisible(false);
        double m = 0;
        for (double v : field) {
            m = Math.max(m, Math.abs(v));
        }
        m = m > 0 ? m : 1;
        if (region != null) {
            int r = 0;
            for (Interval run : region.runs(0)) {   // the theoretical region's ends, dashed, run by run
                for (double edge : new double[] {run.first() - 0.5, run.last() + 0.5}) {
                    Plots.line(chart.addSeries("region " + r++, new double[] {edge, edge}, new double[] {-m, m}),
                            REGION, true);
                }
            }
        }
        Plots.line(chart.addSeries("field", IntStream.range(0, field.length).asDoubleStream().toArray(), field),
                Color.BLACK, false);
        return chart;
    }

    private static HeatMapChart image(String title, double[] field, int rows, int columns, int width, int height) {
        Require.that(field.length == rows * columns, "field length", field.length, rows + " x " + columns + " sites");
        double m = 0;
        for (double v : field) {
            m = Math.max(m, Math.abs(v));
        }
        m = m > 0 ? m : 1;
        List<Number[]> cells = new ArrayList<>(field.length);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                // XChart draws the first y category at the bottom: row 0 goes last
                cells.add(new Number[] {c, rows - 1 - r, field[r * columns + c]});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).build();
        Plots.style(chart);
        chart.getStyler().setRangeColors(DIVERGING).setMin(-m).setMax(m).setPiecewise(false).setShowValue(false)
                .setDrawBorder(false);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.addSeries("field", IntStream.range(0, columns).boxed().toList(),
                IntStream.range(0, rows).boxed().toList(), cells);
        return chart;
    }
}
