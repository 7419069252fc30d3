package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.api.spi.DiscoveredModel;
import org.nathear.baselines.onnx.OnnxModelPlugin;
import org.nathear.baselines.onnx.OnnxModelProvider;
import org.nathear.baselines.onnx.OnnxTestModels;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;

/**
 * The "bad input" cases end to end: each misbehaving model fails its own (task, model)
 * cells with a message naming the model, the call and what was wrong, and every other cell finishes.
 */
class ModelFailuresInARunTest {
    @TempDir
    Path dir;

    private RunResult run(List<ModelEntry> models, List<TaskEntry> tasks, Duration timeout) {
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(new StringWriter()), 0, true));
        return engine.run(RunConfiguration.builder().runId("bad").models(models).tasks(tasks)
                .seed(7L).probe(new LinearProbe()).resultFile(dir.resolve("bad.json")).batchSize(8)
                .callTimeout(timeout).build());
    }

    private static TaskEntry task(ChannelLayout layout) {
        return new TaskEntry(new TestPlugins.ToneTask(layout), "test", "test");
    }

    private static CellResult cell(RunResult result, String model, String task) {
        return result.cells().stream().filter(c -> c.modelId().equals(model) && c.taskId().equals(task)).findFirst().orElseThrow();
    }

    private static void assertFailedWith(CellResult cell, String... parts) {
        assertEquals(CellStatus.FAILED, cell.status(), cell.modelId() + " on " + cell.taskId());
        for (String part : parts) {
            assertTrue(cell.message().contains(part), "'" + part + "' missing from: " + cell.message());
        }
    }

    @Test
    void misbehavingJavaModelsFailTheirCellsAndTheOthersFinish() {
        MisbehavingModels.Hanging hanging = new MisbehavingModels.Hanging(false);
        try {
            RunResult result = run(List.of(new ModelEntry(hanging, "hang.jar"),
                            new ModelEntry(MisbehavingModels.nanScene(), "nan.jar"),
                            new ModelEntry(MisbehavingModels.shortScene(), "short.jar"),
                            new ModelEntry(new TestPlugins.ThrowingModel(), "throw.jar"),
                            new ModelEntry(new TestPlugins.BandEnergyModel(), "good.jar")),
                    List.of(task(ChannelLayout.MONO), task(ChannelLayout.BINAURAL)), Duration.ofSeconds(5));
            assertEquals(10, result.cells().size());
            for (String task : List.of("test-tones-mono", "test-tones-binaural")) {
                assertFailedWith(cell(result, "hanging-model", task), "hanging-model", "hang.jar", "sceneEmbeddings()",
                        "task '" + task + "'");
                assertFailedWith(cell(result, "nan-model", task), "nan-model", "sceneEmbeddings()", "non-finite value (NaN at dimension");
                assertFailedWith(cell(result, "short-model", task), "5 values", "declares scene embeddings of 8");
                assertFailedWith(cell(result, "broken-model", task), "deliberate failure");
                assertEquals(CellStatus.SUCCEEDED, cell(result, "band-energy", task).status());
            }
            assertTrue(cell(result, "hanging-model", "test-tones-mono").message().contains("did not return within 5 s"),
                    cell(result, "hanging-model", "test-tones-mono").message());
            assertTrue(cell(result, "hanging-model", "test-tones-binaural").message().contains("abandoned"),
                    "the second cell does not wait again: " + cell(result, "hanging-model", "test-tones-binaural").message());
        } finally {
            hanging.release.countDown();
        }
    }

    @Test
    void onnxModelsRunAndBrokenOnesFailTheirCellsOnly() throws IOException {
        Path good = OnnxTestModels.waveScene(dir.resolve("good"));
        Path mel = OnnxTestModels.logMelFrames(dir.resolve("mel"));
        Path nan = OnnxTestModels.nanScene(dir.resolve("nan"));
        Path wrong = OnnxTestModels.wrongDimScene(dir.resolve("wrong"));
        Path broken = OnnxTestModels.waveScene(dir.resolve("broken"));
        Files.writeString(broken.resolve("model.json"), Files.readString(broken.resolve("model.json"))
                .replace("\"onnx-wave-scene\"", "\"onnx-broken\"").replace("\"maxBatchSize\": 4", "\"maxBatchSize\": 4, \"threads\": 2"));
        DiscoveredModel brokenFound = OnnxModelProvider.discover(broken);
        RunResult result = run(List.of(new ModelEntry(OnnxModelPlugin.load(good), good.toString()),
                        new ModelEntry(OnnxModelPlugin.load(mel), mel.toString()),
                        new ModelEntry(OnnxModelPlugin.load(nan), nan.toString()),
                        new ModelEntry(OnnxModelPlugin.load(wrong), wrong.toString()),
                        new ModelEntry(brokenFound.plugin(), brokenFound.origin(), brokenFound.error())),
                List.of(task(ChannelLayout.MONO), task(ChannelLayout.FOA)), Duration.ofSeconds(60));
        for (String task : List.of("test-tones-mono", "test-tones-foa")) {
            for (String model : List.of("onnx-wave-scene", "onnx-logmel-frames")) {
                CellResult ok = cell(result, model, task);
                assertEquals(CellStatus.SUCCEEDED, ok.status(), ok.message());
            }
            assertFailedWith(cell(result, "onnx-nan-scene", task), "onnx-nan-scene", "sceneEmbeddings()", "non-finite value (NaN at dimension");
            assertFailedWith(cell(result, "onnx-wrong-dim", task), "onnx-wrong-dim", "sceneEmbeddings()", "output 'embedding' has shape",
                    "expected [");
            assertFailedWith(cell(result, "onnx-broken", task), "onnx-broken", "model.json", "unknown key 'threads'");
        }
        CellResult foa = cell(result, "onnx-logmel-frames", "test-tones-foa");
        assertEquals("foa->mono: omnidirectional channel W", foa.channelRule(), "the mono rule is applied and recorded");
        assertTrue(foa.primaryScore() > 0.9, "300 Hz and 2 kHz tones are separable on a log-mel: " + foa.primaryScore());
        assertEquals(OnnxModelPlugin.load(mel).weightsSha256(org.nathear.api.ModelOptions.NONE), foa.weightsSha256(),
                "the SHA-256 of model.onnx is in the result");
    }
}
