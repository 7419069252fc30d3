package org.nathear.results.statistics;

import java.util.Arrays;

/**
 * Percentiles and percentile intervals, the project's one implementation: the bounds of every bootstrap
 * interval of a result file ({@link org.nathear.results.schema.BootstrapInterval#of}, which the runner's
 * bootstrap calls) and of the s(m) intervals and drops ({@link org.nathear.results.scores.SmScores}).
 *
 * <p>The rule is numpy's {@code percentile(values, 100 * q)} with its default "linear" method, over the
 * values that are not NaN: sorted values {@code x}, {@code h = (n − 1)·q}, result
 * {@code x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])}; NaN when no value is a number.
 */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * A two-sided percentile interval.
     *
     * @param low  the {@code (1 − level)/2} percentile (NaN when no value is a number)
     * @param high the {@code 1 − (1 − level)/2} percentile (NaN when no value is a number)
     */
    public record Interval(double low, double high) {
    }

    /**
     * The {@code q} quantile of {@code values} (numpy's default "linear" rule, NaN values left out).
     *
     * @param q quantile in [0, 1]
     * @throws IllegalArgumentException when {@code q} lies outside [0, 1]
     */
    public static double percentile(double[] values, double q) {
        checkQuantile(q);
        return ofSorted(sortedNumbers(values), q);
    }

    /**
     * The central interval holding {@code confidenceLevel} of the values: the quantiles
     * {@code α = (1 − level)/2} and {@code 1 − α}, NaN values left out.
     *
     * @param confidenceLevel in (0, 1), e.g. 0.95
     * @throws IllegalArgumentException when the level lies outside (0, 1)
     */
    public static Interval interval(double[] values, double confidenceLevel) {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("Percentile interval: confidence level must lie in (0, 1); got "
                    + confidenceLevel);
        }
        double alpha = (1 - confidenceLevel) / 2;
        double[] x = sortedNumbers(values);
        return new Interval(ofSorted(x, alpha), ofSorted(x, 1 - alpha));
    }

    private static void checkQuantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("Percentile quantile must lie in [0, 1]; got " + q);
        }
    }

    private static double[] sortedNumbers(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }

    private static double ofSorted(double[] x, double q) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double h = (x.length - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= x.length - 1) {
            return x[x.length - 1];
        }
        double frac = h - lo;
        return frac == 0 ? x[lo] : x[lo] + frac * (x[lo + 1] - x[lo]);
    }
}
