package org.nathear.runner.metrics;

import java.util.Arrays;
import java.util.Comparator;

import org.nathear.api.HarnessException;
import org.nathear.api.Metric;

/**
 * One scene metric of one test set, recomputed fast for bootstrap resamples.
 *
 * <p>A resample is given as counts: {@code counts[i]} copies of row {@code i}. {@link #score} returns
 * exactly what {@link SceneMetrics#score} returns on the data set with every row repeated that many
 * times (the same groups of tied scores, the same arithmetic), but without building it: per-row
 * correctness (argmax metrics) and every class's row order (ranking metrics) are computed once, so a
 * resample costs O(rows × classes) instead of a sort per class.
 */
public final class ResampledSceneMetric {
    private final Metric metric;
    private final int rows;
    private final int classes;
    private final boolean[] correct;
    private final boolean[][] positives;
    private final int[][] order;
    private final int[][] groupEnds;
    private final int[][] nonFinite;

    public ResampledSceneMetric(Metric metric, double[][] predictions, boolean[][] targets) {
        // shape and metric checks with SceneMetrics' messages
        SceneMetrics.score(metric, predictions, targets);
        this.metric = metric;
        this.rows = predictions.length;
        this.classes = predictions[0].length;
        if (metric == Metric.TOP1_ACC || metric == Metric.PITCH_ACC || metric == Metric.CHROMA_ACC) {
            correct = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                int p = SceneMetrics.argmax(predictions[i]);
                int a = SceneMetrics.argmax(targets[i]);
                correct[i] = metric == Metric.CHROMA_ACC ? p % 12 == a % 12 : p == a;
            }
            positives = null;
            order = null;
            groupEnds = null;
            nonFinite = null;
        } else {
            correct = null;
            positives = new boolean[classes][rows];
            order = new int[classes][];
            groupEnds = new int[classes][];
            nonFinite = new int[classes][];
            for (int c = 0; c < classes; c++) {
                double[] scores = new double[rows];
                for (int i = 0; i < rows; i++) {
                    scores[i] = predictions[i][c];
                    positives[c][i] = targets[i][c];
                }
                Integer[] boxed = new Integer[rows];
                for (int i = 0; i < rows; i++) {
                    boxed[i] = i;
                }
                // the order SceneMetrics uses: descending by Double.compare, equal scores adjacent
                Arrays.sort(boxed, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
                order[c] = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
                int[] ends = new int[rows];
                int groups = 0;
                int i = 0;
                while (i < rows) {
                    double threshold = scores[order[c][i]];
                    do { // at least one row per group: a NaN equals nothing, not even itself
                        i++;
                    } while (i < rows && scores[order[c][i]] == threshold);
                    ends[groups++] = i;
                }
                groupEnds[c] = Arrays.copyOf(ends, groups);
                nonFinite[c] = java.util.stream.IntStream.range(0, rows).filter(r -> !Double.isFinite(scores[r])).toArray();
            }
        }
    }

    public Metric metric() {
        return metric;
    }

    /** Rows of the test set. */
    public int rows() {
        return rows;
    }

    /**
     * The metric on the resampled test set.
     *
     * @param counts copies of each row; the resample has {@code sum(counts)} rows, at least one
     */
    public double score(int[] counts) {
        if (counts.length != rows) {
            throw new HarnessException("Resampling " + metric.id() + ": got counts for " + counts.length
                    + " rows; the test set has " + rows);
        }
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        if (n <= 0) {
            throw new HarnessException("Resampling " + metric.id() + ": the resample holds no rows; expected ≥ 1");
        }
        return switch (metric) {
            case TOP1_ACC, PITCH_ACC, CHROMA_ACC -> accuracy(counts, n);
            case MAP -> meanAveragePrecision(counts);
            case AUCROC -> {
                double[] auc = new double[classes];
                for (int c = 0; c < classes; c++) {
                    auc[c] = rocAuc(c, counts);
                }
                yield Arrays.stream(auc).sum() / classes; // compensated sum, as SceneMetrics
            }
            case D_PRIME -> dPrime(counts);
            default -> throw new IllegalStateException("unreachable: checked in the constructor");
        };
    }

    private double accuracy(int[] counts, long n) {
        long hits = 0;
        for (int i = 0; i < rows; i++) {
            if (correct[i]) {
                hits += counts[i];
            }
        }
        return (double) hits / n;
    }

    private boolean anyNonFinite(int c, int[] counts) {
        for (int r : nonFinite[c]) {
            if (counts[r] > 0) {
                return true;
            }
        }
        return false;
    }

    private double meanAveragePrecision(int[] counts) {
        double sum = 0.0;
        for (int c = 0; c < classes; c++) {
            sum += averagePrecision(c, counts);
        }
        return sum / classes;
    }

    private double averagePrecision(int c, int[] counts) {
        long positiveCount = 0;
        for (int i = 0; i < rows; i++) {
            if (positives[c][i]) {
                positiveCount += counts[i];
            }
        }
        if (anyNonFinite(c, counts)) {
            return Double.NaN;
        }
        if (positiveCount == 0) {
            return 0.0;
        }
        int[] ord = order[c];
        double sum = 0.0;
        long truePositives = 0;
        long seen = 0;
        int start = 0;
        for (int end : groupEnds[c]) {
            long previous = truePositives;
            for (int k = start; k < end; k++) {
                int r = ord[k];
                if (positives[c][r]) {
                    truePositives += counts[r];
                }
                seen += counts[r];
            }
            long gained = truePositives - previous;
            if (gained > 0) {
                sum += gained * ((double) truePositives / seen);
            }
            start = end;
        }
        return sum / positiveCount;
    }

    private double rocAuc(int c, int[] counts) {
        long positiveCount = 0;
        long total = 0;
        for (int i = 0; i < rows; i++) {
            total += counts[i];
            if (positives[c][i]) {
                positiveCount += counts[i];
            }
        }
        long negativeCount = total - positiveCount;
        if (positiveCount == 0 || negativeCount == 0 || anyNonFinite(c, counts)) {
            return Double.NaN;
        }
        int[] ord = order[c];
        long twiceConcordant = 0;
        long positivesAbove = 0;
        int start = 0;
        for (int end : groupEnds[c]) {
            long groupPositives = 0;
            long groupNegatives = 0;
            for (int k = start; k < end; k++) {
                int r = ord[k];
                if (positives[c][r]) {
                    groupPositives += counts[r];
                } else {
                    groupNegatives += counts[r];
                }
            }
            twiceConcordant += groupNegatives * (2 * positivesAbove + groupPositives);
            positivesAbove += groupPositives;
            start = end;
        }
        return twiceConcordant / (2.0 * positiveCount * negativeCount);
    }

    private double dPrime(int[] counts) {
        double sum = 0.0;
        for (int c = 0; c < classes; c++) {
            double a = rocAuc(c, counts);
            if (Double.isNaN(a)) {
                return Double.NaN;
            }
            sum += Math.sqrt(2.0) * StandardNormal.quantile(a);
        }
        return sum / classes;
    }
}
