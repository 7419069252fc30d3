package org.nathear.results.schema;

import java.util.ArrayList;
import java.util.List;

import org.nathear.results.statistics.Percentiles;

/**
 * A bootstrap confidence interval of a cell's primary score over its test clips.
 *
 * <p>Each resample draws, within every test fold, as many clips as the fold has, uniformly with
 * replacement; the metric is recomputed on every fold and averaged over the folds exactly as the
 * cell's score is ({@link MetricSummary#of}, NaN folds skipped). {@code replicates} holds the cell
 * score of every resample, in resample order, rounded to {@code float} (7 significant digits) to
 * keep result files small; {@code low} and {@code high} are the {@code (1 − level)/2} and
 * {@code (1 + level)/2} percentiles of the stored replicates ({@link Percentiles#interval}: numpy's
 * default "linear" rule), NaN replicates left out. Because the replicates are stored, anything built
 * from several cells (s(m), differences between models) can be bootstrapped from the file alone.
 *
 * <p>The resamples depend only on {@code seed} and the number of test clips per fold, and the
 * runner derives the seed from the task id: every model evaluated on a task sees the same resampled
 * test sets, so the replicates of two models on one task are paired.
 *
 * @param metric          metric id the interval is about (the cell's primary metric)
 * @param confidenceLevel e.g. 0.95
 * @param resamples       number of resamples ({@code replicates.size()})
 * @param seed            seed of the resampling
 * @param low             lower bound (NaN when every replicate is NaN)
 * @param high            upper bound (NaN when every replicate is NaN)
 * @param replicates      the cell score under every resample
 */
public record BootstrapInterval(String metric, double confidenceLevel, int resamples, long seed, double low,
                                double high, List<Float> replicates) {
    public BootstrapInterval {
        if (metric == null || metric.isEmpty()) {
            throw new ResultFileException("A bootstrap interval needs the metric id it is about; got "
                    + (metric == null ? "null" : "an empty id"));
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new ResultFileException("Bootstrap interval for " + metric + ": confidence level must lie in (0, 1); got "
                    + confidenceLevel);
        }
        replicates = List.copyOf(replicates);
        if (resamples != replicates.size()) {
            throw new ResultFileException("Bootstrap interval for " + metric + ": resamples = " + resamples + " but "
                    + replicates.size() + " replicates are stored; expected the same number");
        }
    }

    /**
     * The interval of the given replicate scores: rounds them to float and takes the percentiles of
     * the rounded values, so that the bounds can be recomputed from the stored replicates.
     */
    public static BootstrapInterval of(String metric, double confidenceLevel, long seed, double[] replicates) {
        List<Float> rounded = new ArrayList<>(replicates.length);
        for (double r : replicates) {
            rounded.add((float) r);
        }
        double[] values = rounded.stream().mapToDouble(Float::doubleValue).toArray();
        Percentiles.Interval bounds = Percentiles.interval(values, confidenceLevel);
        return new BootstrapInterval(metric, confidenceLevel, replicates.length, seed, bounds.low(), bounds.high(),
                rounded);
    }

    /** The replicates as doubles (NaN kept). */
    public double[] replicateValues() {
        return replicates.stream().mapToDouble(Float::doubleValue).toArray();
    }
}
