package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.tasks.spatial.TaskFiles;

class SpatializeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    /** A mono task of 0.3 s synthetic noise clips at 16 kHz: 8 train, 4 valid, 4 test. */
    private Path tinyTask() {
        Path task = dir.resolve("in").resolve("tiny-v1-full");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("task_name", "tiny-v1-full");
        meta.put("version", "v1");
        meta.put("mode", "full");
        meta.put("embedding_type", "scene");
        meta.put("prediction_type", "multiclass");
        meta.put("split_mode", "trainvaltest");
        meta.put("sample_duration", 0.3);
        meta.put("evaluation", List.of("top1_acc"));
        TaskFiles.writeJson(task.resolve("task_metadata.json"), meta);
        TaskFiles.writeString(task.resolve("labelvocabulary.csv"), "idx,label\n0,a\n");
        SplittableRandom r = new SplittableRandom(1);
        Map<String, Integer> sizes = Map.of("train", 8, "valid", 4, "test", 4);
        for (String split : List.of("train", "valid", "test")) {
            Map<String, Object> labels = new LinkedHashMap<>();
            for (int i = 0; i < sizes.get(split); i++) {
                float[] x = new float[4800];
                for (int t = 0; t < x.length; t++) {
                    x[t] = (float) (0.2 * r.nextGaussian());
                }
                WavFiles.write(task.resolve("16000").resolve(split).resolve(split + i + ".wav"), new float[][] {x}, 16000,
                        WavEncoding.PCM_16);
                labels.put(split + i + ".wav", List.of("a"));
            }
            TaskFiles.writeJson(task.resolve(split + ".json"), labels);
        }
        return task;
    }

    @Test
    void spatializesATaskWritesItsLocalizationTaskAndRunsTheSpatialBaselineOnIt() throws Exception {
        Path input = tinyTask();
        Path tasks = dir.resolve("nat");
        assertEquals(0, run("spatialize", "--format", "binaural", "--in", input.toString(), "--out", tasks.toString(),
                "--seed", "3", "--threads", "1", "--localization"), err.toString());
        assertTrue(out.toString().contains("tiny-nat-binaural-v1-full") && out.toString().contains("tiny-loc-binaural-v1-full"),
                out.toString());
        assertTrue(err.toString().contains("16/16 clips"), "progress: " + err);
        assertTrue(Files.isRegularFile(tasks.resolve("tiny-loc-binaural-v1-full").resolve("test.json")));

        Path results = dir.resolve("results");
        assertEquals(0, run("run", "--tasks-dir", tasks.toString(), "--tasks", "tiny-loc-binaural-v1-full",
                "--models", "spatial-naive", "--no-cache", "--output", results.toString(), "--quiet"), err.toString());
        Path resultFile;
        try (Stream<Path> files = Files.walk(results)) {
            resultFile = files.filter(p -> p.getFileName().toString().equals("results.json")).findFirst().orElseThrow();
        }
        RunResult result = ResultFiles.read(resultFile);
        assertEquals(1, result.cells().size());
        result.cells().forEach(c -> {
            assertEquals(CellStatus.SUCCEEDED, c.status(), c.message());
            assertEquals("doa_error_mean_deg", c.primaryMetric());
            assertTrue(c.metrics().containsKey("front_back_confusion"), c.metrics().keySet().toString());
            assertEquals("linear-regression", c.probe().name());
        });
    }

    @Test
    void badFormatsAndMissingInputsAreOneClearMessageAndExitCodeTwo() {
        assertEquals(2, run("spatialize", "--format", "stereo", "--in", dir.toString(), "--out", dir.toString()));
        assertTrue(err.toString().contains("binaural or foa"), err.toString());
        assertEquals(2, run("spatialize", "--format", "foa", "--in", dir.resolve("none").toString(), "--out", dir.toString()));
        assertEquals(2, run("tut-real", "--in", dir.toString(), "--out", dir.toString()));
        assertTrue(err.toString().contains("wav_ov1_split1_30db"), err.toString());
    }

    @Test
    void exportedEmbeddingsOfALocalizationTaskAreTheOnesARunScores() throws Exception {
        Path tasks = dir.resolve("nat");
        assertEquals(0, run("spatialize", "--format", "binaural", "--in", tinyTask().toString(), "--out", tasks.toString(),
                "--seed", "3", "--threads", "1", "--localization"), err.toString());
        Path cache = dir.resolve("cache");
        Path results = dir.resolve("results");
        assertEquals(0, run("run", "--tasks-dir", tasks.toString(), "--tasks", "tiny-loc-binaural-v1-full",
                "--models", "gram-binaural", "--cache-dir", cache.toString(), "--output", results.toString(), "--quiet"),
                err.toString());
        Path resultFile;
        try (Stream<Path> files = Files.walk(results)) {
            resultFile = files.filter(p -> p.getFileName().toString().equals("results.json")).findFirst().orElseThrow();
        }
        String runCacheKey = ResultFiles.read(resultFile).cells().get(0).embedding().cacheKey();

        Path export = dir.resolve("export");
        assertEquals(0, run("export-embeddings", "--tasks-dir", tasks.toString(), "--tasks", "tiny-loc-binaural-v1-full",
                "--models", "gram-binaural", "--cache-dir", cache.toString(), "--out", export.toString(), "--quiet"),
                err.toString());
        String meta = Files.readString(export.resolve("gram-binaural").resolve("tiny-loc-binaural-v1-full")
                .resolve("nathear-export.json"));
        assertTrue(meta.contains("\"modelOptions\": \"{scene-embedding=cls}\""), meta);
        assertTrue(meta.contains("\"cacheKey\": \"" + runCacheKey + "\""), "run's key " + runCacheKey + " vs " + meta);
    }

}
