package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.listeners.LineFileSink;
import io.github.dl4jlocalization.listeners.PruningRoundRecord;
import io.github.dl4jlocalization.util.Require;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes {@link PruningRoundRecord}s as CSV, one row per training phase, flushed as each round
 * finishes ({@link LineFileSink}). Columns ({@value #HEADER}):
 * <ul>
 *   <li>{@code round}: prunings before the phase (0: dense); {@code steps}: updates done in the
 *       run so far;</li>
 *   <li>{@code sparsity}: fraction of the masked weights pruned during the phase,
 *       {@code 1 - round(N (1-p)^r) / N}; {@code sparsityAfterPruning}: after the pruning that
 *       ends the phase;</li>
 *   <li>{@code loss}, {@code accuracy}: on the held-out set; {@code meanIpr}, {@code maxIpr}: mean
 *       and largest IPR of the first-layer units' masked weights (NaN units ignored);</li>
 *   <li>{@code meanPreactivationExcessKurtosis}: mean over units of the excess kurtosis of
 *       {@code h_k = w_k . x} on the held-out inputs; {@code meanSpan}: mean circular span of the
 *       units' surviving inputs, {@code meanRandomSpan} its expectation for as many randomly
 *       placed inputs; {@code meanDisplacement}: mean displacement between two surviving inputs of
 *       a unit, {@code randomDisplacementMean} its expectation for random placement
 *       ({@link io.github.dl4jlocalization.metrics.ConnectionLocality});</li>
 *   <li>{@code cavityPruned}, {@code cavityKept}: mean cavity kurtosis change over the weights the
 *       following pruning removes / keeps (NaN for the last phase).</li>
 * </ul>
 * Numbers use {@link Double#toString(double)}, which parses back exactly.
 */
public final class PruningRoundsCsv extends LineFileSink<PruningRoundRecord> {
    private static final long serialVersionUID = 1L;

    /** The header line. */
    public static final String HEADER = "round,steps,sparsity,sparsityAfterPruning,loss,accuracy,meanIpr,maxIpr,"
            + "meanPreactivationExcessKurtosis,meanSpan,meanRandomSpan,meanDisplacement,randomDisplacementMean,"
            + "cavityPruned,cavityKept";

    /** A new file (replacing any file of that name at the first record). */
    public PruningRoundsCsv(Path file) {
        super(file, false);
    }

    /** The largest IPR over units, NaN units ignored (NaN when all are). */
    public static double maxIpr(PruningRoundRecord r) {
        return Arrays.stream(r.ipr()).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /**
     * The rows of a file written by this class, each as column name -> value, in file order.
     *
     * @throws IllegalArgumentException when the header is not {@value #HEADER} or a row is malformed
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static List<Map<String, Double>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Require.that(!lines.isEmpty() && lines.get(0).equals(HEADER), "header of " + file,
                lines.isEmpty() ? "(empty file)" : lines.get(0), HEADER);
        String[] columns = HEADER.split(",");
        List<Map<String, Double>> rows = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Require.that(f.length == columns.length, "row of " + file, line, columns.length + " numbers");
            Map<String, Double> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.length; c++) {
                try {
                    row.put(columns[c], Double.parseDouble(f[c]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("row of " + file + " must hold numbers, got '" + line + "'", e);
                }
            }
            rows.add(Collections.unmodifiableMap(row));
        }
        return rows;
    }

    @Override
    protected String header(PruningRoundRecord first) {
        return HEADER;
    }

    @Override
    protected String line(PruningRoundRecord r) {
        StringJoiner row = new StringJoiner(",");
        row.add(Integer.toString(r.round())).add(Long.toString(r.steps()));
        for (double v : new double[] {r.sparsity(), r.sparsityAfterPruning(), r.loss(), r.accuracy(), r.meanIpr(),
            maxIpr(r), r.meanPreActivationKurtosis(), r.meanSpan(), r.meanRandomSpan(), r.meanDisplacement(),
            r.randomDisplacementMean(), r.cavityPruned(), r.cavityKept()}) {
            row.add(Double.toString(v));
        }
        return row.toString();
    }
}
