package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ClipRef;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedTask;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.cache.SharedAudioStore;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;

/**
 * Audio decoded and resampled for one model is shared by the other models of the run at the same
 * rate: each clip is resampled once per rate, and the scores and embeddings are bit-identical to a
 * run that decodes per model.
 */
class SharedAudioTest {
    @TempDir
    Path dir;

    /** Decodes (decode plus resample) per clip of {@code task} at one rate. */
    private static Map<String, Integer> at(SourceKeyedCacheTest.StoredToneTask task, int rate) {
        Map<String, Integer> out = new TreeMap<>();
        task.decodesByClipAndRate.forEach((k, v) -> {
            if (k.endsWith("@" + rate)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The band-energy model at 8 kHz under another id: a second model at the first one's rate. */
    static final class SecondOtherRateModel extends TestPlugins.BandEnergyModel {
        @Override
        public ModelDescriptor descriptor() {
            ModelDescriptor d = super.descriptor();
            return new ModelDescriptor("band-energy-8k-b", d.version(), 8000, d.acceptedLayouts(),
                    d.sceneEmbeddingSize(), d.timestampEmbeddingSize(), d.timestampHopMillis(), d.description());
        }
    }

    private RunResult run(SourceKeyedCacheTest.StoredToneTask task, boolean share, String name) {
        List<ModelEntry> models = List.of(new ModelEntry(new SourceKeyedCacheTest.OtherRateModel(), "test"),
                new ModelEntry(new TestPlugins.BandEnergyModel(), "test"), new ModelEntry(new SecondOtherRateModel(), "test"));
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(new StringWriter(), true), 0, false)).withSharedAudio(share);
        return engine.run(RunConfiguration.builder().runId(name).models(models)
                .tasks(List.of(new TaskEntry(task, "test", "test"))).seed(7L).probe(new LinearProbe())
                .resultFile(dir.resolve("runs").resolve(name + ".json")).cacheDir(dir.resolve("cache-" + name))
                .batchSize(4).build());
    }

    @Test
    void eachClipIsResampledOncePerRateAndScoresAreBitIdenticalWithoutTheStore() throws Exception {
        SourceKeyedCacheTest.StoredToneTask shared = new SourceKeyedCacheTest.StoredToneTask(dir.resolve("task"));
        RunResult with = run(shared, true, "shared");
        int clips = 36;
        assertEquals(clips, at(shared, 8000).size());
        assertTrue(at(shared, 8000).values().stream().allMatch(n -> n == 1),
                "two models at 8 kHz: each clip resampled once, got " + at(shared, 8000));
        assertTrue(at(shared, 16000).values().stream().allMatch(n -> n == 1), "one model at 16 kHz: " + at(shared, 16000));

        SourceKeyedCacheTest.StoredToneTask separate = new SourceKeyedCacheTest.StoredToneTask(dir.resolve("task"));
        RunResult without = run(separate, false, "separate");
        assertTrue(at(separate, 8000).values().stream().allMatch(n -> n == 2),
                "without the store each 8 kHz model decodes on its own: " + at(separate, 8000));

        assertEquals(3, with.cells().size());
        for (int i = 0; i < 3; i++) {
            CellResult a = with.cells().get(i);
            CellResult b = without.cells().get(i);
            assertEquals(CellStatus.SUCCEEDED, a.status(), a.message());
            assertEquals(b.modelId(), a.modelId());
            assertEquals(b.primaryScore(), a.primaryScore());
            assertEquals(b.metrics(), a.metrics());
            assertEquals(b.folds(), a.folds());
            assertEquals(b.taskDataHash(), a.taskDataHash());
            assertEquals(b.embedding(), a.embedding());
        }
        // the embeddings themselves: the cache files of both runs hold the same bytes
        List<Path> files = cacheFiles(dir.resolve("cache-shared"));
        assertEquals(9, files.size(), "3 models × 3 folds: " + files);
        for (Path f : files) {
            Path other = dir.resolve("cache-separate").resolve(dir.resolve("cache-shared").relativize(f));
            assertArrayEquals(Files.readAllBytes(other), Files.readAllBytes(f), "embeddings differ in " + f);
        }
        // nothing of the store outlives the run
        try (Stream<Path> left = Files.walk(dir.resolve("cache-shared"))) {
            assertFalse(left.anyMatch(p -> p.toString().contains("shared-audio")), "the shared audio is removed at the end");
        }
    }

    private static List<Path> cacheFiles(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".emb")).sorted().toList();
        }
    }

    @Test
    void storedAudioReadsBackBitForBitAndAGroupIsDeletedAfterItsLastCell() {
        SharedAudioStore store = new SharedAudioStore(dir.resolve("store"));
        float[][] samples = new float[2][1_500_001];
        java.util.Random random = new java.util.Random(11);
        for (float[] ch : samples) {
            for (int i = 0; i < ch.length; i++) {
                ch[i] = random.nextFloat() * 2 - 1;
            }
        }
        samples[1][7] = Float.MIN_VALUE;
        samples[0][3] = -0.0f;
        AudioClip clip = new AudioClip(samples, 44100, ChannelLayout.BINAURAL);
        String group = SharedAudioStore.group("t", 44100);
        String key = SharedAudioStore.key("abc", 44100, ChannelLayout.BINAURAL, "2");
        assertFalse(store.worthStoring(group), "nothing announced: nothing worth storing");
        store.expectUses(group, 2);
        assertTrue(store.worthStoring(group));
        assertTrue(store.put(group, key, clip));
        assertEquals(16 + 2 * 4L * 1_500_001, store.bytesHeld());
        AudioClip back = store.get(group, key).orElseThrow();
        assertEquals(clip, back);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(back.samples()[0][3]));
        store.used(group);
        assertFalse(store.worthStoring(group), "the last cell reads it now; no need to store more");
        assertTrue(store.get(group, key).isPresent());
        store.used(group);
        assertTrue(store.get(group, key).isEmpty(), "deleted after the last announced cell");
        assertEquals(0, store.bytesHeld());
    }

    @Test
    void aClipThatWouldPassTheBudgetIsNotStored() {
        SharedAudioStore store = new SharedAudioStore(dir.resolve("store"), 16 + 4 * 1000);
        String group = SharedAudioStore.group("t", 8000);
        store.expectUses(group, 2);
        AudioClip small = AudioClip.mono(new float[1000], 8000);
        assertTrue(store.put(group, "a", small));
        assertFalse(store.put(group, "b", small), "a second clip passes the budget");
        assertTrue(store.get(group, "a").isPresent());
        assertTrue(store.get(group, "b").isEmpty());
    }
}
