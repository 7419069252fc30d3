package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.api.TaskKind;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.FoldResult;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;
import org.nathear.runner.probe.MlpProbe;
import org.nathear.runner.probe.MlpSettings;
import org.nathear.runner.probe.Probe;

class SceneCellEvaluatorTest {
    @TempDir
    Path dir;

    private CellResult run(org.nathear.api.spi.TaskPlugin task, Probe probe, String name) {
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(new StringWriter()), 0, true));
        RunResult result = engine.run(RunConfiguration.builder().runId(name)
                .models(List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test")))
                .tasks(List.of(new TaskEntry(task, "test", "test")))
                .seed(3L).probe(probe).resultFile(dir.resolve(name).resolve("results.json")).batchSize(4).build());
        return result.cells().get(0);
    }

    @Test
    void variableLengthMultilabelClipsAreEvaluatedAndWrittenForHearTooling() throws Exception {
        CellResult cell = run(new TestPlugins.VariableLengthTask(), new LinearProbe(), "variable");
        assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
        assertTrue(cell.primaryScore() > 0.9, "mAP on separable tones: " + cell.primaryScore());
        assertEquals(3, cell.folds().size());
        Path hear = dir.resolve("variable/hear/band-energy/test-variable-length");
        JsonNode scores = new ObjectMapper().readTree(hear.resolve("test.predicted-scores.json").toFile());
        for (FoldResult fold : cell.folds()) {
            JsonNode entry = scores.get(fold.testSplit());
            assertEquals(fold.testScores().get("mAP"), entry.get("test_score").asDouble(), 1e-12);
            assertEquals(fold.testScores().get("aucroc"), entry.get("test_aucroc").asDouble(), 1e-12);
            assertTrue(entry.has("test_loss") && entry.has("validation_score") && entry.has("epoch") && entry.has("time_in_min"));
        }
        JsonNode aggregated = scores.get("aggregated_scores");
        assertEquals(cell.metrics().get("mAP").mean(), aggregated.get("test_score_mean").asDouble(), 1e-12);
        assertEquals(cell.metrics().get("mAP").std(), aggregated.get("test_score_std").asDouble(), 1e-12);
        assertEquals(cell.probe().chosen().get("l2"), scores.get("hparams").get("l2").asText());
        assertEquals(0, scores.get("postprocessing").size());
        List<String> rows = new ObjectMapper().readValue(hear.resolve("fold00.rows.json").toFile(), RowsDoc.class).clips();
        assertEquals(12, rows.size());
        // float64 predictions and ranking scores, float32 targets: same shape, twice the bytes per value
        long header = 128;
        assertEquals(2 * (Files.size(hear.resolve("fold00.targets.npy")) - header), Files.size(hear.resolve("fold00.predictions.npy")) - header);
        assertEquals(Files.size(hear.resolve("fold00.predictions.npy")), Files.size(hear.resolve("fold00.ranking-scores.npy")));
    }

    record RowsDoc(List<String> clips) {
    }

    @Test
    void theMlpProbeRunsTheGridOnTheFirstRotationAndRecordsSeedsAndEpochsPerFold() {
        MlpSettings small = new MlpSettings(32, 0.1, 64, 30, 3, 3, List.of(1e-2, 1e-3), List.of(1));
        CellResult cell = run(new TestPlugins.ToneTask(ChannelLayout.MONO), new MlpProbe("mlp", small), "mlp");
        assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
        assertTrue(cell.primaryScore() > 0.9, "top1 on tones: " + cell.primaryScore());
        assertEquals(2, cell.probe().grid().size(), "grid searched once, on the first rotation");
        assertEquals(new MlpProbe("mlp", small).grid(TaskKind.SCENE_MULTICLASS).get(0).keySet(), cell.probe().chosen().keySet());
        long distinctSeeds = cell.folds().stream().map(f -> f.hyperparameters().get("seed")).distinct().count();
        assertEquals(3, distinctSeeds, "one seed per rotation, recorded");
        for (FoldResult f : cell.folds()) {
            assertEquals(cell.probe().chosen().get("learningRate"), f.hyperparameters().get("learningRate"), "choice reused");
            assertTrue(Integer.parseInt(f.hyperparameters().get("bestEpoch")) >= 3, f.hyperparameters().toString());
        }
    }
}
