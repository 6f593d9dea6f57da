package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.data.StationaryCovariance;
import io.github.dl4jlocalization.metrics.ExcessKurtosis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The excess kurtosis {@code m4/m2^2 - 3} of the input marginals: measured on a batch, pooling
 * every input value of the rows of class 0, of class 1, and of all rows (the models are
 * translation invariant, so every pixel has the same marginal), next to the model's exact value
 * where it is known.
 *
 * <p>The exact value of the pooled mixture of both classes (each with probability 1/2, equal
 * means) is {@code (v0^2 (k0+3) + v1^2 (k1+3)) / (2 ((v0+v1)/2)^2) - 3} with class variances
 * {@code v_c} and excess kurtoses {@code k_c}; it is given when both are known.
 *
 * @param measured0 measured, class 0
 * @param measured1 measured, class 1
 * @param measured  measured, both classes pooled
 * @param exact0    exact, class 0
 * @param exact1    exact, class 1
 * @param exact     exact, both classes pooled
 * @param samples   rows of the batch
 */
public record InputKurtosis(double measured0, double measured1, double measured, OptionalDouble exact0,
                            OptionalDouble exact1, OptionalDouble exact, int samples) {

    /** Measures on {@code batch} (central moments, {@link ExcessKurtosis#CENTRAL}) and looks up the exact values. */
    public static InputKurtosis of(LabelledBatch batch, DataModel model) {
        int d = batch.dimension();
        int ones = 0;
        for (int y : batch.labels()) {
            ones += y;
        }
        double[][] byClass = {new double[(batch.size() - ones) * d], new double[ones * d]};
        int[] filled = new int[2];
        for (int n = 0; n < batch.size(); n++) {
            int y = batch.labels()[n];
            System.arraycopy(batch.features(), n * d, byClass[y], filled[y], d);
            filled[y] += d;
        }
        OptionalDouble k0 = model.marginalExcessKurtosis(0);
        OptionalDouble k1 = model.marginalExcessKurtosis(1);
        Optional<StationaryCovariance> c0 = model.covariance(0);
        Optional<StationaryCovariance> c1 = model.covariance(1);
        OptionalDouble mixture = OptionalDouble.empty();
        if (k0.isPresent() && k1.isPresent() && c0.isPresent() && c1.isPresent()) {
            double v0 = c0.get().variance();
            double v1 = c1.get().variance();
            double m2 = (v0 + v1) / 2;
            mixture = OptionalDouble.of((v0 * v0 * (k0.getAsDouble() + 3) + v1 * v1 * (k1.getAsDouble() + 3))
                    / (2 * m2 * m2) - 3);
        }
        return new InputKurtosis(measure(byClass[0]), measure(byClass[1]),
                ExcessKurtosis.CENTRAL.of(batch.features()), k0, k1, mixture, batch.size());
    }

    private static double measure(double[] values) {
        return values.length == 0 ? Double.NaN : ExcessKurtosis.CENTRAL.of(values);
    }

    /** As JSON: {@code measured} and {@code exact} sections (null where unknown) and {@code samples}. */
    public Map<String, Object> toMap() {
        Map<String, Object> measuredMap = new LinkedHashMap<>();
        measuredMap.put("label0", measured0);
        measuredMap.put("label1", measured1);
        measuredMap.put("overall", measured);
        Map<String, Object> exactMap = new LinkedHashMap<>();
        exactMap.put("label0", orNull(exact0));
        exactMap.put("label1", orNull(exact1));
        exactMap.put("overall", orNull(exact));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measured", measuredMap);
        m.put("exact", exactMap);
        m.put("samples", samples);
        return m;
    }

    private static Double orNull(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }
}
