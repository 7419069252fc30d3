package org.nathear.results.files;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nathear.api.Metric;
import org.nathear.api.TaskFormatException;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.FoldResult;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ResultFileException;
import org.nathear.results.schema.RunResult;

/**
 * The values each known metric can take, and the check that a result file keeps to them. A file
 * claiming {@code top1_acc} 7.5 or a negative DoA error was edited or damaged; reading it fails
 * with a message naming the file, the cell and the field instead of ranking it.
 *
 * <ul>
 *   <li>fractions in [0, 1]: accuracies, mAP, AUC-ROC, event F-measures, DoA accuracy within 20°,
 *       front-back confusion rate;</li>
 *   <li>error rates ≥ 0: {@code segment_1s_er} (it can exceed 1);</li>
 *   <li>angles in [0°, 180°]: DoA errors;</li>
 *   <li>{@code d_prime}: any number, ±∞ included (an AUC of exactly 0 or 1).</li>
 * </ul>
 * NaN stands for "no value" (e.g. a fold without positives) and is accepted for every metric.
 * Metrics nathear does not know are not checked.
 */
public final class MetricRanges {
    /** The closed range of a metric and what it is, for messages. */
    public record Range(double low, double high, String what) {
        boolean contains(double v) {
            return Double.isNaN(v) || (v >= low && v <= high);
        }
    }

    private static final Range FRACTION = new Range(0, 1, "a fraction in [0, 1]");
    private static final Range ERROR_RATE = new Range(0, Double.POSITIVE_INFINITY, "an error rate >= 0");
    private static final Range DEGREES = new Range(0, 180, "an angle in [0, 180] degrees");
    private static final Range ANY = new Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "any number");

    private MetricRanges() {
    }

    /** The range of a metric id, or null for an id nathear does not know. */
    public static Range of(String metricId) {
        Metric metric;
        try {
            metric = Metric.fromId(metricId);
        } catch (TaskFormatException | NullPointerException unknown) {
            return null;
        }
        return switch (metric) {
            case TOP1_ACC, PITCH_ACC, CHROMA_ACC, MAP, AUCROC, EVENT_ONSET_200MS_FMS, EVENT_ONSET_50MS_FMS, DOA_ACC_20DEG,
                    FRONT_BACK_CONFUSION -> FRACTION;
            case SEGMENT_1S_ER -> ERROR_RATE;
            case DOA_ERROR_MEAN_DEG, DOA_ERROR_MEDIAN_DEG, AZIMUTH_ERROR_MEAN_DEG, ELEVATION_ERROR_MEAN_DEG -> DEGREES;
            case D_PRIME -> ANY;
            default -> null;
        };
    }

    /**
     * Checks every score of every cell: the primary score and its interval, each metric's per-fold
     * values and mean (and a standard deviation ≥ 0), and each fold's test scores.
     *
     * @param source the file the run was read from, for the message
     * @throws ResultFileException naming the file, the cell, the field and the allowed range
     */
    public static void check(RunResult run, String source) {
        List<CellResult> cells = run.cells() == null ? List.of() : run.cells();
        for (int c = 0; c < cells.size(); c++) {
            CellResult cell = cells.get(c);
            String where = "cells[" + c + "] (task " + cell.taskId() + ", model " + cell.modelId() + ")";
            if (cell.primaryScore() != null) {
                value(source, where, "primaryScore", cell.primaryMetric(), cell.primaryScore());
            }
            BootstrapInterval interval = cell.primaryInterval();
            if (interval != null) {
                value(source, where, "primaryInterval.low", interval.metric(), interval.low());
                value(source, where, "primaryInterval.high", interval.metric(), interval.high());
            }
            for (Map.Entry<String, MetricSummary> m : cell.metrics().entrySet()) {
                String field = "metrics." + m.getKey();
                MetricSummary summary = m.getValue();
                if (summary == null) {
                    continue;
                }
                List<Double> perFold = summary.perFold();
                for (int f = 0; f < perFold.size(); f++) {
                    if (perFold.get(f) != null) {
                        value(source, where, field + ".perFold[" + f + "]", m.getKey(), perFold.get(f));
                    }
                }
                value(source, where, field + ".mean", m.getKey(), summary.mean());
                if (summary.std() < 0) {
                    throw new ResultFileException(message(source, where, field + ".std", summary.std(),
                            "a standard deviation >= 0"));
                }
            }
            for (int f = 0; f < cell.folds().size(); f++) {
                FoldResult fold = cell.folds().get(f);
                if (fold == null) {
                    continue;
                }
                for (Map.Entry<String, Double> score : fold.testScores().entrySet()) {
                    if (score.getValue() != null) {
                        value(source, where, "folds[" + f + "].testScores." + score.getKey(), score.getKey(), score.getValue());
                    }
                }
            }
        }
    }

    private static void value(String source, String where, String field, String metricId, double v) {
        Range range = of(metricId);
        if (range != null && !range.contains(v)) {
            throw new ResultFileException(message(source, where, field, v, metricId + " is " + range.what()));
        }
    }

    private static String message(String source, String where, String field, double v, String expected) {
        return String.format(Locale.ROOT, "Result file %s: %s has %s = %s; expected %s. The file was edited or damaged; "
                + "rerun the benchmark or restore the file", source, where, field, v, expected);
    }
}
