package org.nathear.tasks.localization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ClipRef;
import org.nathear.api.ConfigurationException;
import org.nathear.api.Ids;
import org.nathear.api.Label.DirectionLabel;
import org.nathear.api.Metric;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.tasks.hear.HearFormat;
import org.nathear.tasks.hear.HearOpenedTask;
import org.nathear.tasks.hear.HearTaskFolder;
import org.nathear.tasks.spatial.Spatializer;
import org.nathear.tasks.spatial.TaskFiles;

/**
 * Localization tasks made from spatial scene tasks (the paper's SC-5 and ESC-50 localization tasks):
 * the same clips and splits, and as label the direction of each clip's source relative to the
 * listener's head (x front, y left, z up), taken from the scene records a {@link Spatializer} wrote.
 *
 * <p>The new folder is a HEAR task with {@code "prediction_type": "localization"}, labels
 * {@code [x, y, z]}, metrics DoA error mean (primary) and median, accuracy within 20° and, for
 * binaural tasks, the front-back confusion rate. Its audio files are hard links to the scene task's
 * (copies where links are impossible). Built in a temporary folder and moved into place.
 */
public final class LocalizationTasks {
    private LocalizationTasks() {
    }

    /** The metrics of a localization task with this layout, primary first. */
    public static List<Metric> metrics(ChannelLayout layout) {
        List<Metric> m = new ArrayList<>(List.of(Metric.DOA_ERROR_MEAN_DEG, Metric.DOA_ERROR_MEDIAN_DEG, Metric.DOA_ACC_20DEG));
        if (layout == ChannelLayout.BINAURAL) {
            m.add(Metric.FRONT_BACK_CONFUSION);
        }
        return m;
    }

    /** The description written into the metadata of the localization task made from {@code sceneTaskId}. */
    public static String description(String sceneTaskId) {
        return "Localization of the source in " + sceneTaskId
                + ": direction [x front, y left, z up] relative to the head, DoA error in degrees";
    }

    /** The id of the localization task made from a scene task: {@code -nat-} becomes {@code -loc-} (or {@code -loc} is appended). */
    public static String derivedId(String sceneTaskId) {
        return sceneTaskId.contains("-nat-") ? sceneTaskId.replaceFirst("-nat-", "-loc-") : sceneTaskId + "-loc";
    }

    /**
     * Writes the localization version of a spatial scene task into {@code outputParent}.
     *
     * @param taskId the new id, or null for the scene task's id with {@code -nat-} replaced by {@code -loc-}
     *               (or {@code -loc} appended)
     * @return the new task folder
     */
    public static Path fromSceneTask(Path sceneTask, Path outputParent, String taskId) {
        HearTaskFolder folder = new HearTaskFolder(sceneTask);
        HearOpenedTask task = folder.open();
        TaskDescriptor td = task.descriptor();
        if (td.layout() == ChannelLayout.MONO) {
            throw new ConfigurationException("Task " + td.id() + " is mono; a localization task needs a spatial scene task "
                    + "(make one with nathear spatialize)");
        }
        String id = taskId != null ? taskId : derivedId(td.id());
        Ids.requireTaskId(id);
        Path target = outputParent.toAbsolutePath().normalize().resolve(id);
        if (Files.exists(target)) {
            throw new ConfigurationException("Output task folder " + target + " already exists; remove it or choose another name");
        }
        Path partial = TaskFiles.partialFolder(target);
        TaskFiles.deleteTree(partial);
        for (String split : td.splits()) {
            Path records = folder.folder().resolve(Spatializer.SCENES_FOLDER).resolve(split + ".json");
            JsonNode scenes = read(records);
            ObjectNode labels = TaskFiles.JSON.createObjectNode();
            for (ClipRef ref : task.clips(split)) {
                JsonNode source = scenes.path(ref.id()).path("scene").path("source");
                if (!source.path("azimuthDegrees").isNumber() || !source.path("elevationDegrees").isNumber()) {
                    throw new TaskFormatException(records + ": clip '" + ref.id() + "' has no scene.source.azimuthDegrees and "
                            + "elevationDegrees; a localization task needs every clip's source direction");
                }
                DirectionLabel d = DirectionLabel.fromDegrees(source.get("azimuthDegrees").doubleValue(),
                        source.get("elevationDegrees").doubleValue());
                ArrayNode xyz = labels.putArray(ref.id());
                xyz.add(round(d.x())).add(round(d.y())).add(round(d.z()));
            }
            TaskFiles.writeJson(partial.resolve(HearFormat.splitFileName(split)), labels);
        }
        linkAudio(folder.folder(), partial, task.availableRatesHz(), td.splits());
        ObjectNode meta = (ObjectNode) read(folder.folder().resolve(HearFormat.METADATA_FILE));
        meta.put("task_name", id);
        meta.put("embedding_type", "scene");
        meta.put("prediction_type", HearFormat.LOCALIZATION_PREDICTION_TYPE);
        ArrayNode evaluation = meta.putArray("evaluation");
        metrics(td.layout()).forEach(m -> evaluation.add(m.id()));
        meta.remove("num_labels");
        meta.put(HearFormat.DESCRIPTION_KEY, description(td.id()));
        ObjectNode nat = meta.get("nat_hear") instanceof ObjectNode o ? o : meta.putObject("nat_hear");
        nat.put("localization_of", td.id());
        TaskFiles.writeJson(partial.resolve(HearFormat.METADATA_FILE), meta);
        TaskFiles.writeString(partial.resolve(HearFormat.VOCABULARY_FILE), "idx,label\n");
        copyScenes(folder.folder(), partial);
        TaskFiles.moveFolder(partial, target);
        return target;
    }

    /** Rounds a label component to 9 decimals for readable files (far below any angle that matters). */
    private static double round(double v) {
        return Math.round(v * 1e9) / 1e9;
    }

    private static void linkAudio(Path from, Path to, List<Integer> rates, List<String> splits) {
        for (int rate : rates) {
            for (String split : splits) {
                Path dir = from.resolve(Integer.toString(rate)).resolve(split);
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        TaskFiles.linkOrCopy(f, to.resolve(Integer.toString(rate)).resolve(split).resolve(f.getFileName()));
                    }
                } catch (IOException e) {
                    throw new ConfigurationException("Cannot list " + dir + ": " + e, e);
                }
            }
        }
    }

    private static void copyScenes(Path from, Path to) {
        Path dir = from.resolve(Spatializer.SCENES_FOLDER);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                TaskFiles.linkOrCopy(f, to.resolve(Spatializer.SCENES_FOLDER).resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list " + dir + ": " + e, e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return TaskFiles.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TaskFormatException(file + ": cannot be read as JSON: " + e.getMessage()
                    + (Files.exists(file) ? "" : " (a spatial task written by nathear spatialize has it)"), e);
        }
    }

    /** For tests and tools: the labels of a localization task folder as written, split → clip → direction. */
    public static Map<String, Map<String, DirectionLabel>> labels(Path task) {
        HearOpenedTask t = new HearTaskFolder(task).open();
        Map<String, Map<String, DirectionLabel>> out = new LinkedHashMap<>();
        for (String split : t.descriptor().splits()) {
            Map<String, DirectionLabel> m = new LinkedHashMap<>();
            for (ClipRef ref : t.clips(split)) {
                m.put(ref.id(), (DirectionLabel) ref.label());
            }
            out.put(split, m);
        }
        return out;
    }
}
