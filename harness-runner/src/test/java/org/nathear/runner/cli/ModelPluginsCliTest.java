package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ModelOptions;
import org.nathear.baselines.onnx.OnnxModelPlugin;
import org.nathear.baselines.onnx.OnnxTestModels;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;

/** The two doors for models from the command line: plugin jars ({@code --plugins}) and ONNX folders ({@code onnx:PATH}, {@code --models-dir}). */
class ModelPluginsCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void theExamplePluginJarAndAnOnnxFolderAreListedWithTheirOrigins() {
        Path models = dir.resolve("models");
        OnnxTestModels.logMelFrames(models.resolve("mel"));
        assertEquals(0, run("list", "--plugins", ExamplePluginJar.pluginsDir().toString(), "--models-dir", models.toString(),
                "--data-dir", dir.resolve("data").toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("example-spectral-stats") && text.contains("example-model-plugin-1.0.0.jar"), text);
        assertTrue(text.contains("onnx-logmel-frames") && text.contains(models.resolve("mel").toAbsolutePath().toString()), text);
    }

    @Test
    void theExamplePluginAndAnOnnxFolderRunAndAppearInTheLeaderboard() throws Exception {
        Path tasks = dir.resolve("tasks");
        ToneTaskFolder.write(tasks);
        Path onnx = OnnxTestModels.logMelFrames(dir.resolve("my-onnx-model"));
        int code = run("run", "--plugins", ExamplePluginJar.pluginsDir().toString(), "--tasks-dir", tasks.toString(),
                "--models", "example-spectral-stats,onnx:" + onnx, "--output", dir.resolve("out").toString(), "--no-cache", "--quiet");
        assertEquals(0, code, err.toString() + out);
        String leaderboard = out.toString();
        assertTrue(leaderboard.contains("example-spectral-stats") && leaderboard.contains("onnx-logmel-frames"), leaderboard);
        Path runDir;
        try (var runs = Files.list(dir.resolve("out"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        RunResult result = ResultFiles.read(runDir.resolve("results.json"));
        assertEquals(2, result.cells().size());
        for (CellResult cell : result.cells()) {
            assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
            assertTrue(cell.primaryScore() >= 0 && cell.primaryScore() <= 1, cell.modelId() + ": " + cell.primaryScore());
        }
        CellResult example = result.cells().stream().filter(c -> c.modelId().equals("example-spectral-stats")).findFirst().orElseThrow();
        assertTrue(example.primaryScore() > 0.9, "the spectral centroid separates 300 Hz from 2 kHz tones: " + example.primaryScore());
        CellResult onnxCell = result.cells().stream().filter(c -> c.modelId().equals("onnx-logmel-frames")).findFirst().orElseThrow();
        assertEquals(OnnxModelPlugin.load(onnx).weightsSha256(ModelOptions.NONE), onnxCell.weightsSha256());
        assertTrue(onnxCell.modelVersion().startsWith("1.0.0+"), onnxCell.modelVersion());
    }

    @Test
    void aBrokenOnnxFolderIsListedAsUnreadableAndFailsOnlyItsCells() throws Exception {
        Path models = dir.resolve("models");
        Path broken = OnnxTestModels.waveScene(models.resolve("broken"));
        Files.writeString(broken.resolve("model.json"), Files.readString(broken.resolve("model.json")).replace("\"version\": \"1.0.0\",", ""));
        OnnxTestModels.logMelFrames(models.resolve("good"));
        assertEquals(0, run("list", "--models-dir", models.toString(), "--data-dir", dir.resolve("data").toString()));
        assertTrue(out.toString().contains("onnx-wave-scene") && out.toString().contains("UNREADABLE")
                && out.toString().contains("'version' is missing"), out.toString());
        out.getBuffer().setLength(0);
        Path tasks = dir.resolve("tasks");
        ToneTaskFolder.write(tasks);
        int code = run("run", "--models-dir", models.toString(), "--tasks-dir", tasks.toString(),
                "--models", "onnx-wave-scene,onnx-logmel-frames", "--output", dir.resolve("out").toString(), "--no-cache", "--quiet");
        assertEquals(1, code, "a failed cell makes exit code 1: " + err);
        assertTrue(out.toString().contains("FAILED") && out.toString().contains("onnx-logmel-frames"), out.toString());
    }

    @Test
    void aModelReferenceThatIsNotAModelFolderIsAUsageError() {
        assertEquals(2, run("run", "--models", "onnx:" + dir.resolve("nowhere"), "--output", dir.toString(),
                "--data-dir", dir.resolve("data").toString()));
        assertTrue(err.toString().contains("onnx:") && err.toString().contains("nowhere"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("run", "--models", "tflite:" + dir, "--output", dir.toString(), "--data-dir", dir.resolve("data").toString()));
        assertTrue(err.toString().contains("Unknown model scheme 'tflite'") && err.toString().contains("[onnx]"), err.toString());
    }

    @Test
    void theCallTimeoutAcceptsUnitsAndRejectsNonsense() {
        DurationConverter c = new DurationConverter();
        assertEquals(java.time.Duration.ofSeconds(90), c.convert("90s"));
        assertEquals(java.time.Duration.ofSeconds(90), c.convert("1.5m"));
        assertEquals(java.time.Duration.ofMillis(250), c.convert("250ms"));
        assertEquals(java.time.Duration.ofHours(1), c.convert("1h"));
        assertEquals(java.time.Duration.ofSeconds(30), c.convert("30"));
        assertEquals(java.time.Duration.ZERO, c.convert("0"));
        assertEquals(2, run("run", "--call-timeout", "soon", "--output", dir.toString(), "--data-dir", dir.resolve("data").toString()));
        assertTrue(err.toString().contains("soon"), err.toString());
    }
}
