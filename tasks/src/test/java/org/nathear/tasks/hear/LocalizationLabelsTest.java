package org.nathear.tasks.hear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.DirectionTarget;
import org.nathear.api.Label.DirectionLabel;
import org.nathear.api.TaskFormatException;
import org.nathear.api.TaskKind;
import org.nathear.api.spi.OpenedTask;

class LocalizationLabelsTest {

    private static TinyTaskFolder localization(Path dir) throws Exception {
        TinyTaskFolder t = TinyTaskFolder.multiclass(dir, "tiny-loc-v1-full");
        ObjectNode meta = t.metadata();
        meta.put("prediction_type", "localization");
        meta.putArray("evaluation").add("doa_error_mean_deg").add("doa_acc_20deg");
        t.writeMetadata(meta);
        Files.delete(t.folder.resolve(HearFormat.VOCABULARY_FILE));
        t.writeSplit("train", "{\"t1.wav\": [1, 0, 0], \"t2.wav\": [0, 2, 0]}");
        t.writeSplit("valid", "{\"v1.wav\": [0, 0, -1], \"v2.wav\": [1, 1, 0]}");
        t.writeSplit("test", "{\"s1.wav\": [-3, 0, 4], \"s2.wav\": [0.5, -0.5, 0.5]}");
        return t;
    }

    @Test
    void readsDirectionsAsNormalisedLabelsWithoutAVocabulary(@TempDir Path dir) throws Exception {
        HearTaskFolder task = localization(dir).task();
        assertEquals(TaskKind.LOCALIZATION, task.descriptor().kind());
        assertTrue(task.descriptor().labelVocabulary().isEmpty());
        try (OpenedTask t = task.open()) {
            DirectionLabel d = (DirectionLabel) t.clips("test").get(0).label();
            assertEquals(-0.6, d.x(), 1e-12);
            assertEquals(0.8, d.z(), 1e-12);
            assertEquals(1, ((DirectionLabel) t.clips("train").get(1).label()).y(), 1e-12);
        }
    }

    @Test
    void rejectsLabelsThatAreNotThreeFiniteNumbersOrHaveNoDirection(@TempDir Path dir) throws Exception {
        TinyTaskFolder t = localization(dir);
        t.writeSplit("test", "{\"s1.wav\": [1, 0], \"s2.wav\": [0, 0, 1]}");
        TaskFormatException two = assertThrows(TaskFormatException.class, () -> t.task().open());
        assertTrue(two.getMessage().contains("s1.wav") && two.getMessage().contains("[x, y, z]"), two.getMessage());
        t.writeSplit("test", "{\"s1.wav\": [0, 0, 0], \"s2.wav\": [0, 0, 1]}");
        TaskFormatException zero = assertThrows(TaskFormatException.class, () -> t.task().open());
        assertTrue(zero.getMessage().contains("no direction"), zero.getMessage());
        t.writeSplit("test", "{\"s1.wav\": [\"left\", 0, 0], \"s2.wav\": [0, 0, 1]}");
        TaskFormatException text = assertThrows(TaskFormatException.class, () -> t.task().open());
        assertTrue(text.getMessage().contains("component x"), text.getMessage());
    }

    @Test
    void localizationNeedsSceneEmbeddings(@TempDir Path dir) throws Exception {
        TinyTaskFolder t = localization(dir);
        ObjectNode meta = t.metadata();
        meta.put("embedding_type", "event");
        t.writeMetadata(meta);
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> t.task().descriptor());
        assertTrue(e.getMessage().contains("embedding_type 'scene'"), e.getMessage());
    }

    @Test
    void readsTheDirectionTargetExtensionAndDefaultsToTheUnitVector(@TempDir Path dir) throws Exception {
        TinyTaskFolder t = localization(dir);
        assertEquals(DirectionTarget.UNIT_VECTOR, t.task().descriptor().directionTarget());
        ObjectNode meta = t.metadata();
        meta.put(HearFormat.DIRECTION_TARGET_KEY, "az-el");
        t.writeMetadata(meta);
        assertEquals(DirectionTarget.AZIMUTH_ELEVATION, t.task().descriptor().directionTarget());
    }

    @Test
    void rejectsAnUnknownDirectionTargetOrOneOnAClassificationTask(@TempDir Path dir) throws Exception {
        TinyTaskFolder t = localization(dir.resolve("loc"));
        ObjectNode meta = t.metadata();
        meta.put(HearFormat.DIRECTION_TARGET_KEY, "spherical");
        t.writeMetadata(meta);
        TaskFormatException bad = assertThrows(TaskFormatException.class, () -> t.task().descriptor());
        assertTrue(bad.getMessage().contains("task_metadata.json") && bad.getMessage().contains("'direction_target'")
                && bad.getMessage().contains("'spherical'") && bad.getMessage().contains("[unit-vector, az-el]"),
                bad.getMessage());

        TinyTaskFolder scene = TinyTaskFolder.multiclass(dir.resolve("scene"), "tiny-scene-v1-full");
        ObjectNode sceneMeta = scene.metadata();
        sceneMeta.put(HearFormat.DIRECTION_TARGET_KEY, "az-el");
        scene.writeMetadata(sceneMeta);
        TaskFormatException notLocalization = assertThrows(TaskFormatException.class, () -> scene.task().descriptor());
        assertTrue(notLocalization.getMessage().contains("localization tasks only"), notLocalization.getMessage());
    }
}
