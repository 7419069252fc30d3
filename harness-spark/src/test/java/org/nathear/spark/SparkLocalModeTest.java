package org.nathear.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.cli.NathearCli;

/**
 * {@code nathear-spark run --master local[2]} against {@code nathear run} on real audio (two
 * real-mini tasks, HEAR-Naive): the same cells bit for bit (timings aside), the same hear-eval-kit
 * files; a re-submitted job embeds nothing; a failing model fails its cells with the local message.
 */
class SparkLocalModeTest {
    static final String TASKS = "real-drums-v1-full,real-sfx-v1-full";

    @TempDir
    static Path dir;

    static Path tasksDir() {
        return Path.of(System.getProperty("nathear.shared.dir", "../../shared"), "data", "real-mini", "tasks");
    }

    @BeforeAll
    static void needsSharedData() {
        Assumptions.assumeTrue(Files.isDirectory(tasksDir()), "needs the real-mini tasks at " + tasksDir().toAbsolutePath());
    }

    static int nathear(StringWriter log, String... args) {
        PrintWriter w = new PrintWriter(log, true);
        return NathearCli.commandLine(w, w).execute(args);
    }

    static int spark(StringWriter log, String... args) {
        PrintWriter w = new PrintWriter(log, true);
        return SparkRunCli.commandLine(w, w).execute(args);
    }

    static List<String> common(String models, String tasks, Path out, Path cache) {
        return new ArrayList<>(List.of("--tasks-dir", tasksDir().toString(), "--data-dir", dir.resolve("data").toString(),
                "--models", models, "--tasks", tasks, "--output", out.toString(), "--cache-dir", cache.toString(), "--seed", "7"));
    }

    static Path onlyRun(Path out) throws IOException {
        try (Stream<Path> runs = Files.list(out)) {
            List<Path> all = runs.filter(Files::isDirectory).toList();
            assertEquals(1, all.size(), "run folders in " + out + ": " + all);
            return all.get(0);
        }
    }

    static List<CellResult> cellsWithoutTimings(Path runDir) {
        RunResult run = ResultFiles.read(runDir.resolve("results.json"));
        return run.cells().stream().map(CellResult::withoutTimings).toList();
    }

