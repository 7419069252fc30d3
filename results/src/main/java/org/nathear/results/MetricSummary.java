package org.nathear.results;

import java.util.List;

/**
 * One metric over the test folds: the raw per-fold values, their mean and sample standard
 * deviation (ddof = 1, as pandas; 0 for a single fold).
 */
public record MetricSummary(List<Double> perFold, double mean, double std) {
    public MetricSummary {
        perFold = List.copyOf(perFold);
    }

    /** Summarises per-fold values; NaN values are kept and make the mean NaN. */
    public static MetricSummary of(List<Double> perFold) {
        int n = perFold.size();
        double mean = perFold.stream().mapToDouble(Double::doubleValue).sum() / n;
        double ss = 0;
        for (double v : perFold) {
            ss += (v - mean) * (v - mean);
        }
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0;
        return new MetricSummary(perFold, mean, std);
    }
}
