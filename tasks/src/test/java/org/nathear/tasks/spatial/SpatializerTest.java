package org.nathear.tasks.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;
import org.nathear.api.Label;
import org.nathear.api.TaskKind;
import org.nathear.api.spi.OpenedTask;
import org.nathear.tasks.hear.HearTaskFolder;
import org.nathear.tasks.localization.LocalizationTasks;
import org.nathear.tasks.spatial.scene.SceneSampler;
import org.nathear.tasks.spatial.scene.SpatialFormat;

class SpatializerTest {
    static final Spatializer.Progress QUIET = new Spatializer.Progress() {
        @Override
        public void clips(int done, int total) {
        }

        @Override
        public void message(String line) {
        }
    };

    /** Short reverberation and one or three noise sources keep the test fast; the paper's ranges are tested elsewhere. */
    static final SceneSampler.Settings SMALL_ROOMS = new SceneSampler.Settings(1.5, 5, 0.2, 0.3, 4, 10, 3.5, 8, 2.5, 4, 1.5, 0.3,
            0.5, 3, 3, 5, 40);

    private static Spatializer.Settings settings(SpatialFormat format, long seed, boolean localization, int threads) {
        return new Spatializer.Settings(format, seed, null, null, null, null, localization, threads, SMALL_ROOMS);
    }

    @Test
    void writesAHearTaskWithTheSameLabelsSpatialAudioAtEveryRateAndSceneRecords(@TempDir Path dir) throws IOException {
        Path input = MonoTaskFixture.write(dir.resolve("in"), "mini-v1-full", 0.3, 16000, 8000);
        Spatializer.Result result = Spatializer.run(input, dir.resolve("out"), settings(SpatialFormat.FOA, 1, true, 2), QUIET);
        assertEquals(dir.resolve("out").resolve("mini-nat-foa-v1-full").toAbsolutePath(), result.taskFolder());
        assertEquals(6, result.clips());
        HearTaskFolder out = new HearTaskFolder(result.taskFolder());
        assertEquals(ChannelLayout.FOA, out.descriptor().layout());
        assertEquals(TaskKind.SCENE_MULTICLASS, out.descriptor().kind());
        try (OpenedTask task = out.open(); OpenedTask original = new HearTaskFolder(input).open()) {
            for (String split : task.descriptor().splits()) {
                assertEquals(original.clips(split), task.clips(split), "labels of " + split);
            }
            AudioClip at16 = task.audio("train", "train0.wav", 16000);
            AudioClip at8 = task.audio("train", "train0.wav", 8000);
            assertEquals(4, at16.channelCount());
            assertEquals(4800, at16.frameCount());
            assertEquals(2400, at8.frameCount());
        }
        JsonNode scenes = TaskFiles.JSON.readTree(result.taskFolder().resolve("scenes").resolve("test.json").toFile());
        assertEquals(2, scenes.size());
        JsonNode s = scenes.get("test1.wav").get("scene");
        assertEquals("foa", s.get("format").asText());
        assertTrue(s.get("room").get("rt60Seconds").asDouble() >= 0.2);
        assertTrue(s.get("source").has("azimuthDegrees") && s.get("noise").has("snrDb"));
        JsonNode meta = TaskFiles.JSON.readTree(result.taskFolder().resolve("task_metadata.json").toFile());
        assertEquals("foa", meta.get("channel_layout").asText());
        assertEquals("mini-v1-full", meta.get("nat_hear").get("source_task").asText());
        assertFalse(Files.exists(result.taskFolder().resolve(".scene-parts")), "no working files left");

        Path loc = result.localizationFolder();
        assertEquals("mini-loc-foa-v1-full", loc.getFileName().toString());
        HearTaskFolder locTask = new HearTaskFolder(loc);
        assertEquals(TaskKind.LOCALIZATION, locTask.descriptor().kind());
        assertEquals("doa_error_mean_deg", locTask.descriptor().primaryMetric().id());
        var labels = LocalizationTasks.labels(loc);
        Label.DirectionLabel d = labels.get("test").get("test1.wav");
        Label.DirectionLabel expected = Label.DirectionLabel.fromDegrees(s.get("source").get("azimuthDegrees").asDouble(),
                s.get("source").get("elevationDegrees").asDouble());
        assertEquals(0, d.angleDegreesTo(expected), 1e-4, "label = the scene's source direction");
    }

