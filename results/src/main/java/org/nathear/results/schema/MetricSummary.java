package org.nathear.results.schema;

import java.util.List;

/**
 * One metric over the test folds: the raw per-fold values, their mean and sample standard
 * deviation (ddof = 1).
 *
 * <p>As hear-eval-kit (pandas), NaN folds are left out of the mean and standard deviation: a
 * d_prime that is NaN on one small fold does not erase the others. The raw values keep the NaN.
 * The mean is NaN only when every fold is NaN; the standard deviation is 0 for a task with a single
 * rotation and NaN when fewer than two of several folds are numbers.
 */
public record MetricSummary(List<Double> perFold, double mean, double std) {
    public MetricSummary {
        perFold = List.copyOf(perFold);
    }

    /** Summarises per-fold values, skipping NaN folds as pandas does. */
    public static MetricSummary of(List<Double> perFold) {
        double[] valid = perFold.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        int n = valid.length;
        if (n == 0) {
            return new MetricSummary(perFold, Double.NaN, Double.NaN);
        }
        double mean = java.util.stream.DoubleStream.of(valid).sum() / n; // compensated summation
        double ss = 0;
        for (double v : valid) {
            ss += (v - mean) * (v - mean);
        }
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : perFold.size() == 1 ? 0.0 : Double.NaN;
        return new MetricSummary(perFold, mean, std);
    }
}
