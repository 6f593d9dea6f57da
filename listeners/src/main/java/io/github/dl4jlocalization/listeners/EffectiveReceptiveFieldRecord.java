package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.rf.EffectiveReceptiveField;
import io.github.dl4jlocalization.rf.FieldStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * The effective receptive fields of some units of one layer at one training step, as recorded by
 * {@link EffectiveReceptiveFieldListener}: per unit, the batch mean of its input gradient
 * ({@link EffectiveReceptiveField#mean()}) and how localized it is ({@link FieldStatistics}: IPR,
 * width holding {@code massFraction} of the mass, second-moment width, centre).
 *
 * <p>The CSV form ({@link CsvRecordSink}), for K units on an input of A axes:
 * <pre>
 * iteration,epoch,timestampMillis,score,layer,meanIpr,maxIpr,meanWidth,ipr_0..ipr_{K-1},width_0..width_{K-1},
 * secondMomentWidth_0..,centre_0_0..centre_{K-1}_{A-1}
 * </pre>
 * ({@code width_k}: the sites holding the record's mass fraction of unit k's field;
 * {@code centre_k_a}: its centre along input axis a, in sites). The fields themselves are not in
 * it ({@link JsonLinesRecordSink} writes them).
 *
 * <p>Arrays are not copied; treat them as read-only.
 *
 * @param iteration         parameter updates done
 * @param epoch             DL4J's epoch counter
 * @param score             the model's score (loss) on the last minibatch
 * @param layer             the layer's name
 * @param inputShape        the input's spatial shape ({@code [D]}, {@code [L, L]})
 * @param periodic          which input axes are rings (padded circularly by the network)
 * @param units             each unit, e.g. {@code "layer1 c3 @ [20]"}
 * @param ipr               IPR per unit, in [1/D, 1] (NaN for a zero field)
 * @param massFraction      q of {@code width}
 * @param width             per unit, the fewest sites holding q of the field's mass
 * @param secondMomentWidth per unit, in sites
 * @param centre            per unit, per input axis, in sites
 * @param fields            per unit the field over the input sites (row-major), or null when not recorded
 * @param timestampMillis   wall-clock time of the record
 */
public record EffectiveReceptiveFieldRecord(long iteration, int epoch, double score, String layer, long[] inputShape,
                                            boolean[] periodic, String[] units, double[] ipr, double massFraction,
                                            int[] width, double[] secondMomentWidth, double[][] centre,
                                            double[][] fields, long timestampMillis)
        implements ListenerRecord {

    private static final List<String> CSV_COLUMNS = List.of("iteration", "epoch", "timestampMillis", "score",
            "layer", "meanIpr", "maxIpr", "meanWidth");

    /** The number of units. */
    public int unitCount() {
        return units.length;
    }

    /** Mean IPR over units (NaN ignored). */
    public double meanIpr() {
        return NanStats.mean(ipr);
    }

    /** Largest IPR over units (NaN ignored). */
    public double maxIpr() {
        return NanStats.max(ipr);
    }

    /**
     * Mean width over the units whose field is not zero (a unit no input reaches, e.g. a ReLU unit
     * that is off on every held-out input, has width 0 and a NaN IPR: it is left out); NaN when none.
     */
    public double meanWidth() {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < width.length; k++) {
            if (!Double.isNaN(ipr[k])) {
                sum += width[k];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Whether the fields themselves were recorded. */
    public boolean hasFields() {
        return fields != null;
    }

    @Override
    public List<String> csvColumns() {
        List<String> columns = CsvValues.columns(CSV_COLUMNS, units.length, "ipr_", "width_", "secondMomentWidth_");
        for (int k = 0; k < units.length; k++) {
            for (int a = 0; a < inputShape.length; a++) {
                columns.add("centre_" + k + "_" + a);
            }
        }
        return columns;
    }

    @Override
    public List<String> csvValues() {
        List<String> row = new ArrayList<>();
        CsvValues.add(row, iteration);
        CsvValues.add(row, epoch);
        CsvValues.add(row, timestampMillis);
        CsvValues.add(row, score);
        row.add(layer.replace(',', ';'));
        CsvValues.add(row, meanIpr(), maxIpr(), meanWidth());
        CsvValues.add(row, ipr);
        CsvValues.add(row, width);
        CsvValues.add(row, secondMomentWidth);
        for (double[] c : centre) {
            CsvValues.add(row, c);
        }
        return row;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "EffectiveReceptiveFieldRecord[iteration=%d, layer=%s, units=%d, "
                + "meanIpr=%.4f, maxIpr=%.4f, meanWidth=%.1f]", iteration, layer, units.length, meanIpr(), maxIpr(),
                meanWidth());
    }
}
