package org.nathear.api;

/** What a task predicts, and so which {@link Label} type its clips carry and which probe fits it. */
public enum TaskKind {
    /** One class per clip ({@link Label.SingleLabel}); softmax probe. */
    SCENE_MULTICLASS(Label.SingleLabel.class, false),
    /** Zero or more classes per clip ({@link Label.MultiLabel}); independent sigmoid outputs. */
    SCENE_MULTILABEL(Label.MultiLabel.class, false),
    /** Timestamped events ({@link Label.EventLabels}); frame-level multilabel probe on timestamp embeddings. */
    EVENT(Label.EventLabels.class, true),
    /** One source direction per clip ({@link Label.DirectionLabel}); 3-output regression. */
    LOCALIZATION(Label.DirectionLabel.class, false),
    /** Events with directions ({@link Label.SpatialEventLabels}). */
    SELD(Label.SpatialEventLabels.class, true);

    private final Class<? extends Label> labelType;
    private final boolean usesTimestampEmbeddings;

    TaskKind(Class<? extends Label> labelType, boolean usesTimestampEmbeddings) {
        this.labelType = labelType;
        this.usesTimestampEmbeddings = usesTimestampEmbeddings;
    }

    /** The label record every clip of such a task carries. */
    public Class<? extends Label> labelType() {
        return labelType;
    }

    /** True when the task is evaluated on timestamp (frame) embeddings rather than scene embeddings. */
    public boolean usesTimestampEmbeddings() {
        return usesTimestampEmbeddings;
    }

    /** True for scene classification kinds, whose clips carry class names from the vocabulary. */
    public boolean isSceneClassification() {
        return this == SCENE_MULTICLASS || this == SCENE_MULTILABEL;
    }
}
