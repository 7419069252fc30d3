package org.nathear.runner.metrics;

import java.util.Arrays;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.nathear.api.Metric;

/**
 * Direction-of-arrival metrics of localization tasks. Directions are 3-vectors (x front, y left,
 * z up); predictions are renormalised to unit length, truths are unit vectors.
 *
 * <ul>
 *   <li>error of one clip: {@code arccos(p · t)} in degrees (the dot product clipped to [−1, 1]); a
 *       zero or non-finite prediction, which has no direction, counts as 180°;</li>
 *   <li>{@code doa_error_mean_deg}, {@code doa_error_median_deg}: mean and median error (the median
 *       of an even count is the mean of the two middle values);</li>
 *   <li>{@code doa_acc_20deg}: the fraction of clips with an error of at most 20°;</li>
 *   <li>{@code front_back_confusion}: among clips whose true direction is at least 10° from the
 *       frontal (left-right-up) plane, the fraction whose prediction is closer to the truth's mirror
 *       image across that plane ({@code (−x, y, z)}) than to the truth — equivalently, whose
 *       prediction lies in the other front/back half ({@code p_x t_x < 0}); NaN without such clips;</li>
 *   <li>{@code azimuth_error_mean_deg}, {@code elevation_error_mean_deg}: the mean of
 *       {@link #azimuthErrorsDegrees} (wrapped around the circle) and of {@link #elevationErrorsDegrees},
 *       reported with the [azimuth, elevation] target (TUT REAL as in the GRAM paper).</li>
 * </ul>
 */
public final class DoaMetrics {
    /** The accuracy threshold of {@code doa_acc_20deg}, degrees. */
    public static final double ACCURACY_DEGREES = 20;
    /** Targets closer than this to the frontal plane are not counted for front-back confusions, degrees. */
    public static final double FRONT_BACK_MARGIN_DEGREES = 10;

    /** The ids this class scores, for messages. */
    public static final String METRIC_IDS = "doa_error_mean_deg, doa_error_median_deg, doa_acc_20deg, front_back_confusion, "
            + "azimuth_error_mean_deg and elevation_error_mean_deg";

    private DoaMetrics() {
    }

    /** Whether the metric is one of the DoA metrics this class scores. */
    public static boolean handles(Metric metric) {
        return metric == Metric.DOA_ERROR_MEAN_DEG || metric == Metric.DOA_ERROR_MEDIAN_DEG
                || metric == Metric.DOA_ACC_20DEG || metric == Metric.FRONT_BACK_CONFUSION
                || metric == Metric.AZIMUTH_ERROR_MEAN_DEG || metric == Metric.ELEVATION_ERROR_MEAN_DEG;
    }

    /** One metric over predictions and truths, {@code [clip][3]}. */
    public static double score(Metric metric, double[][] predicted, double[][] truth) {
        if (metric == Metric.AZIMUTH_ERROR_MEAN_DEG) {
            return Arrays.stream(azimuthErrorsDegrees(predicted, truth)).sum() / predicted.length;
        }
        if (metric == Metric.ELEVATION_ERROR_MEAN_DEG) {
            return Arrays.stream(elevationErrorsDegrees(predicted, truth)).sum() / predicted.length;
        }
        double[] errors = errorsDegrees(predicted, truth);
        return switch (metric) {
            case DOA_ERROR_MEAN_DEG -> Arrays.stream(errors).sum() / errors.length;
            case DOA_ERROR_MEDIAN_DEG -> median(errors);
            case DOA_ACC_20DEG -> Arrays.stream(errors).filter(e -> e <= ACCURACY_DEGREES).count() / (double) errors.length;
            case FRONT_BACK_CONFUSION -> frontBackConfusionRate(predicted, truth);
            default -> throw new ConfigurationException("Metric '" + metric.id() + "' is not a direction-of-arrival metric; "
                    + "localization tasks are scored with " + METRIC_IDS);
        };
    }

    /** The angular error of every clip, degrees. */
    public static double[] errorsDegrees(double[][] predicted, double[][] truth) {
        check(predicted, truth);
        double[] out = new double[predicted.length];
        for (int i = 0; i < out.length; i++) {
            double[] p = predicted[i];
            double[] t = truth[i];
            double pn = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            double tn = Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
            if (!(pn > 0) || !Double.isFinite(pn) || !(tn > 0)) {
                out[i] = 180;
                continue;
            }
            double dot = (p[0] * t[0] + p[1] * t[1] + p[2] * t[2]) / (pn * tn);
            out[i] = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
        }
        return out;
    }

    /**
     * The azimuth error of every clip, degrees in [0, 180]: the absolute difference of the azimuths
     * (counter-clockwise from the front, {@code atan2(y, x)}) wrapped around the circle, as reported
     * for [azimuth, elevation] regression (TUT REAL). A prediction with no direction counts as 180°;
     * a truth at a pole has no azimuth and counts as 0°.
     */
    public static double[] azimuthErrorsDegrees(double[][] predicted, double[][] truth) {
        check(predicted, truth);
        double[] out = new double[predicted.length];
        for (int i = 0; i < out.length; i++) {
            double[] p = predicted[i];
            double[] t = truth[i];
            if (!(Math.hypot(t[0], t[1]) > 1e-12)) {
                out[i] = 0;
                continue;
            }
            if (!(Math.hypot(p[0], p[1]) > 0) || !Double.isFinite(p[0] + p[1])) {
                out[i] = 180;
                continue;
            }
            double d = Math.abs(DirectionTarget.azimuthDegrees(p) - DirectionTarget.azimuthDegrees(t));
            out[i] = d > 180 ? 360 - d : d;
        }
        return out;
    }

    /**
     * The elevation error of every clip, degrees in [0, 180]: the absolute difference of the
     * elevations ({@code atan2(z, √(x² + y²))}); a prediction with no direction counts as 180°.
     */
    public static double[] elevationErrorsDegrees(double[][] predicted, double[][] truth) {
        check(predicted, truth);
        double[] out = new double[predicted.length];
        for (int i = 0; i < out.length; i++) {
            double[] p = predicted[i];
            double[] t = truth[i];
            double pn = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            if (!(pn > 0) || !Double.isFinite(pn)) {
                out[i] = 180;
                continue;
            }
            out[i] = Math.abs(DirectionTarget.elevationDegrees(p) - DirectionTarget.elevationDegrees(t));
        }
        return out;
    }

    /** See the class comment; NaN when no clip is far enough from the frontal plane. */
    public static double frontBackConfusionRate(double[][] predicted, double[][] truth) {
        check(predicted, truth);
        double margin = Math.sin(Math.toRadians(FRONT_BACK_MARGIN_DEGREES));
        int eligible = 0;
        int confused = 0;
        for (int i = 0; i < truth.length; i++) {
            double[] t = truth[i];
            double tn = Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
            if (!(tn > 0) || Math.abs(t[0] / tn) < margin) {
                continue;
            }
            eligible++;
            if (predicted[i][0] * t[0] < 0) {
                confused++;
            }
        }
        return eligible == 0 ? Double.NaN : confused / (double) eligible;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static void check(double[][] predicted, double[][] truth) {
        if (predicted.length != truth.length || predicted.length == 0) {
            throw new ConfigurationException("DoA metrics need as many predictions as truths, at least one; got "
                    + predicted.length + " and " + truth.length);
        }
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i].length != 3 || truth[i].length != 3) {
                throw new ConfigurationException("Directions are 3-vectors (x, y, z); clip " + i + " has "
                        + predicted[i].length + " and " + truth[i].length + " values");
            }
        }
    }
}