    static Map<String, byte[]> hearFiles(Path runDir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Path hear = runDir.resolve("hear");
        if (!Files.isDirectory(hear)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(hear)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(hear.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** A hear-eval-kit scores file without its {@code time_in_min} fields. */
    static JsonNode withoutTimes(byte[] json) throws IOException {
        JsonNode tree = new ObjectMapper().enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
                .readTree(json);
        strip(tree);
        return tree;
    }

    private static void strip(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (name.startsWith("time_in_min")) {
                    o.remove(name);
                } else {
                    strip(o.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(SparkLocalModeTest::strip);
        }
    }

    /**
     * The cell with the guard's call counter taken out of its message: the guard numbers the calls of
     * one opened model, and on Spark each executor opens its own.
     */
    static CellResult withoutCallNumbers(CellResult c) {
        return CellResult.builder().taskId(c.taskId()).taskVersion(c.taskVersion()).taskDataHash(c.taskDataHash())
                .taskKind(c.taskKind()).taskLayout(c.taskLayout()).modelId(c.modelId()).modelVersion(c.modelVersion())
                .weightsSha256(c.weightsSha256()).status(c.status())
                .message(c.message().replaceAll(" call \\d+ on ", " call N on ")).primaryMetric(c.primaryMetric())
                .primaryScore(c.primaryScore()).primaryInterval(c.primaryInterval()).metrics(c.metrics())
                .folds(c.folds()).channelRule(c.channelRule()).probe(c.probe()).embedding(c.embedding())
                .timings(c.timings()).seed(c.seed()).distributions(c.distributions()).build();
    }

    @Test
    void localTwoExecutorsGiveTheCellsAndFilesOfALocalRunAndAResubmissionEmbedsNothing() throws Exception {
        StringWriter localLog = new StringWriter();
        List<String> local = common("hear-naive", TASKS, dir.resolve("local"), dir.resolve("local-cache"));
        local.add(0, "run");
        local.add("--quiet");
        assertEquals(0, nathear(localLog, local.toArray(String[]::new)), localLog.toString());

        StringWriter sparkLog = new StringWriter();
        List<String> onSpark = common("hear-naive", TASKS, dir.resolve("spark"), dir.resolve("spark-cache"));
        onSpark.addAll(0, List.of("run", "--master", "local[2]", "--calls-per-task", "2"));
        assertEquals(0, spark(sparkLog, onSpark.toArray(String[]::new)), sparkLog.toString());

        Path localRun = onlyRun(dir.resolve("local"));
        Path sparkRun = onlyRun(dir.resolve("spark"));
        List<CellResult> expected = cellsWithoutTimings(localRun);
        List<CellResult> actual = cellsWithoutTimings(sparkRun);
        assertEquals(2, expected.size());
        assertTrue(expected.stream().allMatch(c -> c.status() == CellStatus.SUCCEEDED), expected.toString());
        assertEquals(expected, actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).primaryInterval(), actual.get(i).primaryInterval());
        }
        Map<String, byte[]> localFiles = hearFiles(localRun);
        Map<String, byte[]> sparkFiles = hearFiles(sparkRun);
        assertEquals(localFiles.keySet(), sparkFiles.keySet());
        assertTrue(!localFiles.isEmpty());
        for (Map.Entry<String, byte[]> e : localFiles.entrySet()) {
            if (e.getKey().endsWith(".predicted-scores.json")) { // equal but for the wall-clock minutes
                assertEquals(withoutTimes(e.getValue()), withoutTimes(sparkFiles.get(e.getKey())), e.getKey());
            } else {
                assertArrayEquals(e.getValue(), sparkFiles.get(e.getKey()), e.getKey());
            }
        }
        assertTrue(Files.isRegularFile(sparkRun.resolve("leaderboard.md")));

        JsonNode first = new ObjectMapper().readTree(sparkRun.resolve("spark-job.json").toFile());
        int clips = first.get("clipsEmbedded").asInt();
        assertEquals(179 + 93, clips + first.get("clipsFromCache").asInt(), first.toString());
        assertTrue(first.get("extractionUnits").size() > 6, "units: " + first.get("extractionUnits").size());
        // the cells report what stage 1 embedded for them
        assertEquals(clips, ResultFiles.read(sparkRun.resolve("results.json")).cells().stream()
                .mapToInt(c -> c.timings().clipsEmbedded()).sum());

        // the same job again (its extraction stage only, with other unit sizes): every embedding from the cache
        StringWriter againLog = new StringWriter();
        List<String> again = common("hear-naive", TASKS, dir.resolve("spark-again"), dir.resolve("spark-cache"));
        again.addAll(0, List.of("run", "--master", "local[2]", "--calls-per-task", "3", "--extract-only"));
        assertEquals(0, spark(againLog, again.toArray(String[]::new)), againLog.toString());
        Path againRun = onlyRun(dir.resolve("spark-again"));
        JsonNode second = new ObjectMapper().readTree(againRun.resolve("spark-job.json").toFile());
        assertEquals(0, second.get("clipsEmbedded").asInt(), second.toString());
        assertEquals(179 + 93, second.get("clipsFromCache").asInt(), second.toString());
        assertEquals(List.of(), ResultFiles.read(againRun.resolve("results.json")).cells());
        assertTrue(Files.notExists(dir.resolve("spark-cache").resolve(".spark-shards").resolve(againRun.getFileName())),
                "shards are removed after the job");
    }

    @Test
    void aModelFailingOnTheExecutorsFailsItsCellsWithTheLocalMessage() throws Exception {
        StringWriter localLog = new StringWriter();
        List<String> local = common(RefusingTestModel.ID, TASKS, dir.resolve("refused-local"), dir.resolve("refused-cache-l"));
        local.add(0, "run");
        local.add("--quiet");
        assertEquals(NathearCli.EXIT_CELL_FAILED, nathear(localLog, local.toArray(String[]::new)), localLog.toString());

        StringWriter sparkLog = new StringWriter();
        List<String> onSpark = common(RefusingTestModel.ID, TASKS, dir.resolve("refused-spark"), dir.resolve("refused-cache-s"));
        onSpark.addAll(0, List.of("run", "--master", "local[2]"));
        assertEquals(NathearCli.EXIT_CELL_FAILED, spark(sparkLog, onSpark.toArray(String[]::new)), sparkLog.toString());

        List<CellResult> expected = cellsWithoutTimings(onlyRun(dir.resolve("refused-local"))).stream()
                .map(SparkLocalModeTest::withoutCallNumbers).toList();
        List<CellResult> actual = cellsWithoutTimings(onlyRun(dir.resolve("refused-spark"))).stream()
                .map(SparkLocalModeTest::withoutCallNumbers).toList();
        assertEquals(2, expected.size());
        for (CellResult c : expected) {
            assertEquals(CellStatus.FAILED, c.status());
            assertTrue(c.message().contains("refusing-test: no embeddings for"), c.message());
        }
        assertEquals(expected, actual);
    }
}
