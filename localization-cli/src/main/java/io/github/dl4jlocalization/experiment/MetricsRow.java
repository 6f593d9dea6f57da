package io.github.dl4jlocalization.experiment;

import java.util.List;

/**
 * One row of {@code metrics.csv}: the state of a run at a record step.
 *
 * @param step      SGD steps done (0: the initial network)
 * @param time      the papers' time axis {@code t = step * lr}
 * @param loss      training loss {@code (1/B) sum_n (y_n - t_n)^2} of the step's batch, before its
 *                  update (DL4J's score); NaN at step 0
 * @param evalLoss  the same loss on the fixed evaluation batch, after the step
 * @param accuracy  fraction of the evaluation batch with {@code 1[y > 0.5] == t}
 * @param meanIpr   mean IPR over hidden units
 * @param maxIpr    largest IPR over hidden units
 */
public record MetricsRow(long step, double time, double loss, double evalLoss, double accuracy, double meanIpr,
                         double maxIpr) {
    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("step", "time", "loss", "evalLoss", "accuracy", "meanIpr",
            "maxIpr");

    /** The CSV header line (no line end). */
    public static String header() {
        return String.join(",", COLUMNS);
    }

    /** The CSV line (no line end); doubles in their shortest exact form. */
    public String toCsv() {
        return step + "," + time + "," + loss + "," + evalLoss + "," + accuracy + "," + meanIpr + "," + maxIpr;
    }

    /**
     * Parses a line written by {@link #toCsv()}.
     *
     * @throws IllegalArgumentException when the line does not have the columns
     */
    public static MetricsRow parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != COLUMNS.size()) {
            throw new IllegalArgumentException("metrics row must have " + COLUMNS.size() + " columns, got: " + line);
        }
        try {
            return new MetricsRow(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed metrics row: " + line, e);
        }
    }
}
