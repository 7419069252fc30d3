package org.nathear.api;

/**
 * The metrics nathear knows, with the names hear-eval-kit uses and whether higher is better.
 * A task lists its metrics primary first.
 */
public enum Metric {
    /** Top-1 accuracy of multiclass scene tasks. */
    TOP1_ACC("top1_acc", true),
    /** Pitch accuracy (NSynth pitch tasks): the predicted pitch class equals the true one. */
    PITCH_ACC("pitch_acc", true),
    /** Chroma accuracy (NSynth pitch tasks): the predicted pitch is right up to octave. */
    CHROMA_ACC("chroma_acc", true),
    /** Mean average precision over classes (multilabel scene tasks). */
    MAP("mAP", true),
    /** d' from the mean ROC AUC over classes. */
    D_PRIME("d_prime", true),
    /** Mean area under the ROC curve over classes. */
    AUCROC("aucroc", true),
    /** Onset-only event F-measure with a 200 ms collar (sed_eval semantics), DCASE's primary score. */
    EVENT_ONSET_200MS_FMS("event_onset_200ms_fms", true),
    /** Onset-only event F-measure with a 50 ms collar. */
    EVENT_ONSET_50MS_FMS("event_onset_50ms_fms", true),
    /** Segment-based error rate over 1 s segments (lower is better). */
    SEGMENT_1S_ER("segment_1s_er", false),
    /** Mean direction-of-arrival error in degrees (lower is better). */
    DOA_ERROR_MEAN_DEG("doa_error_mean_deg", false),
    /** Median direction-of-arrival error in degrees (lower is better). */
    DOA_ERROR_MEDIAN_DEG("doa_error_median_deg", false),
    /** Share of clips whose direction-of-arrival error is at most 20 degrees. */
    DOA_ACC_20DEG("doa_acc_20deg", true),
    /** Share of clips whose predicted direction lies in the wrong front/back half (lower is better). */
    FRONT_BACK_CONFUSION("front_back_confusion", false),
    /**
     * Mean azimuth error in degrees, wrapped around the circle (359° vs 1° is 2°), reported with the
     * [azimuth, elevation] target (lower is better).
     */
    AZIMUTH_ERROR_MEAN_DEG("azimuth_error_mean_deg", false),
    /** Mean elevation error in degrees, reported with the [azimuth, elevation] target (lower is better). */
    ELEVATION_ERROR_MEAN_DEG("elevation_error_mean_deg", false);

    private final String id;
    private final boolean higherIsBetter;

    Metric(String id, boolean higherIsBetter) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
    }

    /** The name in task metadata and result files (hear-eval-kit's name where it has one). */
    public String id() {
        return id;
    }

    /** True when a higher value is a better score; false for error metrics. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Looks a metric up by its id; the error lists every known id. */
    public static Metric fromId(String id) {
        for (Metric metric : values()) {
            if (metric.id.equals(id)) {
                return metric;
            }
        }
        throw new TaskFormatException("Unknown metric '" + id + "'; known metrics: "
                + java.util.Arrays.stream(values()).map(Metric::id).toList());
    }
}
