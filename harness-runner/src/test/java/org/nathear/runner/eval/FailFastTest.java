package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;

/** {@code --fail-fast}: the first failed cell stops the run as a cell failure, with the cells before it written. */
class FailFastTest {
    @TempDir
    Path dir;

    @Test
    void theFirstFailedCellStopsTheRunAndNamesTheCell() {
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(new StringWriter()), 0, true));
        Path resultFile = dir.resolve("run.json");
        RunConfiguration request = RunConfiguration.builder().runId("ff")
                .models(List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "good.jar"),
                        new ModelEntry(new TestPlugins.ThrowingModel(), "throw.jar")))
                .tasks(List.of(new TaskEntry(new TestPlugins.ToneTask(ChannelLayout.MONO), "test", "test")))
                .seed(7L).probe(new LinearProbe()).resultFile(resultFile).failFast(true).batchSize(8).build();
        FailFastStop stop = assertThrows(FailFastStop.class, () -> engine.run(request));
        assertTrue(stop.getMessage().contains("(test-tones-mono, broken-model)"), stop.getMessage());
        assertTrue(stop.getMessage().contains("deliberate failure"), stop.getMessage());
        RunResult written = ResultFiles.read(resultFile);
        assertEquals(1, written.cells().size(), "the cell before the failure is in the result file");
        assertEquals(CellStatus.SUCCEEDED, written.cells().get(0).status());
    }

    @Test
    void aFailFastStopIsACellFailureNotBadUsage() {
        FailFastStop stop = new FailFastStop("t", "m", new IllegalStateException("boom"));
        assertEquals(1, org.nathear.runner.cli.NathearCli.exitCodeOf(stop));
    }
}
