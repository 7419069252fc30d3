package org.nathear.tasks.hear;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nathear.api.ChannelLayout;
import org.nathear.api.DirectionTarget;
import org.nathear.api.HarnessException;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskFormatException;
import org.nathear.api.TaskKind;

/**
 * The fields of {@code task_metadata.json} that nathear uses, validated. Other keys (download
 * URLs, source notes, …) are ignored.
 *
 * @param taskName               {@code task_name}
 * @param version                {@code version} (a number is taken as its text)
 * @param mode                   {@code mode}, or {@code null} when absent
 * @param embeddingType          {@code embedding_type}: scene or event
 * @param predictionType         {@code prediction_type}: multiclass, multilabel or (nathear) localization
 * @param kind                   the task kind these two imply
 * @param splitMode              {@code split_mode}
 * @param splits                 {@code splits}, or derived from the split mode and {@code nfolds}
 * @param metrics                {@code evaluation}, primary first
 * @param sampleDurationSeconds  {@code sample_duration}; {@code null} for clips of varying length
 * @param layout                 nathear's {@code channel_layout} extension, {@link ChannelLayout#MONO} by default
 * @param description            nathear's {@code description} extension, or {@code null}
 * @param directionTarget        nathear's {@code direction_target} extension (localization tasks only), the unit
 *                               vector when absent
 */
