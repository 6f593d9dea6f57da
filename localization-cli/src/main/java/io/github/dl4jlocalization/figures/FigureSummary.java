package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.Provenance;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@value #FILE} of a figure: which figure, its settings, the paper's claim next to what was
 * measured, the wall time and provenance. Written atomically, last, so that its presence marks a
 * finished figure.
 */
public final class FigureSummary {
    /** The file name. */
    public static final String FILE = "summary.json";

    private FigureSummary() {
    }

    /**
     * Writes {@code out/}{@value #FILE}.
     *
     * @param figure      the figure's name, e.g. {@code ipr-kurtosis}
     * @param claim       the papers' claim the figure checks (docs/science.md section 8)
     * @param settings    every setting of the figure, defaults resolved
     * @param measured    what was measured (numbers and the verdict)
     * @param wallSeconds wall-clock seconds of the figure command, sweeps included
     * @return the written map
     */
    public static Map<String, Object> write(Path out, String figure, String claim, Map<String, ?> settings,
                                            Map<String, ?> measured, double wallSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", Require.nonNull("figure", figure));
        m.put("claim", Require.nonNull("claim", claim));
        m.put("settings", Require.nonNull("settings", settings));
        m.put("measured", Require.nonNull("measured", measured));
        m.put("wallSeconds", wallSeconds);
        m.put("version", Provenance.version());
        m.put("backend", Provenance.backend());
        JsonFiles.write(out.resolve(FILE), m);
        return m;
    }
}
