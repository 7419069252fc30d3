package org.nathear.tasks.hear;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nathear.api.Label;
import org.nathear.api.TaskFormatException;
import org.nathear.api.TaskKind;

/**
 * Reads one {@code <split>.json}: an object from clip file name to its labels.
 *
 * <ul>
 *   <li>scene tasks: a list of labels, exactly one for multiclass, zero or more (distinct) for
 *       multilabel; numbers and booleans are read as Python's {@code str()} prints them;</li>
 *   <li>event tasks: a list of {@code {"label": L, "start": ms, "end": ms}} with
 *       {@code 0 <= start <= end};</li>
 *   <li>localization tasks (nathear extension): the direction {@code [x, y, z]} relative to the
 *       head (x front, y left, z up), normalised on reading.</li>
 * </ul>
 * Every label must be in the vocabulary; every key must be a plain file name.
 */
final class SplitLabelsFile {
    private static final int VOCABULARY_SHOWN = 20;

    private SplitLabelsFile() {
    }

    /**
     * The clips of the split, sorted by id.
     *
     * @param clipSeconds the clip length ({@code sample_duration}) when the task has one: events must
     *                    then lie in the clip (see {@link ClipEvents#check}); null for clips of varying length
     */
    static SortedMap<String, Label> read(Path file, String split, TaskKind kind, List<String> vocabulary, Double clipSeconds) {
        JsonNode root = HearJson.read(file, "the labels of split '" + split + "'");
        if (!root.isObject()) {
            throw new TaskFormatException(file + ": expected a JSON object from clip file name to labels; got "
                    + HearJson.typeOf(root));
        }
        if (root.isEmpty()) {
            throw new TaskFormatException(file + ": split '" + split + "' has no clips; every split needs at least one");
        }
        Set<String> vocab = Set.copyOf(vocabulary);
        SortedMap<String, Label> clips = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String clipId = entry.getKey();
            String problem = HearFormat.unsafeNameProblem(clipId);
            if (problem != null) {
                throw new TaskFormatException(file + ": clip id '" + clipId
                        + "' cannot name an audio file inside the task folder: " + problem);
            }
            JsonNode value = entry.getValue();
            if (!value.isArray()) {
                throw new TaskFormatException(file + ": clip '" + clipId + "': expected a list of labels; got "
                        + HearJson.typeOf(value));
            }
            Label label = switch (kind) {
                case EVENT -> events(value, clipId, file, vocab, vocabulary, clipSeconds);
                case LOCALIZATION -> direction(value, clipId, file);
                default -> sceneLabels(value, clipId, file, kind, vocab, vocabulary);
            };
            clips.put(clipId, label);
        }
        return clips;
    }

    /** A localization label: {@code [x, y, z]}, finite, not all zero (x front, y left, z up). */
    private static Label direction(JsonNode list, String clipId, Path file) {
        if (list.size() != 3) {
            throw new TaskFormatException(file + ": clip '" + clipId + "': a localization label is a direction [x, y, z] "
                    + "(x front, y left, z up); got a list of " + list.size() + " value(s)");
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            JsonNode item = list.get(i);
            if (!item.isNumber() || !Double.isFinite(item.doubleValue())) {
                throw new TaskFormatException(file + ": clip '" + clipId + "': direction component " + "xyz".charAt(i)
                        + " must be a finite number; got " + HearJson.typeOf(item));
            }
            v[i] = item.doubleValue();
        }
        if (v[0] == 0 && v[1] == 0 && v[2] == 0) {
            throw new TaskFormatException(file + ": clip '" + clipId + "': direction [0, 0, 0] has no direction; expected a "
                    + "non-zero vector [x, y, z]");
        }
        return new Label.DirectionLabel(v[0], v[1], v[2]);
    }

    private static Label sceneLabels(JsonNode list, String clipId, Path file, TaskKind kind, Set<String> vocab,
                                     List<String> vocabulary) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String name = HearJson.pythonStr(item);
            if (name == null) {
                throw new TaskFormatException(file + ": clip '" + clipId + "': label " + i
                        + " must be a string or a number; got " + HearJson.typeOf(item));
            }
            requireInVocabulary(name, clipId, file, vocab, vocabulary);
            if (!names.add(name)) {
                throw new TaskFormatException(file + ": clip '" + clipId + "' lists label '" + name + "' twice");
            }
        }
        if (kind == TaskKind.SCENE_MULTICLASS) {
            if (names.size() != 1) {
                throw new TaskFormatException(file + ": clip '" + clipId + "' has " + names.size() + " labels "
                        + names + "; a multiclass task needs exactly one label per clip");
            }
            return new Label.SingleLabel(names.iterator().next());
        }
        return new Label.MultiLabel(new ArrayList<>(names));
    }

    private static Label events(JsonNode list, String clipId, Path file, Set<String> vocab, List<String> vocabulary,
                                Double clipSeconds) {
        List<Label.Event> events = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String where = file + ": clip '" + clipId + "' event " + i;
            if (!item.isObject()) {
                throw new TaskFormatException(where + ": expected {\"label\": …, \"start\": ms, \"end\": ms}; got "
                        + HearJson.typeOf(item));
            }
            JsonNode labelNode = item.get("label");
            String name = labelNode == null ? null : HearJson.pythonStr(labelNode);
            if (name == null) {
                throw new TaskFormatException(where + ": field 'label' must be a string or a number; got "
                        + HearJson.typeOf(labelNode));
            }
            requireInVocabulary(name, clipId, file, vocab, vocabulary);
            double start = millis(item, "start", where);
            double end = millis(item, "end", where);
            if (start < 0) {
                throw new TaskFormatException(where + " ('" + name + "'): start is " + start + " ms; expected >= 0");
            }
            if (end < start) {
                throw new TaskFormatException(where + " ('" + name + "'): end " + end + " ms is before start " + start
                        + " ms; expected start <= end");
            }
            Label.Event event = new Label.Event(name, start, end);
            if (clipSeconds != null) {
                ClipEvents.check(event, i, clipSeconds * 1000, where(file, clipId), "sample_duration in "
                        + HearFormat.METADATA_FILE);
            }
            events.add(event);
        }
        return new Label.EventLabels(events);
    }

    private static String where(Path file, String clipId) {
        return file + ": clip '" + clipId + "'";
    }

    private static double millis(JsonNode event, String field, String where) {
        JsonNode node = event.get(field);
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new TaskFormatException(where + ": field '" + field + "' must be a number of milliseconds; got "
                    + HearJson.typeOf(node));
        }
        return node.doubleValue();
    }

    private static void requireInVocabulary(String name, String clipId, Path file, Set<String> vocab,
                                            List<String> vocabulary) {
        if (!vocab.contains(name)) {
            List<String> shown = vocabulary.size() <= VOCABULARY_SHOWN ? vocabulary : vocabulary.subList(0, VOCABULARY_SHOWN);
            throw new TaskFormatException(file + ": clip '" + clipId + "' has label '" + name + "', which is not in "
                    + HearFormat.VOCABULARY_FILE + " (" + vocabulary.size() + " classes: " + String.join(", ", shown)
                    + (vocabulary.size() > VOCABULARY_SHOWN ? ", …" : "") + ")");
        }
    }
}
