package org.nathear.api;

/**
 * The metrics nathear knows, with the names hear-eval-kit uses and whether higher is better.
 * A task lists its metrics primary first.
 */
public enum Metric {
    TOP1_ACC("top1_acc", true),
    PITCH_ACC("pitch_acc", true),
    CHROMA_ACC("chroma_acc", true),
    MAP("mAP", true),
    D_PRIME("d_prime", true),
    AUCROC("aucroc", true),
    EVENT_ONSET_200MS_FMS("event_onset_200ms_fms", true),
    EVENT_ONSET_50MS_FMS("event_onset_50ms_fms", true),
    SEGMENT_1S_ER("segment_1s_er", false),
    DOA_ERROR_MEAN_DEG("doa_error_mean_deg", false),
    DOA_ERROR_MEDIAN_DEG("doa_error_median_deg", false),
    DOA_ACC_20DEG("doa_acc_20deg", true),
    FRONT_BACK_CONFUSION("front_back_confusion", false);

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
