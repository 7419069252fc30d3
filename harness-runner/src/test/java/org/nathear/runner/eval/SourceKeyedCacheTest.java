package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ClipRef;
import org.nathear.api.ConfigurationException;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.api.spi.OpenedTask;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;

/**
 * The embedding cache keyed by the clips' stored files: a warm run decodes no audio, the task data
 * hash is the same for every model, damaged entries are recomputed with a warning, and resume
 * refuses changed task data.
 */
class SourceKeyedCacheTest {
    @TempDir
    Path dir;

    /**
     * {@link TestPlugins.ToneTask}'s clips stored as WAV files, counting every decode in all and per
     * clip and rate ({@code "split/clip@rate"}).
     */
    static final class StoredToneTask implements TaskPlugin {
        final TestPlugins.ToneTask tones = new TestPlugins.ToneTask(ChannelLayout.MONO);
        final Path folder;
        final AtomicInteger decodes = new AtomicInteger();
        final Map<String, Integer> decodesByClipAndRate = new java.util.concurrent.ConcurrentHashMap<>();

        StoredToneTask(Path folder) {
            this.folder = folder;
            try (OpenedTask t = tones.open()) {
                for (String split : tones.descriptor().splits()) {
                    for (ClipRef ref : t.clips(split)) {
                        Path f = file(split, ref.id());
                        Files.createDirectories(f.getParent());
                        WavFiles.write(f, t.audio(split, ref.id(), TestPlugins.ToneTask.RATE), WavEncoding.PCM_16);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        Path file(String split, String clip) {
            return folder.resolve(split).resolve(clip);
        }

        @Override
        public TaskDescriptor descriptor() {
            return tones.descriptor();
        }

        @Override
        public OpenedTask open() {
            OpenedTask inner = tones.open();
            return new OpenedTask() {
                @Override
                public TaskDescriptor descriptor() {
                    return inner.descriptor();
                }

                @Override
                public List<ClipRef> clips(String split) {
                    return inner.clips(split);
                }

                @Override
                public AudioClip audio(String split, String clipId, int sampleRateHz) {
                    decodes.incrementAndGet();
                    decodesByClipAndRate.merge(split + "/" + clipId + "@" + sampleRateHz, 1, Integer::sum);
                    return Resampler.resample(WavFiles.read(file(split, clipId)).toClip(ChannelLayout.MONO), sampleRateHz);
                }

                @Override
                public Optional<Path> audioSource(String split, String clipId, int sampleRateHz) {
                    return Optional.of(file(split, clipId));
                }

                @Override
                public List<Path> storedFiles(String split, String clipId) {
                    return List.of(file(split, clipId));
                }
            };
        }
    }

    /** The band-energy model at another rate, so its audio differs from the first model's. */
    static final class OtherRateModel extends TestPlugins.BandEnergyModel {
        @Override
        public org.nathear.api.ModelDescriptor descriptor() {
            org.nathear.api.ModelDescriptor d = super.descriptor();
            return new org.nathear.api.ModelDescriptor("band-energy-8k", d.version(), 8000, d.acceptedLayouts(),
                    d.sceneEmbeddingSize(), d.timestampEmbeddingSize(), d.timestampHopMillis(), d.description());
        }
    }

    private final StringWriter log = new StringWriter();

    private RunResult run(StoredToneTask task, List<ModelEntry> models, String name) {
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(log, true), 0, false));
        return engine.run(request(task, models, name));
    }

    private RunConfiguration request(StoredToneTask task, List<ModelEntry> models, String name) {
        return RunConfiguration.builder().runId(name).models(models).tasks(List.of(new TaskEntry(task, "test", "test")))
                .seed(7L).probe(new LinearProbe())
                .resultFile(dir.resolve("runs").resolve(name + ".json")).cacheDir(dir.resolve("cache")).batchSize(4).build();
    }

    @Test
    void aWarmRunDecodesNoAudioAndScoresTheSame() {
        StoredToneTask task = new StoredToneTask(dir.resolve("task"));
        TestPlugins.BandEnergyModel model = new TestPlugins.BandEnergyModel();
        RunResult cold = run(task, List.of(new ModelEntry(model, "test")), "cold");
        assertEquals(36, task.decodes.get(), "a cold run decodes every clip once");
        assertTrue(Files.isRegularFile(dir.resolve("cache/.sources/test-tones-mono.tsv")), "the source manifest is saved");
        int calls = model.calls;
        task.decodes.set(0);
        RunResult warm = run(task, List.of(new ModelEntry(model, "test")), "warm");
        assertEquals(0, task.decodes.get(), "a warm run must not decode or resample any clip");
        assertEquals(calls, model.calls);
        assertEquals(36, warm.cells().get(0).timings().clipsFromCache());
        assertEquals(cold.cells().get(0).metrics(), warm.cells().get(0).metrics());
        assertEquals(cold.cells().get(0).taskDataHash(), warm.cells().get(0).taskDataHash());
    }

    @Test
    void theDataHashIsTheSameForModelsWithDifferentRatesAndChangesWithTheData() throws Exception {
        StoredToneTask task = new StoredToneTask(dir.resolve("task"));
        RunResult both = run(task, List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test"),
                new ModelEntry(new OtherRateModel(), "test")), "both");
        assertEquals(2, both.cells().size());
        both.cells().forEach(c -> assertEquals(CellStatus.SUCCEEDED, c.status(), c.message()));
        assertEquals(both.cells().get(0).taskDataHash(), both.cells().get(1).taskDataHash(),
                "one task, one data hash, whatever the model's rate");
        // the hash is recomputable from the rows written next to results.json
        List<String> rows = Files.readAllLines(dir.resolve("runs/task-data/test-tones-mono.tsv"));
        assertEquals(36, rows.size());
        assertEquals(both.cells().get(0).taskDataHash(), TaskData.hashOf(rows));

        rewriteOneClip(task, "fold01", "fold01-03.wav");
        RunResult after = run(task, List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test")), "after");
        assertNotEquals(both.cells().get(0).taskDataHash(), after.cells().get(0).taskDataHash());
    }

    @Test
    void aDamagedCacheEntryIsRecomputedWithAWarningNamingTheFile() throws Exception {
        StoredToneTask task = new StoredToneTask(dir.resolve("task"));
        TestPlugins.BandEnergyModel model = new TestPlugins.BandEnergyModel();
        RunResult cold = run(task, List.of(new ModelEntry(model, "test")), "cold");
        Path emb;
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            emb = files.filter(p -> p.getFileName().toString().startsWith("fold00-") && p.toString().endsWith(".emb"))
                    .findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(emb.toFile(), "rw")) {
            raf.seek(raf.length() - 12); // inside the last entry's values
            raf.writeFloat(0.123f);
        }
        int calls = model.calls;
        RunResult warm = run(task, List.of(new ModelEntry(model, "test")), "warm");
        assertTrue(log.toString().contains("warning: embedding cache " + emb) && log.toString().contains("checksum"),
                log.toString());
        assertEquals(calls + 1, model.calls, "only the damaged clip goes through the model again");
        assertEquals(35, warm.cells().get(0).timings().clipsFromCache());
        assertEquals(cold.cells().get(0).metrics(), warm.cells().get(0).metrics(), "the recomputed entry scores as before");
    }

