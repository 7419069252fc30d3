package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;

class RunEngineTest {
    @TempDir
    Path dir;

    private RunResult run(List<ModelEntry> models, List<TaskEntry> tasks, Path cache, String name) {
        StringWriter log = new StringWriter();
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(log), 0, false));
        return engine.run(RunConfiguration.builder().runId(name).models(models).tasks(tasks)
                .seed(7L).probe(new LinearProbe())
                .resultFile(dir.resolve(name + ".json")).cacheDir(cache).batchSize(4).build());
    }

    private static TaskEntry task(ChannelLayout layout) {
        return new TaskEntry(new TestPlugins.ToneTask(layout), "test", "test");
    }

    @Test
    void separableTonesScoreHighAndEveryFoldIsReported() {
        RunResult result = run(List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test")),
                List.of(task(ChannelLayout.MONO)), dir.resolve("cache"), "a");
        CellResult cell = result.cells().get(0);
        assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
        assertEquals(3, cell.folds().size());
        assertEquals(List.of("fold00", "fold01", "fold02"), cell.folds().stream().map(f -> f.testSplit()).toList());
        assertEquals("fold01", cell.folds().get(0).validSplit());
        assertEquals(List.of("fold02"), cell.folds().get(0).trainSplits());
        assertTrue(cell.primaryScore() > 0.9, "top1 on separable tones: " + cell.primaryScore());
        assertEquals(3, cell.metrics().get("top1_acc").perFold().size());
        assertEquals(new LinearProbe().grid(org.nathear.api.TaskKind.SCENE_MULTICLASS).size(), cell.probe().grid().size());
        assertEquals("as-is", cell.channelRule());
    }

    @Test
    void aFailingModelFailsItsCellsAndTheOthersFinish() {
        RunResult result = run(List.of(new ModelEntry(new TestPlugins.ThrowingModel(), "test"),
                        new ModelEntry(new TestPlugins.BandEnergyModel(), "test")),
                List.of(task(ChannelLayout.MONO)), null, "b");
        CellResult broken = result.cells().stream().filter(c -> c.modelId().equals("broken-model")).findFirst().orElseThrow();
        CellResult good = result.cells().stream().filter(c -> c.modelId().equals("band-energy")).findFirst().orElseThrow();
        assertEquals(CellStatus.FAILED, broken.status());
        assertTrue(broken.message().contains("broken-model") && broken.message().contains("sceneEmbeddings")
                && broken.message().contains("deliberate failure"), broken.message());
        assertEquals(CellStatus.SUCCEEDED, good.status());
    }

    @Test
    void aSecondRunComesFromTheCacheWithIdenticalScores() {
        TestPlugins.BandEnergyModel model = new TestPlugins.BandEnergyModel();
        Path cache = dir.resolve("cache");
        RunResult first = run(List.of(new ModelEntry(model, "test")), List.of(task(ChannelLayout.MONO)), cache, "c1");
        int callsAfterFirst = model.calls;
        RunResult second = run(List.of(new ModelEntry(model, "test")), List.of(task(ChannelLayout.MONO)), cache, "c2");
        assertEquals(callsAfterFirst, model.calls, "no model call when everything is cached");
        CellResult a = first.cells().get(0);
        CellResult b = second.cells().get(0);
        assertEquals(36, b.timings().clipsFromCache());
        assertEquals(0, b.timings().clipsEmbedded());
        assertEquals(a.metrics(), b.metrics(), "same seed, same embeddings => same scores");
        assertEquals(a.taskDataHash(), b.taskDataHash());
    }

    @Test
    void aSpatialTaskIsAdaptedForAMonoModelAndTheRuleRecorded() {
        RunResult result = run(List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test")),
                List.of(task(ChannelLayout.BINAURAL), task(ChannelLayout.FOA)), null, "d");
        assertEquals("binaural->mono: mean of left and right", result.cells().get(0).channelRule());
        assertEquals("foa->mono: omnidirectional channel W", result.cells().get(1).channelRule());
        assertTrue(result.cells().stream().allMatch(c -> c.status() == CellStatus.SUCCEEDED));
    }

    @Test
    void theResultFileIsCompleteAndReadable() throws Exception {
        RunResult result = run(List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test")),
                List.of(task(ChannelLayout.MONO)), null, "e");
        Path file = dir.resolve("e.json");
        assertTrue(Files.isRegularFile(file));
        RunResult read = ResultFiles.read(file);
        assertEquals(result.cells().get(0).metrics(), read.cells().get(0).metrics());
        assertTrue(read.finishedUtc() != null);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    /** A model that picks an option by task kind, as the GRAM plugins pick their scene embedding. */
    private static final class KindAwareModel extends TestPlugins.BandEnergyModel {
        final List<org.nathear.api.ModelOptions> openedWith = new java.util.ArrayList<>();

        @Override
        public java.util.Set<String> optionNames() {
            return java.util.Set.of("pooling");
        }

        @Override
        public org.nathear.api.ModelOptions optionsFor(org.nathear.api.TaskKind kind, org.nathear.api.ModelOptions options) {
            return kind == org.nathear.api.TaskKind.SCENE_MULTICLASS ? options.withDefault("pooling", "max") : options;
        }

        @Override
        public org.nathear.api.spi.OpenedModel open(org.nathear.api.ModelOptions options) {
            openedWith.add(options);
            return super.open(options);
        }
    }

    @Test
    void optionsAModelChoosesByTaskKindOpenItAndAreRecordedUnlessTheUserSetThem() {
        KindAwareModel model = new KindAwareModel();
        RunResult result = run(List.of(new ModelEntry(model, "test")), List.of(task(ChannelLayout.MONO)), dir.resolve("cache"), "k1");
        assertEquals(CellStatus.SUCCEEDED, result.cells().get(0).status(), result.cells().get(0).message());
        assertEquals(List.of(new org.nathear.api.ModelOptions(Map.of("pooling", "max"))), model.openedWith);
        assertEquals(Map.of("pooling", "max"),
                result.settings().optionsByTaskKind().get("band-energy").get(org.nathear.api.TaskKind.SCENE_MULTICLASS));

        KindAwareModel userChoice = new KindAwareModel();
        StringWriter log = new StringWriter();
        org.nathear.api.ModelOptions mean = new org.nathear.api.ModelOptions(Map.of("pooling", "mean"));
        RunResult second = new RunEngine(new Progress(new PrintWriter(log), 0, false)).run(RunConfiguration.builder()
                .runId("k2")
                .models(List.of(new ModelEntry(userChoice, "test"))).tasks(List.of(task(ChannelLayout.MONO)))
                .modelOptions("band-energy", mean)
                .seed(7L).probe(new LinearProbe()).resultFile(dir.resolve("k2.json")).batchSize(4).build());
        assertEquals(List.of(mean), userChoice.openedWith, "the user's option wins");
        assertEquals(null, second.settings().optionsByTaskKind().get("band-energy"), "the user's choice is recorded once");
        assertEquals(Map.of("pooling", "mean"), second.settings().modelOptions().get("band-energy"));
        assertTrue(!result.cells().get(0).embedding().cacheKey().equals(second.cells().get(0).embedding().cacheKey()),
                "the chosen option is part of the cache key");
    }
}
