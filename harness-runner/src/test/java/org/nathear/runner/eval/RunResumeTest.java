package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelDescriptor;
import org.nathear.results.schema.CellResult;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;

/** An interrupted result file (as a crash leaves it) finished by {@link RunEngine#resume}. */
class RunResumeTest {
    @TempDir
    Path dir;

    /** The band-energy model under another id, so that a run has two models. */
    static final class SecondBandModel extends TestPlugins.BandEnergyModel {
        @Override
        public ModelDescriptor descriptor() {
            ModelDescriptor d = super.descriptor();
            return new ModelDescriptor("band-energy-b", d.version(), d.sampleRateHz(), d.acceptedLayouts(),
                    d.sceneEmbeddingSize(), d.timestampEmbeddingSize(), d.timestampHopMillis(), "second test model");
        }
    }

    static RunConfiguration request(String runId, Path file, List<ModelEntry> models, long seed) {
        List<TaskEntry> tasks = List.of(new TaskEntry(new TestPlugins.ToneTask(ChannelLayout.MONO), "test", "test"),
                new TaskEntry(new TestPlugins.ToneTask(ChannelLayout.FOA), "test", "test"));
        return RunConfiguration.builder().runId(runId).models(models).tasks(tasks)
                .seed(seed).probe(new LinearProbe()).resultFile(file).batchSize(4).build();
    }

    static RunEngine engine() {
        return new RunEngine(new Progress(new PrintWriter(new StringWriter()), 0, true));
    }

    /** The result without what legitimately differs between two runs: ids, times, timings. */
    static String comparable(RunResult r) {
        return ResultFiles.toJson(new RunResult(r.schema(), "-", null, null, List.of(), r.provenance(), r.settings(),
                r.cells().stream().map(CellResult::withoutTimings).toList()));
    }

    @Test
    void aResumedRunEqualsAnUninterruptedOneAndNeverOpensAModelWhoseCellsAreDone() {
        List<ModelEntry> models = List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test"),
                new ModelEntry(new SecondBandModel(), "test"));
        RunResult full = engine().run(request("full", dir.resolve("full.json"), models, 7L));
        assertEquals(4, full.cells().size());

        // what a crash after the second model's cells leaves: a valid file, no finish time
        Path file = dir.resolve("interrupted.json");
        List<CellResult> done = full.cells().stream().filter(c -> c.modelId().equals("band-energy-b")).toList();
        ResultFiles.write(file, new RunResult(RunResult.SCHEMA, "interrupted", full.startedUtc(), null, List.of(),
                full.provenance(), full.settings(), done));

        TestPlugins.BandEnergyModel first = new TestPlugins.BandEnergyModel();
        SecondBandModel second = new SecondBandModel();
        RunResult resumed = engine().resume(request("interrupted", file, List.of(new ModelEntry(first, "test"),
                new ModelEntry(second, "test")), 7L), ResultFiles.read(file));

        assertEquals(comparable(full), comparable(resumed));
        assertEquals(0, second.calls, "every cell of band-energy-b was in the file: the model was never called");
        assertTrue(first.calls > 0);
        assertEquals(1, resumed.resumedUtc().size());
        assertEquals(full.startedUtc(), resumed.startedUtc(), "a resumed run keeps its start time");
        assertNotNull(resumed.finishedUtc());
        assertEquals(resumed, ResultFiles.read(file), "the file holds the finished run");
    }

    @Test
    void anInterruptedFileWrittenInTheVersionTwoFormIsResumed() throws Exception {
        List<ModelEntry> models = List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test"));
        RunResult full = engine().run(request("full", dir.resolve("full.json"), models, 7L));
        Path file = dir.resolve("v2.json");
        ResultFiles.write(file, new RunResult(RunResult.SCHEMA, "v2", full.startedUtc(), null, List.of(),
                full.provenance(), full.settings(), full.cells().subList(0, 1)));
        // the same file as the nathear before typed settings wrote it: schema 2, settings as a string map
        String typed = "\"batchSize\" : 4,\n    \"modelOptions\" : { },\n    \"optionsByTaskKind\" : { }\n";
        String current = Files.readString(file);
        assertTrue(current.contains(typed), current);
        Files.writeString(file, current.replace("\"nathear.run/3\"", "\"nathear.run/2\"")
                .replace(typed, "\"options\" : {\n      \"batchSize\" : \"4\"\n    }\n"));

        RunResult old = ResultFiles.read(file);
        assertEquals(full.settings(), old.settings());
        RunResult resumed = engine().resume(request("v2", file, models, 7L), old);
        assertEquals(comparable(full), comparable(resumed));
        assertTrue(Files.readString(file).contains("\"schema\" : \"nathear.run/3\""), "rewritten in the current form");

        Files.writeString(file, current.replace("\"nathear.run/3\"", "\"nathear.run/2\"")
                .replace(typed, "\"options\" : {\n      \"batchSize\" : \"4\", \"grid\" : \"wide\"\n    }\n"));
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> engine().resume(request("v2", file, models, 7L), ResultFiles.read(file)));
        assertTrue(unknown.getMessage().contains("setting grid = wide is not one this nathear knows"), unknown.getMessage());
    }

    @Test
    void resumingWithOtherSettingsOrAFinishedRunIsRefusedWithTheReason() {
        List<ModelEntry> models = List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test"));
        RunResult full = engine().run(request("r", dir.resolve("r.json"), models, 7L));
        RunResult interrupted = new RunResult(RunResult.SCHEMA, "r", full.startedUtc(), null, List.of(),
                full.provenance(), full.settings(), full.cells().subList(0, 1));

        ConfigurationException seed = assertThrows(ConfigurationException.class,
                () -> engine().resume(request("r", dir.resolve("r2.json"), models, 8L), interrupted));
        assertTrue(seed.getMessage().contains("seed was 7, now 8"), seed.getMessage());

        ConfigurationException finished = assertThrows(ConfigurationException.class,
                () -> engine().resume(request("r", dir.resolve("r3.json"), models, 7L), full));
        assertTrue(finished.getMessage().contains("nothing to resume"), finished.getMessage());

        RunResult otherBuild = new RunResult(RunResult.SCHEMA, "r", full.startedUtc(), null, List.of(),
                new org.nathear.results.schema.Provenance("0.0.1", "abc", "17", "x", "Linux", "1", "amd64", 2, Map.of()),
                full.settings(), List.of());
        ConfigurationException build = assertThrows(ConfigurationException.class,
                () -> engine().resume(request("r", dir.resolve("r4.json"), models, 7L), otherBuild));
        assertTrue(build.getMessage().contains("different build or platform") && build.getMessage().contains("nathear version was 0.0.1"),
                build.getMessage());
    }
}
