package org.nathear.tasks.tut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ClipRef;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.nathear.api.Label.DirectionLabel;
import org.nathear.api.Metric;
import org.nathear.api.TaskFormatException;
import org.nathear.api.TaskKind;
import org.nathear.api.contract.TaskPluginContract;
import org.nathear.api.spi.OpenedTask;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.tasks.hear.HearTaskFolder;
import org.nathear.tasks.acoustics.receivers.FoaConvention;
import org.nathear.tasks.spatial.TaskFiles;

class TutRealTaskTest implements TaskPluginContract {
    private static Path base;
    private static Path task;

    /** The fixture in the published layout (simulated audio), and the task made from it, shared by the tests. */
    private static synchronized Path task() {
        if (task == null) {
            try {
                Path dir = Files.createTempDirectory("nathear-tut");
                dir.toFile().deleteOnExit();
                base = dir.resolve("TUT-sound-events-2018-real");
                TutRealFixture.write(base, 2018, 5, 2, 3.0, 3);
                task = TutRealTask.write(base, 1, 1, FoaConvention.AMBIX, dir.resolve("tasks"), null).taskFolder();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return task;
    }

    @Override
    public TaskPlugin createTask() {
        return new HearTaskFolder(task());
    }

    @Override
    public int contractSampleRateHz() {
        return 16000;
    }

    @Test
    void readsEveryRecordingAndEventOfThePublishedLayout() {
        task();
        List<TutRealDataset.Recording> recordings = TutRealDataset.read(base, 1, 1);
        assertEquals(7, recordings.size());
        assertEquals(List.of("test_0_desc_30_100", "test_1_desc_30_100", "train_0_desc_30_100"),
                recordings.stream().map(TutRealDataset.Recording::name).toList().subList(0, 3));
        TutRealDataset.Recording r = recordings.get(2);
        assertEquals("train", r.role());
        assertEquals(3, r.events().size());
        TutRealDataset.Event e = r.events().get(0);
        assertTrue(e.azimuthDegrees() >= -180 && e.azimuthDegrees() < 180 && e.azimuthDegrees() % 10 == 0);
        assertTrue(e.elevationDegrees() >= -40 && e.elevationDegrees() <= 40);
        assertTrue(List.of("1", "3", "4", "5", "6", "7", "8", "9").contains(e.className()), "UrbanSound8K class id " + e.className());
    }

    /**
     * The task's segments carry their sources' directions: the intensity vector of each 32 kHz FOA
     * segment points near its label (reverberant room, so the median is checked), and splits follow
     * the recordings (test = test_*, valid = every fourth train_*).
     */
    @Test
    void segmentsAre32KhzFoaLabelledWithTheirDirectionsAndSplitByRecording() {
        HearTaskFolder folder = new HearTaskFolder(task());
        assertEquals(TaskKind.LOCALIZATION, folder.descriptor().kind());
        assertEquals(ChannelLayout.FOA, folder.descriptor().layout());
        assertEquals(DirectionTarget.AZIMUTH_ELEVATION, folder.descriptor().directionTarget(),
                "TUT REAL is the paper's [azimuth, elevation] regression");
        assertEquals(List.of(Metric.DOA_ERROR_MEAN_DEG, Metric.DOA_ERROR_MEDIAN_DEG, Metric.DOA_ACC_20DEG,
                Metric.AZIMUTH_ERROR_MEAN_DEG, Metric.ELEVATION_ERROR_MEAN_DEG), folder.descriptor().metrics());
        List<Double> errors = new ArrayList<>();
        try (OpenedTask t = folder.open()) {
            assertEquals(6, t.clips("test").size(), "2 test recordings x 3 events");
            assertEquals(3, t.clips("valid").size(), "train_3 goes to valid");
            assertEquals(12, t.clips("train").size());
            assertTrue(t.clips("valid").get(0).id().startsWith("train_3_"));
            for (String split : List.of("train", "valid", "test")) {
                for (ClipRef ref : t.clips(split)) {
                    AudioClip a = t.audio(split, ref.id(), 32000);
                    double x = 0;
                    double y = 0;
                    double z = 0;
                    for (int i = 0; i < a.frameCount(); i++) {
                        double w = a.channel(0)[i];
                        x += w * a.channel(3)[i];
                        y += w * a.channel(1)[i];
                        z += w * a.channel(2)[i];
                    }
                    errors.add(new DirectionLabel(x, y, z).angleDegreesTo((DirectionLabel) ref.label()));
                }
            }
        }
        Collections.sort(errors);
        double median = errors.get(errors.size() / 2);
        System.out.printf(Locale.ROOT, "TUT REAL fixture: intensity-vector error of the %d segments, median %.1f deg%n",
                errors.size(), median);
        assertTrue(median < 20, "median " + median);
    }

    @Test
    void aMissingFolderIsAClearError(@TempDir Path dir) {
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> TutRealDataset.read(dir, 1, 1));
        assertTrue(missing.getMessage().contains("wav_ov1_split1_30db"), missing.getMessage());
    }

    @Test
    void aBadCsvHeaderIsAClearError(@TempDir Path dir) {
        Path copy = copyOfSplit1(dir);
        TaskFiles.writeString(TutRealDataset.descriptionFolder(copy, 1, 1).resolve("train_0_desc_30_100.csv"), "recording,start,end\n");
        TaskFormatException header = assertThrows(TaskFormatException.class, () -> TutRealDataset.read(copy, 1, 1));
        assertTrue(header.getMessage().contains("sound_event_recording,start_time,end_time,ele,azi,dist"), header.getMessage());
    }

    @Test
    void anAudioFileWithoutAnnotationIsAClearError(@TempDir Path dir) throws IOException {
        Path copy = copyOfSplit1(dir);
        Files.delete(TutRealDataset.descriptionFolder(copy, 1, 1).resolve("train_0_desc_30_100.csv"));
        ConfigurationException orphan = assertThrows(ConfigurationException.class, () -> TutRealDataset.read(copy, 1, 1));
        assertTrue(orphan.getMessage().contains("has no annotation"), orphan.getMessage());
    }

    /** A copy of the fixture's audio and description folders of overlap 1, split 1, under {@code dir/copy}. */
    private static Path copyOfSplit1(Path dir) {
        task();
        Path copy = dir.resolve("copy");
        try {
            for (Path sub : List.of(TutRealDataset.audioFolder(base, 1, 1), TutRealDataset.descriptionFolder(base, 1, 1))) {
                Path target = copy.resolve(sub.getFileName());
                Files.createDirectories(target);
                try (var files = Files.list(sub)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.copy(f, target.resolve(f.getFileName()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    @Test
    void fumaRecordingsAreConvertedToAmbixAtTheEdge() {
        // a plane wave from the left (y) in FuMa: W/sqrt2, X = 0, Y = 1, Z = 0
        float[][] fuma = {{(float) (1 / Math.sqrt(2))}, {0}, {1}, {0}};
        float[][] ambix = FoaConvention.FUMA.toAmbix(fuma);
        assertEquals(1, ambix[0][0], 1e-6);
        assertEquals(1, ambix[1][0], 1e-6);
        assertEquals(0, ambix[3][0], 1e-6);
        float[][] n3d = {{1}, {(float) Math.sqrt(3)}, {0}, {0}};
        assertEquals(1, FoaConvention.ACN_N3D.toAmbix(n3d)[1][0], 1e-6);
    }
}
