package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ModelDescriptor;
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

class EventCellEvaluatorTest {
    @TempDir
    Path dir;

    private RunResult run(ModelEntry model, Probe probe, String name) {
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(new StringWriter()), 0, true));
        return engine.run(RunConfiguration.builder().runId(name).models(List.of(model))
                .tasks(List.of(new TaskEntry(new TestPlugins.EventToneTask(), "test", "test")))
                .seed(7L).probe(probe)
                .resultFile(dir.resolve(name).resolve("results.json")).cacheDir(dir.resolve("cache")).batchSize(4).build());
    }

    @Test
    void toneBurstsAreDetectedAndEveryEventMetricIsReported() throws Exception {
        RunResult result = run(new ModelEntry(new TestPlugins.BandEnergyModel(), "test"), new LinearProbe(), "linear");
        CellResult cell = result.cells().get(0);
        assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
        // a bootstrap interval over the test clips, around the score
        assertTrue(cell.primaryInterval() != null && cell.primaryInterval().low() <= cell.primaryScore()
                && cell.primaryScore() <= cell.primaryInterval().high(), String.valueOf(cell.primaryInterval()));
        assertEquals("event_onset_200ms_fms", cell.primaryMetric());
        assertTrue(cell.primaryScore() > 0.5, "onset F on clean tone bursts: " + cell.primaryScore());
        assertTrue(cell.metrics().get("segment_1s_er").mean() < 1.0, "segment ER " + cell.metrics().get("segment_1s_er"));
        assertTrue(cell.metrics().containsKey("event_onset_50ms_fms"));
        FoldResult fold = cell.folds().get(0);
        assertEquals("test", fold.testSplit());
        assertEquals(List.of("train"), fold.trainSplits(), "trainvaltest trains on train only");
        assertEquals(10 * 60, fold.trainExamples(), "one row per 50 ms frame of the 10 training clips (3 s each)");
        assertTrue(List.of("125", "250").contains(fold.hyperparameters().get("postprocessing.minDurationMillis")),
                fold.hyperparameters().toString());
        assertEquals("250", fold.hyperparameters().get("postprocessing.medianFilterMillis"));
        assertTrue(fold.hyperparameters().containsKey("seed"));
        assertEquals("timestamp", cell.embedding().kind());

        Path hear = dir.resolve("linear/hear/band-energy/test-event-tones");
        JsonNode scores = new ObjectMapper().readTree(hear.resolve("test.predicted-scores.json").toFile());
        assertEquals(cell.primaryScore(), scores.get("test").get("test_score").asDouble(), 1e-12);
        assertEquals(cell.primaryScore(), scores.get("test").get("test_event_onset_200ms_fms").asDouble(), 1e-12);
        assertTrue(scores.get("test").has("test_event_onset_200ms_fms_precision"));
        assertTrue(scores.get("test").has("test_segment_1s_er_insertion_rate"));
        assertEquals("max", scores.get("score_mode").asText());
        assertEquals("median_filter_ms", scores.get("postprocessing").get(0).get(0).asText());
        assertTrue(!scores.has("aggregated_scores"), "one test split: no aggregate, as hear-eval-kit");
        for (String f : List.of("test.predictions.npy", "test.targets.npy", "test.rows.json", "test.predicted-events.json",
                "test.target-events.json", "labelvocabulary.csv")) {
            assertTrue(Files.isRegularFile(hear.resolve(f)), f);
        }
        byte[] npy = Files.readAllBytes(hear.resolve("test.predictions.npy"));
        String header = new String(npy, 10, npy[8] & 0xFF, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (" + 4 * 60 + ", 2)"), header);
        assertEquals(0, (10 + (npy[8] & 0xFF)) % 64, "npy header aligned to 64 bytes");
        assertTrue(header.contains("'<f8'"), "predictions are saved exactly as scored: " + header);
        assertEquals(10 + (npy[8] & 0xFF) + 4 * 60 * 2 * 8, npy.length);
    }

    @Test
    void theMlpProbeStopsEarlyOnTheValidEventScoreAndRecordsItsEpoch() {
        MlpSettings small = new MlpSettings(32, 0.1, 256, 60, 3, 4, List.of(1e-2), List.of(1));
        RunResult result = run(new ModelEntry(new TestPlugins.BandEnergyModel(), "test"), new MlpProbe("mlp", small), "mlp");
        CellResult cell = result.cells().get(0);
        assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
        assertTrue(cell.primaryScore() > 0.3, "onset F with the MLP: " + cell.primaryScore());
        Map<String, String> hp = cell.folds().get(0).hyperparameters();
        int best = Integer.parseInt(hp.get("bestEpoch"));
        assertTrue(best % 3 == 0 && best <= Integer.parseInt(hp.get("epochsTrained")), hp.toString());
        assertEquals("1024", MlpSettings.defaults().describe().get("hiddenDim"));
        assertEquals("32", hp.get("hiddenDim"), "fixed settings recorded with the fold");
    }

    @Test
    void theMlpProbeOnAnEventTaskGivesTheSameScoresAndEpochsWhenRunAgainFromTheCache() {
        // two grid points, each stopped early: the second run reads its embeddings from the first run's cache
        MlpSettings small = new MlpSettings(32, 0.1, 256, 60, 3, 4, List.of(1e-2, 1e-3), List.of(1, 2));
        CellResult first = run(new ModelEntry(new TestPlugins.BandEnergyModel(), "test"), new MlpProbe("mlp", small), "mlp-a")
                .cells().get(0);
        CellResult second = run(new ModelEntry(new TestPlugins.BandEnergyModel(), "test"), new MlpProbe("mlp", small), "mlp-b")
                .cells().get(0);
        assertEquals(CellStatus.SUCCEEDED, first.status(), first.message());
        assertEquals(first.metrics(), second.metrics(), "same seed, same event scores");
        assertEquals(first.folds().get(0).hyperparameters(), second.folds().get(0).hyperparameters(),
                "same grid point, best epoch, epochs trained and post-processing");
        assertEquals(first.primaryInterval(), second.primaryInterval());
    }

    @Test
    void irregularTimestampsFailTheCellNamingTheFrameAndValues() {
        RunResult result = run(new ModelEntry(new TestPlugins.BadTimestampsModel("jittery", t -> {
            t[5] += 3.0; // one frame 3 ms late: hops of 53 and 47 ms around it
            return t;
        }), "test"), new LinearProbe(), "jitter");
        CellResult cell = result.cells().get(0);
        assertEquals(CellStatus.FAILED, cell.status());
        // the model guard (GuardedModel) sees it first and names the frames, the hop and the clip
        assertTrue(cell.message().contains("frames 4 and 5") && cell.message().contains("a hop of 53.000 ms")
                && cell.message().contains("declares 50.000 ms") && cell.message().contains("train-00.wav"), cell.message());
    }

    @Test
    void timestampsPastTheEndOfTheAudioFailTheCell() {
        RunResult result = run(new ModelEntry(new TestPlugins.BadTimestampsModel("late", t -> {
            for (int i = 0; i < t.length; i++) {
                t[i] += 100.0; // everything shifted by two hops
            }
            return t;
        }), "test"), new LinearProbe(), "late");
        CellResult cell = result.cells().get(0);
        assertEquals(CellStatus.FAILED, cell.status());
        assertTrue(cell.message().contains("outside the clip") && cell.message().contains("3025.0 ms")
                && cell.message().contains("0 to 3000.000 ms"), cell.message());
    }

    @Test
    void descriptorOfTheBandEnergyModelDeclaresTheHopItProduces() {
        ModelDescriptor d = new TestPlugins.BandEnergyModel().descriptor();
        assertEquals(50.0, d.timestampHopMillis());
    }
}
