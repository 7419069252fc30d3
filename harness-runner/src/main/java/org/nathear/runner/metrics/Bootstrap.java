package org.nathear.runner.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.nathear.api.HarnessException;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.MetricSummary;
import org.nathear.api.util.Seeds;

/**
 * Percentile bootstrap of a cell's primary score over its test clips (docs/result-format.md,
 * {@code primaryInterval}).
 *
 * <p>Resample r draws, independently within every test fold f, {@code n_f} clips uniformly with
 * replacement (as counts per clip), scores every fold on its resample and averages the folds as the
 * cell score is averaged ({@link MetricSummary#of}: NaN folds skipped). The draws of fold f come
 * from a {@link SplittableRandom} seeded with {@code Seeds.derive(seed, "fold/" + f)}, so they depend
 * only on the seed and the fold sizes. The runner seeds with {@link #seedFor(String)}, a function of
 * the task id alone: every model on a task is scored on the same resampled test sets, which pairs
 * the replicates across models (s(m) intervals need that).
 *
 * <p>Evaluators of other task kinds use {@link #interval} with their own {@link FoldScorer}; for
 * metrics that average or take the median of per-clip values (DoA errors) {@link #weightedMean} and
 * {@link #weightedMedian} give the resampled value without expanding the data.
 */
public final class Bootstrap {
    /** Resamples per cell. */
    public static final int RESAMPLES = 1000;
    /** Confidence level of the interval. */
    public static final double CONFIDENCE = 0.95;
    /** Root of the per-task bootstrap seeds (a fixed part of the evaluation protocol, like the folds). */
    public static final long ROOT_SEED = 0x6E61746865617232L;

    private Bootstrap() {
    }

    /** Scores fold {@code fold} of a cell on the resample given by {@code counts} (copies of each test row). */
    @FunctionalInterface
    public interface FoldScorer {
        double score(int fold, int[] counts);
    }

    /** The bootstrap seed of a task: the same for every model and run. */
    public static long seedFor(String taskId) {
        return Seeds.derive(ROOT_SEED, "bootstrap/" + taskId);
    }

    /**
     * The interval of a cell's score.
     *
     * @param metricId  the metric being resampled (the cell's primary metric)
     * @param foldSizes test rows per fold, in fold order
     * @param scorer    the metric of one fold under a resample
     * @param seed      resampling seed ({@link #seedFor})
     * @param resamples number of resamples (≥ 1)
     */
    public static BootstrapInterval interval(String metricId, int[] foldSizes, FoldScorer scorer, long seed,
                                             int resamples) {
        if (resamples < 1) {
            throw new HarnessException("Bootstrap of " + metricId + ": resamples must be ≥ 1; got " + resamples);
        }
        if (foldSizes.length == 0) {
            throw new HarnessException("Bootstrap of " + metricId + ": no test folds to resample");
        }
        SplittableRandom[] random = new SplittableRandom[foldSizes.length];
        for (int f = 0; f < foldSizes.length; f++) {
            if (foldSizes[f] < 1) {
                throw new HarnessException("Bootstrap of " + metricId + ": test fold " + f + " has " + foldSizes[f]
                        + " rows; expected ≥ 1");
            }
            random[f] = new SplittableRandom(Seeds.derive(seed, "fold/" + f));
        }
        double[] replicates = new double[resamples];
        List<Double> perFold = new ArrayList<>(foldSizes.length);
        for (int r = 0; r < resamples; r++) {
            perFold.clear();
            for (int f = 0; f < foldSizes.length; f++) {
                int n = foldSizes[f];
                int[] counts = new int[n];
                for (int i = 0; i < n; i++) {
                    counts[random[f].nextInt(n)]++;
                }
                perFold.add(scorer.score(f, counts));
            }
            replicates[r] = MetricSummary.of(perFold).mean();
        }
        return BootstrapInterval.of(metricId, CONFIDENCE, seed, replicates);
    }

    /** Mean of {@code values} with row i repeated {@code counts[i]} times. */
    public static double weightedMean(double[] values, int[] counts) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * counts[i];
            n += counts[i];
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * numpy's median of {@code values} with row i repeated {@code counts[i]} times (the mean of the
     * two middle values for an even count).
     *
     * @param sortedOrder indices of {@code values} in ascending order of value (computed once per fold)
     */
    public static double weightedMedian(double[] values, int[] counts, int[] sortedOrder) {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        if (n == 0) {
            return Double.NaN;
        }
        long lowRank = (n - 1) / 2;
        long highRank = n / 2;
        double low = 0;
        boolean lowFound = false;
        long seen = 0;
        for (int idx : sortedOrder) {
            long next = seen + counts[idx];
            if (!lowFound && lowRank < next) {
                low = values[idx];
                lowFound = true;
            }
            if (highRank < next) {
                return lowRank == highRank ? values[idx] : (low + values[idx]) / 2;
            }
            seen = next;
        }
        throw new IllegalStateException("unreachable: the ranks lie below the total count");
    }
}
