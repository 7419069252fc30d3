package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;

/** {@code nathear run --suite hear} on a folder with two of the paper's tasks, one of them not matching the catalogue. */
class SuiteCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    /** A small k-fold scene task: {@code classes} labels, tones of distinct pitch, one 0.1 s clip per class and fold at 16 kHz. */
    private static void kfoldTask(Path root, String id, String splitMode, int folds, int classes) throws IOException {
        Path task = root.resolve(id);
        Files.createDirectories(task);
        List<String> splits = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            splits.add(String.format(Locale.ROOT, "fold%02d", f));
        }
        Files.writeString(task.resolve("task_metadata.json"), "{\"task_name\": \"" + id + "\", \"version\": \"v\", "
                + "\"embedding_type\": \"scene\", \"prediction_type\": \"multiclass\", \"split_mode\": \"" + splitMode
                + "\", \"nfolds\": " + folds + ", \"sample_duration\": 0.1, \"evaluation\": [\"top1_acc\", \"mAP\"]}");
        StringBuilder vocabulary = new StringBuilder("idx,label\n");
        for (int c = 0; c < classes; c++) {
            vocabulary.append(c).append(",c").append(c).append('\n');
        }
        Files.writeString(task.resolve("labelvocabulary.csv"), vocabulary.toString());
        for (String split : splits) {
            StringBuilder json = new StringBuilder("{");
            Path audio = task.resolve("16000").resolve(split);
            Files.createDirectories(audio);
            for (int c = 0; c < classes; c++) {
                for (int k = 0; k < 1; k++) {
                    String clip = split + "-c" + c + "-" + k + ".wav";
                    json.append(json.length() > 1 ? ", " : "").append('"').append(clip).append("\": [\"c").append(c).append("\"]");
                    float[] x = new float[1600];
                    double f = 200 * Math.pow(2, c) * (1 + 0.02 * k);
                    for (int n = 0; n < x.length; n++) {
                        x[n] = (float) (0.3 * Math.sin(2 * Math.PI * f * n / 16000));
                    }
                    WavFiles.write(audio.resolve(clip), new float[][] {x}, 16000, WavEncoding.PCM_16);
                }
            }
            Files.writeString(task.resolve(split + ".json"), json.append('}').toString());
        }
    }

    @Test
    void theSuiteRunsThePapersTasksFoundListsTheMissingOnesAndFailsAMismatchingFolder() throws Exception {
        Path tasks = dir.resolve("tasks");
        kfoldTask(tasks, "mridangam_tonic-v1.5-full", "new_split_kfold", 5, 6);
        kfoldTask(tasks, "esc50-v2.0.0-full", "new_split_kfold", 3, 2); // HEAR's ESC-50 is presplit, 5 folds, 50 labels
        kfoldTask(tasks, "not-in-the-paper-v1-full", "new_split_kfold", 3, 2);
        Path output = dir.resolve("out");
        int code = run("run", "--suite", "hear", "--tasks-dir", tasks.toString(), "--models", "hear-naive", "--no-cache",
                "--output", output.toString());
        assertEquals(1, code, err.toString());
        RunResult result;
        Path runDir;
        try (Stream<Path> runs = Files.list(output)) {
            runDir = runs.findFirst().orElseThrow();
        }
        result = ResultFiles.read(runDir.resolve("results.json"));
        assertEquals(List.of("esc50-v2.0.0-full", "mridangam_tonic-v1.5-full"),
                result.cells().stream().map(CellResult::taskId).toList(), "only the paper's tasks run");
        CellResult esc = result.cells().get(0);
        assertEquals(CellStatus.FAILED, esc.status());
        assertTrue(esc.message().contains("split_mode is 'new_split_kfold' but esc50-v2.0.0-full uses 'presplit_kfold' with 5 folds")
                && esc.message().contains("labelvocabulary.csv has 2 labels but esc50-v2.0.0-full has 50"), esc.message());
        assertEquals(CellStatus.SUCCEEDED, result.cells().get(1).status(), result.cells().get(1).message());
        JsonNode suite = new ObjectMapper().readTree(runDir.resolve("suite.json").toFile());
        assertEquals(11, suite.get("expected").size());
        assertEquals(9, suite.get("missing").size());
        assertEquals("dcase2016_task2-hear2021-full", suite.get("missing").get(0).asText());
        assertEquals("esc50-v2.0.0-full", suite.get("mismatched").get(0).asText());
        assertTrue(out.toString().contains("9 of 11 tasks missing") && out.toString().contains("fsd50k-v1.0-full"), out.toString());
        assertTrue(Files.isRegularFile(runDir.resolve("hear/hear-naive/mridangam_tonic-v1.5-full/test.predicted-scores.json")));
        JsonNode scores = new ObjectMapper().readTree(
                runDir.resolve("hear/hear-naive/mridangam_tonic-v1.5-full/test.predicted-scores.json").toFile());
        assertEquals(5, List.of("fold00", "fold01", "fold02", "fold03", "fold04").stream().filter(scores::has).count());
        assertEquals(result.cells().get(1).primaryScore(), scores.get("aggregated_scores").get("test_score_mean").asDouble(), 1e-12);
    }

    @Test
    void anUnknownSuiteAndATaskOutsideTheSuiteAreUsageErrors() throws Exception {
        Path tasks = dir.resolve("tasks");
        kfoldTask(tasks, "mridangam_tonic-v1.5-full", "new_split_kfold", 5, 6);
        assertEquals(2, run("run", "--suite", "superb", "--tasks-dir", tasks.toString(), "--output", dir.toString()));
        assertTrue(err.toString().contains("Unknown suite 'superb'") && err.toString().contains("[hear]"), err.toString());
        assertEquals(2, run("run", "--suite", "hear", "--tasks", "real-pitch-v1-full", "--tasks-dir", tasks.toString(),
                "--output", dir.toString()));
        assertTrue(err.toString().contains("not in suite 'hear'"), err.toString());
    }
}
