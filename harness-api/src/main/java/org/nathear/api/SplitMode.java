package org.nathear.api;

/** How a task's data is split, with the names hear-preprocess writes in {@code task_metadata.json}. */
public enum SplitMode {
    /** Fixed train, valid and test splits. */
    TRAIN_VALID_TEST("trainvaltest"),
    /** Folds defined by the dataset (e.g. ESC-50); rotations test = fold i, valid = fold i+1. */
    PRESPLIT_KFOLD("presplit_kfold"),
    /** Folds made by the preprocessing pipeline; same rotations. */
    NEW_SPLIT_KFOLD("new_split_kfold");

    private final String hearName;

    SplitMode(String hearName) {
        this.hearName = hearName;
    }

    /** The name used in hear-preprocess metadata. */
    public String hearName() {
        return hearName;
    }

    /** True for the k-fold modes (test = fold i, valid = fold i+1). */
    public boolean isKFold() {
        return this != TRAIN_VALID_TEST;
    }

    /** Parses a hear-preprocess split mode name; the error lists the accepted names. */
    public static SplitMode fromHearName(String name) {
        for (SplitMode mode : values()) {
            if (mode.hearName.equals(name)) {
                return mode;
            }
        }
        throw new TaskFormatException("Unknown split_mode '" + name
                + "'; expected one of trainvaltest, presplit_kfold, new_split_kfold");
    }
}
