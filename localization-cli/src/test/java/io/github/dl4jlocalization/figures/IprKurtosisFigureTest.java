package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.data.DataModelConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IprKurtosisFigureTest {
    @Test
    void defaultGainsAreTheReferenceLogspace() {
        List<Double> g = IprKurtosisFigure.DEFAULT_GAINS;
        assertEquals(10, g.size());
        // docs/science.md 2.4 lists them to 4 decimals
        double[] listed = {0.1, 0.1668, 0.2783, 0.4642, 0.7743, 1.2915, 2.1544, 3.5938, 5.9948, 10};
        for (int i = 0; i < listed.length; i++) {
            assertEquals(listed[i], g.get(i), 5e-5);
        }
    }

    @Test
    void measuredExcessKurtosisOfAGaussianFieldIsZeroWithinItsStandardError() {
        // the NLGP clone at gain 1 is Gaussian: excess 0, estimator sd sqrt(24/n); 4 sd
        int n = 10_000;
        double k = IprKurtosisFigure.measuredExcessKurtosis(DataModelConfig.fromMap(Map.of("model", "nlgp-clone",
                "gain", 1.0)).build(), n);
        assertEquals(0, k, 4 * Math.sqrt(24.0 / n));
    }

    @Test
    void meanIprAveragesTheUnits() {
        // one-hot (IPR 1) and constant over 4 sites (IPR 1/4)
        assertEquals((1 + 0.25) / 2, IprKurtosisFigure.meanIpr(new double[][] {{0, 2, 0, 0}, {1, 1, 1, 1}}), 1e-15);
    }
}
