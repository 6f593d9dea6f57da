package io.github.dl4jlocalization.figures;

import java.nio.file.Path;
import java.util.Map;

/**
 * One figure of the papers: its settings (every default resolved), the claim it checks, and how
 * it is produced from resumable sweeps into an output directory. Implementations are immutable.
 */
public interface Figure {

    /** The figure's name, e.g. {@code ipr-kurtosis}: its {@code figure} subcommand. */
    String name();

    /** The papers' claim the figure checks (docs/science.md section 8). */
    String claim();

    /** Every setting, defaults resolved, in a fixed order. */
    Map<String, Object> settings();

    /**
     * Runs the figure's sweeps on {@code sweeps} and writes its CSV files and PNGs into
     * {@code out}.
     *
     * @return what was measured, for {@link FigureSummary}
     */
    Map<String, Object> produce(FigureSweeps sweeps, Path out);

    /**
     * {@link #produce} then {@link FigureSummary#write}, with the wall time of both.
     *
     * @return the written summary
     */
    default Map<String, Object> run(FigureSweeps sweeps, Path out) {
        long started = System.nanoTime();
        Map<String, Object> measured = produce(sweeps, out);
        return FigureSummary.write(out, name(), claim(), settings(), measured, (System.nanoTime() - started) * 1e-9);
    }
}
