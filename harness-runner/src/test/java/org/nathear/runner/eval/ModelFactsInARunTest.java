package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.baselines.HearNaiveModel;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.boards.Leaderboard;
import org.nathear.results.schema.ModelFacts;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;

/**
 * The runner fills a cell's model facts: the parameter count of the opened model, and the real-time
 * factor and peak memory of a cold extraction; a cell served from the cache reports no measurement.
 */
class ModelFactsInARunTest {
    @TempDir
    Path dir;

    private RunResult run(String name) {
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(new StringWriter()), 0, false));
        return engine.run(RunConfiguration.builder().runId(name).models(List.of(new ModelEntry(new HearNaiveModel(), "test")))
                .tasks(List.of(new TaskEntry(new TestPlugins.ToneTask(ChannelLayout.MONO), "test", "test"))).seed(7L)
                .probe(new LinearProbe()).resultFile(dir.resolve(name + ".json")).cacheDir(dir.resolve("cache"))
                .batchSize(4).build());
    }

    @Test
    void aColdCellRecordsParametersAndRealTimeFactorAndAWarmCellNoMeasurement() {
        RunResult coldRun = run("cold");
        CellResult cold = coldRun.cells().get(0);
        assertEquals(CellStatus.SUCCEEDED, cold.status(), cold.message());
        assertTrue(cold.timings().clipsEmbedded() > 0);
        ModelFacts facts = cold.modelFacts();
        assertNotNull(facts, "a cold cell measures the model");
        assertEquals(0L, facts.parameters(), "HEAR-Naive learns no parameters");
        assertEquals("run", facts.measuredBy());
        assertNotNull(facts.realTimeFactor());
        assertTrue(facts.realTimeFactor() > 0 && facts.realTimeFactor() < 100, "real-time factor " + facts.realTimeFactor());
        assertTrue(facts.peakMemoryBytes() == null || facts.peakMemoryBytes() > 1 << 20, "peak memory " + facts.peakMemoryBytes());

        RunResult warmRun = run("warm");
        CellResult warm = warmRun.cells().get(0);
        assertEquals(0, warm.timings().clipsEmbedded(), "the second run reads every embedding from the cache");
        assertNull(warm.modelFacts(), "no model call, so no real-time factor or memory, and the model was never opened");
        assertEquals(cold.primaryScore(), warm.primaryScore());

        ModelFacts.Summary summary = Leaderboard.of(List.of(coldRun)).modelFacts().get(HearNaiveModel.ID);
        assertEquals(0L, summary.parameters());
        assertEquals(facts.realTimeFactor(), summary.realTimeFactor());
        assertEquals(List.of(4096), summary.embeddingSizes());
        ModelFacts.Summary warmSummary = Leaderboard.of(List.of(warmRun)).modelFacts().get(HearNaiveModel.ID);
        assertTrue(warmSummary == null || warmSummary.realTimeFactor() == null, "a warm run alone shows no real-time factor");
    }
}
