package org.nathear.tasks.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ClipRef;
import org.nathear.api.PluginException;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.api.spi.TaskProvider;
import org.nathear.tasks.hear.HearOpenedTask;
import org.nathear.tasks.hear.HearTaskFolder;

class DemoSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STROKES = "demo-strokes-v1-full";

    @TempDir
    Path root;

    /** Relative path → file bytes, for every file under a folder. */
    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void offersFourTasksInSuiteOrder() {
        assertEquals(List.of("demo-pitch-v1-full", "demo-textures-v1-full", "demo-strokes-v1-full",
                "demo-mixtures-v1-full"), DemoSuite.taskIds());
    }

    @Test
    void describesTasksWithoutGeneratingAnything() {
        Path dataDir = root.resolve("data");
        List<TaskPlugin> tasks = new DemoTaskProvider().tasks(new TaskDiscoveryContext(List.of(), dataDir));
        List<String> all = new java.util.ArrayList<>(DemoSuite.taskIds());
        all.addAll(NatDemoSuite.taskIds());
        assertEquals(all, tasks.stream().map(t -> t.descriptor().id()).toList(), "mono tasks first, then Nat-HEAR ones");
        assertFalse(Files.exists(dataDir), "listing must not write data");
    }

    @Test
    void generationIsDeterministicByteForByte() throws IOException {
        for (String id : DemoSuite.taskIds()) {
            Path again = root.resolve(id);
            DemoSuite.generate(id, DemoSuite.DEFAULT_SEED, again);
            Map<String, byte[]> first = contents(DemoTestData.folder(id));
            Map<String, byte[]> second = contents(again);
            assertEquals(first.keySet(), second.keySet(), id + " file names");
            for (String file : first.keySet()) {
                assertArrayEquals(first.get(file), second.get(file), id + ": " + file + " differs between two generations");
            }
        }
    }

    @Test
    void aDifferentSeedGivesDifferentClipsAndAudio() throws IOException {
        Path other = root.resolve("other");
        DemoSuite.generate(STROKES, 7, other);
        Map<String, byte[]> a = contents(DemoTestData.folder(STROKES));
        Map<String, byte[]> b = contents(other);
        assertNotEquals(a.keySet(), b.keySet(), "clip names depend on the seed");
        assertEquals(a.get("labelvocabulary.csv").length, b.get("labelvocabulary.csv").length);
        byte[] firstWavA = a.entrySet().stream().filter(e -> e.getKey().endsWith(".wav")).findFirst().orElseThrow().getValue();
        byte[] firstWavB = b.entrySet().stream().filter(e -> e.getKey().endsWith(".wav")).findFirst().orElseThrow().getValue();
        assertFalse(java.util.Arrays.equals(firstWavA, firstWavB), "audio depends on the seed");
    }

    @Test
    void generatedFoldersReadBackAsHearTasksWithTheSuiteDescriptors() {
        for (String id : DemoSuite.taskIds()) {
            HearTaskFolder folder = new HearTaskFolder(DemoTestData.folder(id));
            assertEquals(DemoSuite.descriptor(id), folder.descriptor(), id);
            try (HearOpenedTask task = folder.open()) {
                assertEquals(List.of(DemoSuite.SAMPLE_RATE_HZ), task.availableRatesHz());
            }
        }
    }

    @Test
    void metadataHasHearFieldsAndTheGeneratorAndSeed() throws IOException {
        JsonNode m = JSON.readTree(DemoTestData.folder(STROKES).resolve("task_metadata.json").toFile());
        for (String field : List.of("task_name", "version", "embedding_type", "prediction_type", "split_mode", "nfolds",
                "splits", "sample_duration", "evaluation", "mode", "default_mode", "generator", "seed")) {
            assertTrue(m.has(field), "task_metadata.json lacks " + field);
        }
        assertEquals("demo-strokes", m.get("task_name").asText());
        assertEquals(5, m.get("nfolds").asInt());
        assertEquals(DemoSuite.GENERATOR_VERSION, m.get("generator").asText());
        assertEquals(DemoSuite.DEFAULT_SEED, m.get("seed").asLong());
        assertFalse(JSON.readTree(DemoTestData.folder("demo-pitch-v1-full").resolve("task_metadata.json").toFile())
                .has("nfolds"), "trainvaltest tasks carry no nfolds");
    }

    @Test
    void clipNamesAreOpaqueHashes() {
        try (HearOpenedTask task = new HearTaskFolder(DemoTestData.folder(STROKES)).open()) {
            for (String split : task.descriptor().splits()) {
                for (ClipRef clip : task.clips(split)) {
                    assertTrue(clip.id().matches("[0-9a-f]{12}\\.wav"), clip.id());
                }
            }
        }
    }

    @Test
    void everyFoldOrSplitHoldsTheClassesInEqualNumbers() {
        Map<String, Integer> expectedPerClass = Map.of("demo-textures-v1-full", 8, "demo-strokes-v1-full", 9);
        for (Map.Entry<String, Integer> e : expectedPerClass.entrySet()) {
            try (HearOpenedTask task = new HearTaskFolder(DemoTestData.folder(e.getKey())).open()) {
                TaskDescriptor d = task.descriptor();
                for (String fold : d.splits()) {
                    Map<String, Integer> counts = classCounts(task.clips(fold));
                    for (String label : d.labelVocabulary()) {
                        assertEquals(e.getValue(), counts.getOrDefault(label, 0), e.getKey() + " " + fold + " " + label);
                    }
                }
            }
        }
        try (HearOpenedTask pitch = new HearTaskFolder(DemoTestData.folder("demo-pitch-v1-full")).open()) {
            Map<String, Integer> families = Map.of("train", 6, "valid", 3, "test", 3);
            for (String split : pitch.descriptor().splits()) {
                Map<String, Integer> counts = classCounts(pitch.clips(split));
                for (String label : pitch.descriptor().labelVocabulary()) {
                    assertEquals(families.get(split), counts.get(label), "pitch " + split + " " + label);
                }
            }
        }
        try (HearOpenedTask mixtures = new HearTaskFolder(DemoTestData.folder("demo-mixtures-v1-full")).open()) {
            for (String split : mixtures.descriptor().splits()) {
                List<ClipRef> clips = mixtures.clips(split);
                Map<String, Integer> counts = classCounts(clips);
                double mean = clips.size() * 2.0 / MixturesTask.SOURCES.size(); // 2 sources per clip on average
                for (String label : mixtures.descriptor().labelVocabulary()) {
                    int n = counts.getOrDefault(label, 0);
                    assertTrue(n >= 0.5 * mean && n <= 1.5 * mean, "mixtures " + split + " " + label + ": " + n
                            + " clips, mean " + mean);
                }
            }
        }
    }

    private static Map<String, Integer> classCounts(List<ClipRef> clips) {
        Map<String, Integer> counts = new TreeMap<>();
        clips.forEach(c -> c.label().classNames().forEach(name -> counts.merge(name, 1, Integer::sum)));
        return counts;
    }

    @Test
    void aHarmonicSumPitchEstimateMatchesTheLabelOfNearlyEveryPitchClip() {
        try (HearOpenedTask task = new HearTaskFolder(DemoTestData.folder("demo-pitch-v1-full")).open()) {
            int total = 0;
            int exact = 0;
            int chroma = 0;
            for (String split : task.descriptor().splits()) {
                for (ClipRef clip : task.clips(split)) {
                    int label = Integer.parseInt(clip.label().classNames().get(0));
                    int estimate = ClipFeatures.harmonicSumMidi(task.audio(split, clip.id(), 16000).channel(0),
                            PitchTask.LOWEST_MIDI, PitchTask.PITCHES);
                    total++;
                    exact += estimate == label ? 1 : 0;
                    chroma += Math.floorMod(estimate - label, 12) == 0 ? 1 : 0;
                }
            }
            System.out.printf("demo-pitch: harmonic-sum estimate exact %d/%d, chroma %d/%d%n", exact, total, chroma, total);
            assertTrue(exact >= 0.9 * total, "exact pitch matches: " + exact + "/" + total);
            assertTrue(chroma >= 0.95 * total, "chroma matches: " + chroma + "/" + total);
        }
    }

    @Test
    void simpleSpectralFeaturesSeparateTexturesAndStrokesWellAboveChance() {
        for (String id : List.of("demo-textures-v1-full", "demo-strokes-v1-full")) {
            try (HearOpenedTask task = new HearTaskFolder(DemoTestData.folder(id)).open()) {
                List<ClipFeatures.Example> examples = new ArrayList<>();
                for (String fold : task.descriptor().splits()) {
                    for (ClipRef clip : task.clips(fold)) {
                        examples.add(new ClipFeatures.Example(clip.label().classNames().get(0), fold,
                                ClipFeatures.features(task.audio(fold, clip.id(), 16000).channel(0))));
                    }
                }
                double accuracy = ClipFeatures.crossValidatedNearestCentroidAccuracy(examples, task.descriptor().splits());
                double chance = 1.0 / task.descriptor().labelVocabulary().size();
                System.out.printf("%s: nearest-centroid accuracy %.3f (chance %.3f)%n", id, accuracy, chance);
                assertTrue(accuracy >= 0.6, id + " nearest-centroid accuracy " + accuracy);
            }
        }
    }

    @Test
    void simpleSpectralFeaturesDetectEachMixtureSourceAboveChance() {
        try (HearOpenedTask task = new HearTaskFolder(DemoTestData.folder("demo-mixtures-v1-full")).open()) {
            List<String> splits = task.descriptor().splits();
            Map<String, double[]> features = new TreeMap<>();
            Map<String, String> splitOf = new TreeMap<>();
            Map<String, List<String>> labels = new TreeMap<>();
            for (String split : splits) {
                for (ClipRef clip : task.clips(split)) {
                    features.put(clip.id(), ClipFeatures.features(task.audio(split, clip.id(), 16000).channel(0)));
                    splitOf.put(clip.id(), split);
                    labels.put(clip.id(), clip.label().classNames());
                }
            }
            for (String source : task.descriptor().labelVocabulary()) {
                List<ClipFeatures.Example> examples = new ArrayList<>();
                features.forEach((id, f) -> examples.add(new ClipFeatures.Example(
                        labels.get(id).contains(source) ? "yes" : "no", splitOf.get(id), f)));
                double accuracy = ClipFeatures.crossValidatedNearestCentroidBalancedAccuracy(examples, splits);
                System.out.printf("demo-mixtures: presence of %s, nearest-centroid balanced accuracy %.3f (chance 0.5)%n",
                        source, accuracy);
                assertTrue(accuracy >= 0.6, source + " presence balanced accuracy " + accuracy);
            }
        }
    }

    // ---- first use, reuse, regeneration ----

    @Test
    void secondUseReusesTheGeneratedFolder() throws IOException {
        Path folder = DemoSuite.ensureGenerated(root, STROKES, DemoSuite.DEFAULT_SEED);
        Path marker = Files.writeString(folder.resolve("marker.txt"), "kept");
        assertEquals(folder, DemoSuite.ensureGenerated(root, STROKES, DemoSuite.DEFAULT_SEED));
        assertTrue(Files.exists(marker), "an up-to-date folder is not regenerated");
        assertEquals(root.resolve(DemoSuite.FOLDER_NAME).resolve(STROKES), folder);
    }

    @Test
    void aFolderWhoseStampDoesNotMatchIsRegenerated() throws IOException {
        Path folder = DemoSuite.ensureGenerated(root, STROKES, DemoSuite.DEFAULT_SEED);
        Files.writeString(folder.resolve("marker.txt"), "stale");
        Path stamp = folder.resolve(DemoSuite.STAMP_FILE);
        Files.writeString(stamp, Files.readString(stamp).replace(DemoSuite.GENERATOR_VERSION, "nathear-demo-suite/0"));
        DemoSuite.ensureGenerated(root, STROKES, DemoSuite.DEFAULT_SEED);
        assertFalse(Files.exists(folder.resolve("marker.txt")), "a stale folder is replaced");
        assertTrue(Files.readString(stamp).contains(DemoSuite.GENERATOR_VERSION));
        assertEquals(contents(DemoTestData.folder(STROKES)).keySet(), contents(folder).keySet());
    }

    @Test
    void aKilledGenerationLeavesNoTaskAndItsLeftoversAreCleanedUp() throws IOException {
        Path suite = root.resolve(DemoSuite.FOLDER_NAME);
        Path leftover = Files.createDirectories(suite.resolve("." + STROKES + ".tmp-4242-0").resolve("16000"));
        Files.writeString(leftover.resolve("half.wav"), "partial");
        assertFalse(Files.exists(suite.resolve(STROKES)), "the task only appears once complete");
        DemoSuite.ensureGenerated(root, STROKES, DemoSuite.DEFAULT_SEED);
        try (Stream<Path> children = Files.list(suite)) {
            List<String> names = children.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(".generation.lock", STROKES), names);
        }
    }

    @Test
    void concurrentFirstUsesGenerateOnceAndAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit(() -> DemoSuite.ensureGenerated(root, STROKES, DemoSuite.DEFAULT_SEED)));
            }
            Path expected = root.resolve(DemoSuite.FOLDER_NAME).resolve(STROKES);
            for (Future<Path> f : results) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> children = Files.list(root.resolve(DemoSuite.FOLDER_NAME))) {
            assertEquals(2, children.count(), "only the lock file and the task remain");
        }
    }

    @Test
    void aNonDefaultSeedGetsItsOwnSuiteFolder() {
        TaskPlugin task = new DemoTaskProvider(11).tasks(new TaskDiscoveryContext(List.of(), root)).get(2);
        try (HearOpenedTask opened = (HearOpenedTask) task.open()) {
            assertEquals(STROKES, opened.descriptor().id());
        }
        assertTrue(Files.isDirectory(root.resolve(DemoSuite.FOLDER_NAME + "-seed11").resolve(STROKES)));
        assertTrue(task.origin().contains("seed 11"), task.origin());
    }

    @Test
    void rejectsAnUnknownDemoTaskNamingTheKnownOnes() {
        PluginException e = assertThrows(PluginException.class, () -> DemoSuite.descriptor("demo-speech-v1-full"));
        assertTrue(e.getMessage().contains("demo-speech-v1-full") && e.getMessage().contains("demo-pitch-v1-full"),
                e.getMessage());
    }

    @Test
    void isRegisteredAsAServiceNamedDemo() {
        List<String> names = ServiceLoader.load(TaskProvider.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.contains(DemoTaskProvider.NAME), "providers found: " + names);
    }
}