record HearMetadata(String taskName, String version, String mode, String embeddingType, String predictionType,
                    TaskKind kind, SplitMode splitMode, List<String> splits, List<Metric> metrics,
                    Double sampleDurationSeconds, ChannelLayout layout, String description,
                    DirectionTarget directionTarget) {

    HearMetadata {
        splits = List.copyOf(splits);
        metrics = List.copyOf(metrics);
    }

    static HearMetadata read(Path file) {
        JsonNode root = HearJson.read(file, "the task's metadata");
        if (!root.isObject()) {
            throw new TaskFormatException(file + ": expected a JSON object of task metadata; got " + HearJson.typeOf(root));
        }
        String taskName = requiredText(root, "task_name", file);
        String version = requiredScalar(root, "version", file);
        String mode = optionalText(root, "mode", file);
        String embeddingType = requiredText(root, "embedding_type", file);
        String predictionType = requiredText(root, "prediction_type", file);
        TaskKind kind = kind(embeddingType, predictionType, file);
        String splitModeName = requiredText(root, "split_mode", file);
        SplitMode splitMode;
        try {
            splitMode = SplitMode.fromHearName(splitModeName);
        } catch (HarnessException e) {
            throw new TaskFormatException(file + ": field 'split_mode' is '" + splitModeName
                    + "'; expected one of trainvaltest, presplit_kfold, new_split_kfold", e);
        }
        List<String> splits = splits(root, splitMode, file);
        List<Metric> metrics = metrics(root, file);
        Double duration = sampleDuration(root, file);
        ChannelLayout layout = layout(root, file);
        String description = optionalText(root, HearFormat.DESCRIPTION_KEY, file);
        DirectionTarget target = directionTarget(root, kind, file);
        return new HearMetadata(taskName, version, mode, embeddingType, predictionType, kind, splitMode, splits,
                metrics, duration, layout, description, target);
    }

    private static TaskKind kind(String embeddingType, String predictionType, Path file) {
        if (predictionType.equals(HearFormat.LOCALIZATION_PREDICTION_TYPE)) {
            if (!embeddingType.equals("scene")) {
                throw new TaskFormatException(file + ": prediction_type 'localization' (nathear extension) needs "
                        + "embedding_type 'scene'; got '" + embeddingType + "'");
            }
            return TaskKind.LOCALIZATION;
        }
        if (!predictionType.equals("multiclass") && !predictionType.equals("multilabel")) {
            throw new TaskFormatException(file + ": field 'prediction_type' is '" + predictionType
                    + "'; expected multiclass or multilabel (or localization, a nathear extension)");
        }
        return switch (embeddingType) {
            case "scene" -> predictionType.equals("multiclass") ? TaskKind.SCENE_MULTICLASS : TaskKind.SCENE_MULTILABEL;
            case "event" -> TaskKind.EVENT;
            default -> throw new TaskFormatException(file + ": field 'embedding_type' is '" + embeddingType
                    + "'; expected scene or event");
        };
    }

    private static List<String> splits(JsonNode root, SplitMode splitMode, Path file) {
        JsonNode node = root.get("splits");
        Integer nfolds = nfolds(root, splitMode, file);
        List<String> splits = new ArrayList<>();
        if (node == null || node.isNull()) {
            if (splitMode == SplitMode.TRAIN_VALID_TEST) {
                return List.of("train", "valid", "test");
            }
            if (nfolds == null) {
                throw new TaskFormatException(file + ": split_mode is " + splitMode.hearName()
                        + " but neither 'splits' nor 'nfolds' is given; add \"splits\": [\"fold00\", …] or \"nfolds\": k");
            }
            for (int i = 0; i < nfolds; i++) {
                splits.add(HearFormat.foldName(i));
            }
            return splits;
        }
        if (!node.isArray()) {
            throw new TaskFormatException(file + ": field 'splits' must be a list of split names; got " + HearJson.typeOf(node));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw new TaskFormatException(file + ": field 'splits' entry " + i + " must be a string; got "
                        + HearJson.typeOf(item));
            }
            String name = item.textValue();
            String problem = HearFormat.unsafeNameProblem(name);
            if (problem != null) {
                throw new TaskFormatException(file + ": field 'splits' entry " + i + " '" + name
                        + "' cannot name a split file and folder: " + problem);
            }
            if (!seen.add(name)) {
                throw new TaskFormatException(file + ": field 'splits' lists '" + name + "' twice");
            }
            splits.add(name);
        }
        if (splitMode == SplitMode.TRAIN_VALID_TEST) {
            if (!seen.equals(Set.of("train", "valid", "test"))) {
                throw new TaskFormatException(file + ": split_mode is trainvaltest, so 'splits' must be train, valid "
                        + "and test; got " + splits);
            }
            return List.of("train", "valid", "test");
        }
        if (splits.size() < 3) {
            throw new TaskFormatException(file + ": split_mode is " + splitMode.hearName()
                    + ", which needs at least 3 folds in 'splits' (test, valid and train rotate); got " + splits);
        }
        if (nfolds != null && nfolds != splits.size()) {
            throw new TaskFormatException(file + ": field 'nfolds' is " + nfolds + " but 'splits' lists "
                    + splits.size() + " folds " + splits + "; they must agree");
        }
        return splits;
    }

    private static Integer nfolds(JsonNode root, SplitMode splitMode, Path file) {
        JsonNode node = root.get("nfolds");
        if (node == null || node.isNull() || !splitMode.isKFold()) {
            return null; // hear-preprocess forbids nfolds for trainvaltest; we ignore it there
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 3 || node.intValue() > 100) {
            throw new TaskFormatException(file + ": field 'nfolds' must be an integer from 3 to 100; got "
                    + HearJson.typeOf(node));
        }
        return node.intValue();
    }

    private static List<Metric> metrics(JsonNode root, Path file) {
        JsonNode node = root.get("evaluation");
        if (node == null) {
            throw missing("evaluation", file, "a list of metric names, primary first, e.g. [\"top1_acc\", \"mAP\"]");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new TaskFormatException(file + ": field 'evaluation' must be a non-empty list of metric names, "
                    + "primary first; got " + HearJson.typeOf(node));
        }
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw new TaskFormatException(file + ": field 'evaluation' entry " + i + " must be a metric name; got "
                        + HearJson.typeOf(item));
            }
            Metric metric;
            try {
                metric = Metric.fromId(item.textValue());
            } catch (HarnessException e) {
                throw new TaskFormatException(file + ": field 'evaluation' names unknown metric '" + item.textValue()
                        + "'; known metrics: " + java.util.Arrays.stream(Metric.values()).map(Metric::id).toList(), e);
            }
            if (metrics.contains(metric)) {
                throw new TaskFormatException(file + ": field 'evaluation' lists '" + metric.id() + "' twice");
            }
            metrics.add(metric);
        }
        return metrics;
    }

    private static Double sampleDuration(JsonNode root, Path file) {
        if (!root.has("sample_duration")) {
            throw missing("sample_duration", file, "the clip length in seconds, or null for clips of varying length");
        }
        JsonNode node = root.get("sample_duration");
        if (node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !(node.doubleValue() > 0) || !Double.isFinite(node.doubleValue())) {
            throw new TaskFormatException(file + ": field 'sample_duration' must be a positive number of seconds or "
                    + "null; got " + HearJson.typeOf(node));
        }
        return node.doubleValue();
    }

    private static DirectionTarget directionTarget(JsonNode root, TaskKind kind, Path file) {
        JsonNode node = root.get(HearFormat.DIRECTION_TARGET_KEY);
        if (node == null || node.isNull()) {
            return DirectionTarget.UNIT_VECTOR;
        }
        List<String> known = java.util.Arrays.stream(DirectionTarget.values()).map(DirectionTarget::id).toList();
        if (kind != TaskKind.LOCALIZATION) {
            throw new TaskFormatException(file + ": field '" + HearFormat.DIRECTION_TARGET_KEY + "' (nathear extension) is for "
                    + "localization tasks only; this task is " + kind + ". Remove the field");
        }
        if (node.isTextual() && known.contains(node.textValue())) {
            return DirectionTarget.fromId(node.textValue());
        }
        throw new TaskFormatException(file + ": field '" + HearFormat.DIRECTION_TARGET_KEY + "' (nathear extension) is "
                + (node.isTextual() ? "'" + node.textValue() + "'" : HearJson.typeOf(node)) + "; expected one of " + known);
    }

    private static ChannelLayout layout(JsonNode root, Path file) {
        JsonNode node = root.get(HearFormat.CHANNEL_LAYOUT_KEY);
        if (node == null || node.isNull()) {
            return ChannelLayout.MONO;
        }
        if (node.isTextual()) {
            for (ChannelLayout layout : ChannelLayout.values()) {
                if (layout.name().equalsIgnoreCase(node.textValue())) {
                    return layout;
                }
            }
        }
        throw new TaskFormatException(file + ": field '" + HearFormat.CHANNEL_LAYOUT_KEY + "' (nathear extension) is "
                + HearJson.typeOf(node) + "; expected \"mono\", \"binaural\" or \"foa\"");
    }

    private static String requiredText(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null) {
            throw missing(field, file, "a non-empty string");
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new TaskFormatException(file + ": field '" + field + "' must be a non-empty string; got "
                    + HearJson.typeOf(node));
        }
        return node.textValue();
    }

    private static String requiredScalar(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null) {
            throw missing(field, file, "a non-empty string such as \"v1.0\"");
        }
        String text = node.isTextual() || node.isNumber() ? HearJson.pythonStr(node) : null;
        if (text == null || text.isBlank()) {
            throw new TaskFormatException(file + ": field '" + field + "' must be a non-empty string; got "
                    + HearJson.typeOf(node));
        }
        return text;
    }

    private static String optionalText(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new TaskFormatException(file + ": field '" + field + "' must be a string when present; got "
                    + HearJson.typeOf(node));
        }
        return node.textValue();
    }

    private static TaskFormatException missing(String field, Path file, String expected) {
        return new TaskFormatException(file + ": required field '" + field + "' is missing; expected " + expected);
    }
}