    @Test
    void resumeRefusesChangedTaskDataNamingTheTaskAndTheClip() throws Exception {
        StoredToneTask task = new StoredToneTask(dir.resolve("task"));
        List<ModelEntry> models = List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test"),
                new ModelEntry(new OtherRateModel(), "test"));
        RunResult full = run(task, models, "r");
        RunResult interrupted = new RunResult(RunResult.SCHEMA, "r", full.startedUtc(), null, List.of(),
                full.provenance(), full.settings(), full.cells().subList(0, 1));
        rewriteOneClip(task, "fold02", "fold02-05.wav");
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(log, true), 0, false));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> engine.resume(request(task, models, "r"), interrupted));
        assertTrue(e.getMessage().contains("'test-tones-mono'") && e.getMessage().contains("audio changed for 1 clip(s)")
                && e.getMessage().contains("fold02/fold02-05.wav"), e.getMessage());
    }

    @Test
    void workFoldersArePrivateAndRemovedAndStaleOnesAreCleanedOnTheNextStart() throws Exception {
        Path base = dir.resolve("cache/.work");
        Files.createDirectories(base);
        // a folder left by a process that no longer exists (pid far above any real one), and one of a live process
        Path stale = Files.createDirectories(base.resolve("nathear-work-999999999-123"));
        Files.writeString(stale.resolve("scene-train-1.f32"), "x");
        Path live = Files.createDirectories(base.resolve("nathear-work-" + ProcessHandle.current().pid() + "-456"));
        StoredToneTask task = new StoredToneTask(dir.resolve("task"));
        RunResult result = run(task, List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test")), "w");
        assertEquals(CellStatus.SUCCEEDED, result.cells().get(0).status(), result.cells().get(0).message());
        assertTrue(Files.notExists(stale), "a crashed run's work folder is removed by the next start");
        assertTrue(Files.isDirectory(live), "a live process's folder is left alone");
        List<Path> left = new ArrayList<>();
        try (Stream<Path> s = Files.list(base)) {
            s.forEach(left::add);
        }
        assertEquals(List.of(live), left, "the run removed its own work folder on exit");
        try (org.nathear.runner.cache.WorkFolder w = org.nathear.runner.cache.WorkFolder.create(base)) {
            if (w.path().getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(w.path())));
            }
            assertTrue(w.path().getFileName().toString().startsWith("nathear-work-" + ProcessHandle.current().pid() + "-"));
        }
    }

    @Test
    void withoutACacheTheWorkFolderIsUniqueAndNeverAFixedSharedPath() throws Exception {
        Path fixed = Path.of(System.getProperty("java.io.tmpdir"), "nathear-work");
        boolean existed = Files.exists(fixed);
        StoredToneTask task = new StoredToneTask(dir.resolve("task"));
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(log, true), 0, false));
        RunResult r = engine.run(RunConfiguration.builder().runId("n")
                .models(List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test")))
                .tasks(List.of(new TaskEntry(task, "test", "test")))
                .seed(7L).probe(new LinearProbe()).resultFile(dir.resolve("n.json")).batchSize(4).build());
        CellResult cell = r.cells().get(0);
        assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
        assertEquals(existed, Files.exists(fixed), "the old fixed path is neither created nor used");
    }

    private static void rewriteOneClip(StoredToneTask task, String split, String clip) throws Exception {
        Path f = task.file(split, clip);
        AudioClip audio = WavFiles.read(f).toClip(ChannelLayout.MONO);
        float[][] s = audio.samples();
        s[0][0] = 0.5f;
        WavFiles.write(f, s, audio.sampleRateHz(), WavEncoding.PCM_16);
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    }
}
