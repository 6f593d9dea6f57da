package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.listeners.LineFileSink;
import io.github.dl4jlocalization.listeners.PruningRoundRecord;

import java.nio.file.Path;
import java.util.Arrays;
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
 *       units' surviving inputs;</li>
 *   <li>{@code cavityPruned}, {@code cavityKept}: mean cavity kurtosis change over the weights the
 *       following pruning removes / keeps (NaN for the last phase).</li>
 * </ul>
 * Numbers use {@link Double#toString(double)}, which parses back exactly.
 */
public final class PruningRoundsCsv extends LineFileSink<PruningRoundRecord> {
    private static final long serialVersionUID = 1L;

    /** The header line. */
    public static final String HEADER = "round,steps,sparsity,sparsityAfterPruning,loss,accuracy,meanIpr,maxIpr,"
            + "meanPreactivationExcessKurtosis,meanSpan,cavityPruned,cavityKept";

    /** A new file (replacing any file of that name at the first record). */
    public PruningRoundsCsv(Path file) {
        super(file, false);
    }

    /** The largest IPR over units, NaN units ignored (NaN when all are). */
    public static double maxIpr(PruningRoundRecord r) {
        return Arrays.stream(r.ipr()).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
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
            maxIpr(r), r.meanPreActivationKurtosis(), r.meanSpan(), r.cavityPruned(), r.cavityKept()}) {
            row.add(Double.toString(v));
        }
        return row.toString();
    }
}
