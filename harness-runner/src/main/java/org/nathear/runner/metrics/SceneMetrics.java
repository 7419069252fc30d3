package org.nathear.runner.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nathear.api.HarnessException;
import org.nathear.api.Metric;

/**
 * Scene-level metrics with hear-eval-kit's semantics ({@code heareval/score.py}, which calls
 * scikit-learn 1.x and SciPy). Inputs are N×C: {@code predictions} are activated outputs (softmax
 * or sigmoid probabilities), {@code targets} one-hot or multi-hot.
 *
 * <ul>
 *   <li>{@code top1_acc}, {@code pitch_acc}: fraction of rows whose prediction argmax equals the
 *       target argmax. Argmax is numpy's: the first index of the maximum; a NaN counts as the
 *       maximum (the first NaN wins). For a multi-hot target that is the first positive class; for
 *       a row without positives it is class 0.</li>
 *   <li>{@code chroma_acc}: the same with both argmax indices taken mod 12 (the vocabulary must list
 *       contiguous semitones, as NSynth's does).</li>
 *   <li>{@code mAP}: macro average precision, {@code average_precision_score(targets, predictions,
 *       average="macro")}. Per class, rows are sorted by decreasing score and equal scores form one
 *       threshold; AP = Σ over thresholds of (recall increase) × (precision at that threshold). A
 *       class without positives has AP 0 (sklearn 1.2 sets its recall to 1 at every threshold and
 *       warns) and still counts in the mean; a class with only positives has AP 1.</li>
 *   <li>{@code aucroc}: macro ROC AUC, {@code roc_auc_score(average="macro")}. Per class it is the
 *       Mann–Whitney statistic with ties counting ½ (equal to sklearn's trapezoid over distinct
 *       thresholds). NaN if any class has no positives or no negatives (sklearn raises, HEAR returns
 *       NaN).</li>
 *   <li>{@code d_prime}: mean over classes of √2·Φ⁻¹(AUC<sub>c</sub>); a class with AUC 1 gives +∞
 *       (and the mean +∞), AUC 0 gives −∞, both together NaN, as numpy's mean. NaN under the same
 *       condition as {@code aucroc}.</li>
 * </ul>
 *
 * <p>Non-finite predictions: sklearn rejects them, which HEAR turns into NaN for {@code d_prime}
 * and {@code aucroc} but lets crash for {@code mAP}; here all three return NaN (so one diverged
 * probe scores NaN instead of failing the cell). The argmax metrics follow numpy.
 *
 * <p>Malformed input (null, empty, ragged, or mismatched shapes) and non-scene metrics throw
 * {@link HarnessException}.
 */
public final class SceneMetrics {
    /** The metrics this class computes. */
    public static final Set<Metric> SUPPORTED = Set.copyOf(EnumSet.of(Metric.TOP1_ACC, Metric.PITCH_ACC,
            Metric.CHROMA_ACC, Metric.MAP, Metric.D_PRIME, Metric.AUCROC));

    private static final double SQRT2 = Math.sqrt(2.0);

    private SceneMetrics() {
    }

    /**
     * One metric over N rows.
     *
     * @param predictions N×C activated outputs
     * @param targets     N×C one-hot or multi-hot labels
     * @return the score; NaN where hear-eval-kit gives NaN (see the class documentation)
     */
    public static double score(Metric metric, double[][] predictions, boolean[][] targets) {
        checkShapes(metric, predictions, targets);
        return switch (metric) {
            case TOP1_ACC, PITCH_ACC -> argmaxAccuracy(predictions, targets, false);
            case CHROMA_ACC -> argmaxAccuracy(predictions, targets, true);
            case MAP -> meanAveragePrecision(predictions, targets);
            case AUCROC -> macroRocAuc(predictions, targets);
            case D_PRIME -> dPrime(predictions, targets);
            default -> throw unsupported(metric);
        };
    }