    @Test
    void theSameSeedGivesIdenticalFilesWhateverTheThreadCountAndAnInterruptedRunResumes(@TempDir Path dir) throws IOException {
        Path input = MonoTaskFixture.write(dir.resolve("in"), "mini-v1-full", 0.25, 16000);
        Path clean = Spatializer.run(input, dir.resolve("a"), settings(SpatialFormat.BINAURAL, 5, false, 1), QUIET).taskFolder();

        AtomicInteger calls = new AtomicInteger();
        Spatializer.Progress failing = new Spatializer.Progress() {
            @Override
            public void clips(int done, int total) {
                if (calls.incrementAndGet() == 3) {
                    throw new IllegalStateException("simulated interruption");
                }
            }

            @Override
            public void message(String line) {
            }
        };
        Path out = dir.resolve("b");
        assertThrows(RuntimeException.class, () -> Spatializer.run(input, out, settings(SpatialFormat.BINAURAL, 5, false, 2), failing));
        assertFalse(Files.exists(out.resolve("mini-nat-binaural-v1-full")), "no half-written task folder");
        assertTrue(Files.isDirectory(out.resolve(".mini-nat-binaural-v1-full.partial")), "the partial folder stays for resuming");

        ConfigurationException other = assertThrows(ConfigurationException.class,
                () -> Spatializer.run(input, out, settings(SpatialFormat.BINAURAL, 6, false, 2), QUIET));
        assertTrue(other.getMessage().contains("other settings"), other.getMessage());

        Spatializer.Result resumed = Spatializer.run(input, out, settings(SpatialFormat.BINAURAL, 5, false, 2), QUIET);
        assertTrue(resumed.resumed() >= 1, "clips finished before the interruption are kept: " + resumed);
        for (String split : new String[] {"train", "valid", "test"}) {
            for (int i = 0; i < 2; i++) {
                String clip = split + i + ".wav";
                Path rel = Path.of("16000", split, clip);
                assertArrayEquals(Files.readAllBytes(clean.resolve(rel)), Files.readAllBytes(resumed.taskFolder().resolve(rel)), rel.toString());
            }
            assertEquals(TaskFiles.JSON.readTree(clean.resolve("scenes").resolve(split + ".json").toFile()),
                    TaskFiles.JSON.readTree(resumed.taskFolder().resolve("scenes").resolve(split + ".json").toFile()));
        }
    }

    @Test
    void tooShortClipsExistingOutputsAndSpatialInputsAreClearErrorsThatWriteNothing(@TempDir Path dir) {
        Path tiny = MonoTaskFixture.write(dir.resolve("in"), "tiny-v1-full", 0.05, 16000);
        Path out = dir.resolve("out");
        HarnessException shortClips = assertThrows(HarnessException.class,
                () -> Spatializer.run(tiny, out, settings(SpatialFormat.FOA, 1, false, 1), QUIET));
        assertTrue(shortClips.getMessage().contains("0.05") && shortClips.getMessage().contains("at least"), shortClips.getMessage());
        assertFalse(Files.exists(out.resolve("tiny-nat-foa-v1-full")));

        Path ok = MonoTaskFixture.write(dir.resolve("in"), "ok-v1-full", 0.2, 16000);
        Path done = Spatializer.run(ok, out, settings(SpatialFormat.FOA, 1, false, 1), QUIET).taskFolder();
        ConfigurationException exists = assertThrows(ConfigurationException.class,
                () -> Spatializer.run(ok, out, settings(SpatialFormat.FOA, 1, false, 1), QUIET));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        ConfigurationException spatial = assertThrows(ConfigurationException.class,
                () -> Spatializer.run(done, dir.resolve("again"), settings(SpatialFormat.FOA, 1, false, 1), QUIET));
        assertTrue(spatial.getMessage().contains("mono"), spatial.getMessage());
        ConfigurationException sofaForFoa = assertThrows(ConfigurationException.class,
                () -> new Spatializer.Settings(SpatialFormat.FOA, 1, dir.resolve("x.sofa"), null, null, null, false, 1, null));
        assertTrue(sofaForFoa.getMessage().contains("binaural"), sofaForFoa.getMessage());
    }

    @Test
    void derivesIdsThatKeepTheVersionAndModeAtTheEnd() {
        assertEquals("real-sfx-nat-foa-v1-full", Spatializer.derivedId("real-sfx-v1-full", "v1", "full", "nat-foa"));
        assertEquals("esc50-nat-binaural-v2.0.0-full", Spatializer.derivedId("esc50-v2.0.0-full", "v2.0.0", "full", "nat-binaural"));
        assertEquals("mytask-nat-foa", Spatializer.derivedId("mytask", "v1", null, "nat-foa"));
    }
}
