package org.nathear.api;

import java.util.List;

/**
 * What a task is, readable without loading any audio.
 *
 * @param id                   versioned task name, e.g. {@code esc50-v2.0.0-full} (see {@link Ids#TASK_ID})
 * @param version              the task's version string
 * @param kind                 what it predicts
 * @param layout               the channel layout of its clips
 * @param metrics              metrics to report, the primary score first; never empty
 * @param splitMode            fixed splits or k folds
 * @param splits               split names in order: train, valid, test; or fold00 … fold{k-1}
 * @param labelVocabulary      class names in vocabulary order (index = class index); empty for localization
 * @param clipDurationSeconds  every clip's duration, or {@code null} when clips vary in length
 * @param description          one line for humans
 * @param directionTarget      what a localization probe regresses ({@link DirectionTarget}); {@code null} means
 *                             the unit vector; only localization tasks may choose another
 */
public record TaskDescriptor(String id, String version, TaskKind kind, ChannelLayout layout, List<Metric> metrics,
                             SplitMode splitMode, List<String> splits, List<String> labelVocabulary,
                             Double clipDurationSeconds, String description, DirectionTarget directionTarget) {

    /** A task with the default direction target (the unit vector). */
    public TaskDescriptor(String id, String version, TaskKind kind, ChannelLayout layout, List<Metric> metrics,
                          SplitMode splitMode, List<String> splits, List<String> labelVocabulary,
                          Double clipDurationSeconds, String description) {
        this(id, version, kind, layout, metrics, splitMode, splits, labelVocabulary, clipDurationSeconds, description,
                DirectionTarget.UNIT_VECTOR);
    }

    /** Checks every field and names the task in the message when one is invalid. */
    public TaskDescriptor {
        Ids.requireTaskId(id);
        requireNonNull(version, "version", id);
        requireNonNull(kind, "kind", id);
        requireNonNull(layout, "layout", id);
        requireNonNull(splitMode, "splitMode", id);
        metrics = List.copyOf(requireNonNull(metrics, "metrics", id));
        splits = List.copyOf(requireNonNull(splits, "splits", id));
        labelVocabulary = List.copyOf(requireNonNull(labelVocabulary, "labelVocabulary", id));
        description = description == null ? "" : description;
        directionTarget = directionTarget == null ? DirectionTarget.UNIT_VECTOR : directionTarget;
        if (kind != TaskKind.LOCALIZATION && directionTarget != DirectionTarget.UNIT_VECTOR) {
            throw new TaskFormatException("Task '" + id + "' of kind " + kind + " declares direction target '"
                    + directionTarget.id() + "'; only localization tasks have a direction target");
        }
        if (metrics.isEmpty()) {
            throw new TaskFormatException("Task '" + id + "' lists no metrics; the first metric is its primary score");
        }
        if (splitMode == SplitMode.TRAIN_VALID_TEST && !splits.equals(List.of("train", "valid", "test"))) {
            throw new TaskFormatException("Task '" + id + "' has split mode trainvaltest, so its splits must be "
                    + "[train, valid, test]; got " + splits);
        }
        if (splitMode.isKFold() && splits.size() < 3) {
            throw new TaskFormatException("Task '" + id + "' is k-fold and needs at least 3 folds (test, valid and "
                    + "train rotate); got " + splits);
        }
        if (kind != TaskKind.LOCALIZATION && labelVocabulary.isEmpty()) {
            throw new TaskFormatException("Task '" + id + "' of kind " + kind + " needs a label vocabulary");
        }
        if (labelVocabulary.stream().distinct().count() != labelVocabulary.size()) {
            throw new TaskFormatException("Task '" + id + "' has duplicate labels in its vocabulary: " + labelVocabulary);
        }
        if (clipDurationSeconds != null && !(clipDurationSeconds > 0)) {
            throw new TaskFormatException("Task '" + id + "' clip duration must be positive or null; got "
                    + clipDurationSeconds);
        }
    }

    /** The primary metric (the first listed). */
    public Metric primaryMetric() {
        return metrics.get(0);
    }

    private static <T> T requireNonNull(T value, String field, String id) {
        if (value == null) {
            throw new TaskFormatException("Task '" + id + "' descriptor is missing '" + field + "'");
        }
        return value;
    }
}
