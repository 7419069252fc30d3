package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.baselines.onnx.OnnxTestModels;

class ValidateModelCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.resolve("data").toString();
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
    }

    @Test
    void aGoodOnnxModelPassesAndTheJsonReportIsWritten() throws Exception {
        Path model = OnnxTestModels.waveScene(dir.resolve("wave"));
        Path report = dir.resolve("reports/wave.json");
        assertEquals(0, run("validate-model", "onnx:" + model, "--clip-seconds", "1.07,2.74", "--report", report.toString()),
                err.toString() + out);
        assertTrue(out.toString().contains("PASS  determinism[MONO]") && out.toString().contains("PASSED: 0 failure(s)"), out.toString());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals("onnx-wave-scene", json.get("modelId").asText());
        assertTrue(json.get("measurements").get("sceneRealTimeFactor[MONO]").asDouble() > 0, json.toString());
        assertTrue(json.get("measurements").has("parameters"), "an ONNX graph's initializers are counted: " + json);
        assertTrue(out.toString().contains("INFO  parameters") && out.toString().contains(String.format(java.util.Locale.ROOT,
                "%,d parameters", json.get("measurements").get("parameters").asLong())), out.toString());
        assertEquals("PASS", json.get("findings").get(0).get("severity").asText());
    }

    @Test
    void aModelReturningNanFailsWithExitCodeOne() {
        Path model = OnnxTestModels.nanScene(dir.resolve("nan"));
        assertEquals(1, run("validate-model", "onnx:" + model, "--clip-seconds", "1.0"));
        assertTrue(out.toString().contains("FAIL  scene[MONO]") && out.toString().contains("non-finite value (NaN")
                && out.toString().contains("FAILED"), out.toString());
    }

    @Test
    void warningsFailOnlyWithStrict() {
        Path model = OnnxTestModels.foaFrames(dir.resolve("foa"));
        assertEquals(0, run("validate-model", "onnx:" + model, "--clip-seconds", "1.0"), out.toString());
        assertTrue(out.toString().contains("WARN  spatial[FOA]"), out.toString());
        assertEquals(1, run("validate-model", "onnx:" + model, "--clip-seconds", "1.0", "--strict"));
    }

    @Test
    void aBrokenDescriptorFromAModelsFolderFails() throws Exception {
        Path models = dir.resolve("models");
        Path broken = OnnxTestModels.waveScene(models.resolve("broken"));
        Files.writeString(broken.resolve("model.json"), Files.readString(broken.resolve("model.json"))
                .replace("\"kind\": \"waveform\"", "\"kind\": \"spectrogram\""));
        assertEquals(1, run("validate-model", "onnx-wave-scene", "--models-dir", models.toString()));
        assertTrue(out.toString().contains("FAIL  descriptor") && out.toString().contains("'input.kind' has unknown value 'spectrogram'"),
                out.toString());
    }

    @Test
    void anUnknownModelIsAUsageError() {
        assertEquals(2, run("validate-model", "no-such-model"));
        assertTrue(err.toString().contains("Unknown model 'no-such-model'"), err.toString());
        assertEquals(0, run("validate-model", "--help"));
        assertTrue(out.toString().contains("Exit codes: 0") && out.toString().contains("--strict"), out.toString());
    }
}