    /**
     * Several metrics over the same predictions.
     *
     * @return metric → score, in the order of {@code metrics}
     */
    public static Map<Metric, Double> scores(List<Metric> metrics, double[][] predictions, boolean[][] targets) {
        Map<Metric, Double> out = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            out.put(metric, score(metric, predictions, targets));
        }
        return out;
    }

    /**
     * Average precision of one class, sklearn's step-wise definition (no interpolation).
     *
     * @param scores    per-row score for the class
     * @param positives per-row truth for the class
     * @return AP in [0, 1]; 0 when there are no positives; NaN when a score is not finite
     */
    public static double averagePrecision(double[] scores, boolean[] positives) {
        checkColumn(scores, positives);
        int positiveCount = count(positives);
        if (!allFinite(scores)) {
            return Double.NaN;
        }
        if (positiveCount == 0) {
            return 0.0;
        }
        Integer[] order = descending(scores);
        double sum = 0.0;
        int truePositives = 0;
        int seen = 0;
        int i = 0;
        while (i < order.length) {
            int previousTruePositives = truePositives;
            double threshold = scores[order[i]];
            while (i < order.length && scores[order[i]] == threshold) {
                if (positives[order[i]]) {
                    truePositives++;
                }
                seen++;
                i++;
            }
            int gained = truePositives - previousTruePositives;
            if (gained > 0) {
                sum += gained * ((double) truePositives / seen);
            }
        }
        return sum / positiveCount;
    }

    /**
     * ROC AUC of one class: P(score of a positive &gt; score of a negative) + ½·P(equal).
     *
     * @return AUC in [0, 1]; NaN when the class lacks positives or negatives, or a score is not finite
     */
    public static double rocAuc(double[] scores, boolean[] positives) {
        checkColumn(scores, positives);
        long positiveCount = count(positives);
        long negativeCount = positives.length - positiveCount;
        if (positiveCount == 0 || negativeCount == 0 || !allFinite(scores)) {
            return Double.NaN;
        }
        Integer[] order = descending(scores);
        // twice the number of (positive, negative) pairs ranked correctly, ties counting one
        long twiceConcordant = 0;
        long positivesAbove = 0;
        int i = 0;
        while (i < order.length) {
            double threshold = scores[order[i]];
            long groupPositives = 0;
            long groupNegatives = 0;
            while (i < order.length && scores[order[i]] == threshold) {
                if (positives[order[i]]) {
                    groupPositives++;
                } else {
                    groupNegatives++;
                }
                i++;
            }
            twiceConcordant += groupNegatives * (2 * positivesAbove + groupPositives);
            positivesAbove += groupPositives;
        }
        return twiceConcordant / (2.0 * positiveCount * negativeCount);
    }

    /** numpy's argmax: first index of the maximum; the first NaN if there is one. */
    static int argmax(double[] row) {
        int best = 0;
        for (int j = 0; j < row.length; j++) {
            if (Double.isNaN(row[j])) {
                return j;
            }
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    /** The first positive class; 0 when the row has none (numpy's argmax of a 0/1 row). */
    static int argmax(boolean[] row) {
        for (int j = 0; j < row.length; j++) {
            if (row[j]) {
                return j;
            }
        }
        return 0;
    }

    private static double argmaxAccuracy(double[][] predictions, boolean[][] targets, boolean chroma) {
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            int predicted = argmax(predictions[i]);
            int actual = argmax(targets[i]);
            if (chroma ? predicted % 12 == actual % 12 : predicted == actual) {
                correct++;
            }
        }
        return (double) correct / predictions.length;
    }

    private static double meanAveragePrecision(double[][] predictions, boolean[][] targets) {
        int classes = predictions[0].length;
        double sum = 0.0;
        for (int c = 0; c < classes; c++) {
            sum += averagePrecision(column(predictions, c), column(targets, c));
        }
        return sum / classes;
    }

    private static double[] perClassAuc(double[][] predictions, boolean[][] targets) {
        int classes = predictions[0].length;
        double[] auc = new double[classes];
        for (int c = 0; c < classes; c++) {
            auc[c] = rocAuc(column(predictions, c), column(targets, c));
        }
        return auc;
    }

    private static double macroRocAuc(double[][] predictions, boolean[][] targets) {
        double[] auc = perClassAuc(predictions, targets);
        return Arrays.stream(auc).sum() / auc.length;
    }

    private static double dPrime(double[][] predictions, boolean[][] targets) {
        double[] auc = perClassAuc(predictions, targets);
        double sum = 0.0;
        for (double a : auc) {
            if (Double.isNaN(a)) {
                return Double.NaN;
            }
            sum += SQRT2 * StandardNormal.quantile(a);
        }
        return sum / auc.length;
    }

    private static Integer[] descending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Double.compare puts -0.0 next to 0.0, so equal scores (==) end up adjacent
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return order;
    }

    private static double[] column(double[][] matrix, int c) {
        double[] out = new double[matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = matrix[i][c];
        }
        return out;
    }

    private static boolean[] column(boolean[][] matrix, int c) {
        boolean[] out = new boolean[matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = matrix[i][c];
        }
        return out;
    }

    private static int count(boolean[] values) {
        int n = 0;
        for (boolean v : values) {
            if (v) {
                n++;
            }
        }
        return n;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static HarnessException unsupported(Metric metric) {
        return new HarnessException("Metric '" + (metric == null ? "null" : metric.id()) + "' is not a scene metric; SceneMetrics computes "
                + SUPPORTED.stream().sorted().map(Metric::id).toList()
                + " (event and localization metrics have their own classes)");
    }

    private static void checkColumn(double[] scores, boolean[] positives) {
        if (scores == null || positives == null) {
            throw new HarnessException("Per-class scores and labels must not be null; got scores="
                    + (scores == null ? "null" : "double[" + scores.length + "]") + ", labels="
                    + (positives == null ? "null" : "boolean[" + positives.length + "]"));
        }
        if (scores.length != positives.length || scores.length == 0) {
            throw new HarnessException("Per-class scores and labels must have the same non-zero length; got "
                    + scores.length + " scores and " + positives.length + " labels");
        }
    }

    private static void checkShapes(Metric metric, double[][] predictions, boolean[][] targets) {
        if (metric == null || !SUPPORTED.contains(metric)) {
            throw unsupported(metric);
        }
        String where = "Scoring " + metric.id() + ": ";
        if (predictions == null || targets == null) {
            throw new HarnessException(where + "predictions and targets must not be null; got predictions="
                    + (predictions == null ? "null" : "present") + ", targets=" + (targets == null ? "null" : "present"));
        }
        if (predictions.length == 0) {
            throw new HarnessException(where + "no rows to score (predictions has 0 rows); expected N ≥ 1");
        }
        if (predictions.length != targets.length) {
            throw new HarnessException(where + "predictions has " + predictions.length + " rows but targets has "
                    + targets.length + "; expected the same N");
        }
        int classes = predictions[0] == null ? -1 : predictions[0].length;
        if (classes < 1) {
            throw new HarnessException(where + "row 0 of predictions has no classes; expected C ≥ 1 columns");
        }
        for (int i = 0; i < predictions.length; i++) {
            if (predictions[i] == null || predictions[i].length != classes) {
                throw new HarnessException(where + "predictions row " + i + " has "
                        + (predictions[i] == null ? "no array" : predictions[i].length + " columns")
                        + "; expected " + classes + " like row 0");
            }
            if (targets[i] == null || targets[i].length != classes) {
                throw new HarnessException(where + "targets row " + i + " has "
                        + (targets[i] == null ? "no array" : targets[i].length + " columns")
                        + "; expected " + classes + " like the predictions");
            }
        }
    }
}
