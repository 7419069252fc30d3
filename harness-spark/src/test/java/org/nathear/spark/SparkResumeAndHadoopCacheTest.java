package org.nathear.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
import org.nathear.runner.cache.EmbeddingCache;
import org.nathear.runner.cli.NathearCli;

/**
 * {@code nathear-spark run} (local[2]) with its cache on a Hadoop file system ({@code file://} through
 * Hadoop's API), and {@code nathear-spark run --resume}, each against {@code nathear run} on a copy of
 * one real-mini task (real-sfx, 93 clips, HEAR-Naive).
 */
class SparkResumeAndHadoopCacheTest {
    static final String TASK = "real-sfx-v1-full";

    @TempDir
    static Path dir;

    static Path tasks;
    static Path reference;

    /** A copy of the real-mini task (so a test may change its data) and the local run of HEAR-Naive on it. */
    @BeforeAll
    static void referenceRun() throws IOException {
        Path source = SparkLocalModeTest.tasksDir().resolve(TASK);
        Assumptions.assumeTrue(Files.isDirectory(source), "needs the real-mini tasks at " + source.toAbsolutePath());
        tasks = dir.resolve("tasks");
        copyTree(source, tasks.resolve(TASK));
        StringWriter log = new StringWriter();
        assertEquals(0, SparkLocalModeTest.nathear(log, "run", "--quiet", "--tasks-dir", tasks.toString(), "--data-dir",
                dir.resolve("data").toString(), "--models", "hear-naive", "--tasks", TASK, "--seed", "7", "--output",
                dir.resolve("local").toString(), "--cache-dir", dir.resolve("local-cache").toString()), log.toString());
        reference = SparkLocalModeTest.onlyRun(dir.resolve("local"));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static List<String> options(String models, Path out, String cache) {
        return new ArrayList<>(List.of("--tasks-dir", tasks.toString(), "--data-dir", dir.resolve("data").toString(),
                "--models", models, "--tasks", TASK, "--output", out.toString(), "--cache-dir", cache, "--seed", "7"));
    }

    /** The cache's split files by path below the root, each with its entry keys. */
    static Map<String, List<String>> cacheEntries(Path root) throws IOException {
        Map<String, List<String>> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".emb") && Files.isRegularFile(f)).toList()) {
                try (EmbeddingCache cache = EmbeddingCache.open(p)) {
                    for (String key : cache.keys()) {
                        assertTrue(cache.lookup(key).hit(), p + " " + key + ": " + cache.lookup(key).damage());
                    }
                    files.put(root.relativize(p).toString(), cache.keys().stream().sorted().toList());
                }
            }
        }
        return files;
    }

    @Test
    void aCacheOnAHadoopFileSystemGivesTheCellsAndCacheFilesOfALocalRun() throws Exception {
        Path store = dir.resolve("hadoop-cache");
        String uri = "file://" + store.toAbsolutePath();
        StringWriter log = new StringWriter();
        List<String> args = options("hear-naive", dir.resolve("spark-hadoop"), uri);
        args.addAll(0, List.of("run", "--master", "local[2]", "--calls-per-task", "2"));
        assertEquals(0, SparkLocalModeTest.spark(log, args.toArray(String[]::new)), log.toString());
        assertTrue(log.toString().contains("cache " + uri), log.toString());

        Path run = SparkLocalModeTest.onlyRun(dir.resolve("spark-hadoop"));
        List<CellResult> expected = SparkLocalModeTest.cellsWithoutTimings(reference);
        assertEquals(1, expected.size());
        assertEquals(CellStatus.SUCCEEDED, expected.get(0).status());
        assertEquals(expected, SparkLocalModeTest.cellsWithoutTimings(run));
        assertEquals(expected.get(0).primaryInterval(), SparkLocalModeTest.cellsWithoutTimings(run).get(0).primaryInterval());
        // the store holds the layout of a local cache: the same split files with the same entries, checksums valid
        Map<String, List<String>> local = cacheEntries(dir.resolve("local-cache"));
        assertEquals(5, local.size(), local.keySet().toString());
        assertEquals(local, cacheEntries(store));
        assertFalse(Files.exists(store.resolve(ShardMerge.SHARDS).resolve(run.getFileName())), "shards removed");
        try (Stream<Path> walk = Files.walk(store)) {
            assertEquals(List.of(), walk.filter(p -> p.getFileName().toString().endsWith(".crc")).toList(), "no Hadoop .crc files");
        }

        // a local run on the store's folder (a mount of it) embeds nothing: the files are the ones it reads
        StringWriter again = new StringWriter();
        assertEquals(0, SparkLocalModeTest.nathear(again, "run", "--quiet", "--tasks-dir", tasks.toString(), "--data-dir",
                dir.resolve("data").toString(), "--models", "hear-naive", "--tasks", TASK, "--seed", "7", "--output",
                dir.resolve("local-on-store").toString(), "--cache-dir", store.toString()), again.toString());
        CellResult cell = ResultFiles.read(SparkLocalModeTest.onlyRun(dir.resolve("local-on-store")).resolve("results.json"))
                .cells().get(0);
        assertEquals(0, cell.timings().clipsEmbedded());
        assertEquals(93, cell.timings().clipsFromCache());
    }

    /** The run in {@code runDir} as if it had stopped before its cells of {@code modelId}. */
    static void interrupt(Path runDir, String modelId) {
        RunResult done = ResultFiles.read(runDir.resolve("results.json"));
        ResultFiles.write(runDir.resolve("results.json"), new RunResult(done.schema(), done.runId(), done.startedUtc(), null,
                done.resumedUtc(), done.provenance(), done.settings(),
                done.cells().stream().filter(c -> !c.modelId().equals(modelId)).toList()));
    }

    @Test
    void resumeFinishesAnInterruptedRunWithTheCellsOfAnUninterruptedOne() throws Exception {
        Path out = dir.resolve("resumed");
        String cache = dir.resolve("resume-cache").toString();
        StringWriter log = new StringWriter();
        List<String> args = options("hear-naive," + RefusingTestModel.ID, out, cache);
        args.addAll(0, List.of("run", "--master", "local[2]"));
        assertEquals(NathearCli.EXIT_CELL_FAILED, SparkLocalModeTest.spark(log, args.toArray(String[]::new)), log.toString());
        Path run = SparkLocalModeTest.onlyRun(out);
        CellResult refused = ResultFiles.read(run.resolve("results.json")).cells().stream()
                .filter(c -> c.modelId().equals(RefusingTestModel.ID)).findFirst().orElseThrow();
        interrupt(run, "hear-naive");

        StringWriter resumeLog = new StringWriter();
        int code = SparkLocalModeTest.spark(resumeLog, "run", "--master", "local[2]", "--resume", run.toString(), "--tasks-dir",
                tasks.toString(), "--data-dir", dir.resolve("data").toString(), "--cache-dir", cache);
        assertEquals(NathearCli.EXIT_CELL_FAILED, code, resumeLog.toString());
        assertTrue(resumeLog.toString().contains("resuming run " + run.getFileName() + ": 1 cell(s) kept"), resumeLog.toString());

        RunResult resumed = ResultFiles.read(run.resolve("results.json"));
        assertTrue(resumed.finishedUtc() != null);
        assertEquals(1, resumed.resumedUtc().size());
        assertEquals(2, resumed.cells().size());
        // the kept cell as it was (timings included); the finished one as the uninterrupted local run scored it
        assertEquals(refused, resumed.cells().stream().filter(c -> c.modelId().equals(RefusingTestModel.ID)).findFirst().orElseThrow());
        assertEquals(SparkLocalModeTest.cellsWithoutTimings(reference), resumed.cells().stream()
                .filter(c -> c.modelId().equals("hear-naive")).map(CellResult::withoutTimings).toList());
        // the resumed job did only the missing cell's work, from the cache the first job filled
        JsonNode job = new ObjectMapper().readTree(run.resolve("spark-job-resumed-1.json").toFile());
        assertEquals(0, job.get("clipsEmbedded").asInt(), job.toString());
        assertEquals(93, job.get("clipsFromCache").asInt(), job.toString());
        for (JsonNode unit : job.get("extractionUnits")) {
            assertEquals("hear-naive", unit.get("modelId").asText());
        }
        assertEquals(1, job.get("cells").size());
        assertTrue(Files.isRegularFile(run.resolve("spark-job.json")), "the first job's report is kept");
    }

    @Test
    void resumeRefusesATaskWhoseDataChangedSinceItsCellsWereScored() throws Exception {
        // the local reference run, interrupted with its one cell kept, resumed on Spark over changed labels
        Path run = dir.resolve("changed").resolve(reference.getFileName());
        copyTree(reference, run);
        interrupt(run, "no-model");
        Path changedTasks = dir.resolve("changed-tasks");
        copyTree(tasks, changedTasks);
        Path fold = changedTasks.resolve(TASK).resolve("fold00.json");
        String labels = Files.readString(fold, StandardCharsets.UTF_8);
        String changed = labels.replaceFirst("\"bird_song\"", "\"cattle\"");
        assertFalse(changed.equals(labels));
        Files.writeString(fold, changed, StandardCharsets.UTF_8);

        StringWriter log = new StringWriter();
        int code = SparkLocalModeTest.spark(log, "run", "--master", "local[2]", "--resume", run.toString(), "--tasks-dir",
                changedTasks.toString(), "--data-dir", dir.resolve("data").toString(), "--cache-dir",
                dir.resolve("local-cache").toString());
        assertEquals(NathearCli.EXIT_USAGE, code, log.toString());
        assertTrue(log.toString().contains("the data of task '" + TASK + "' changed since its cells were scored"), log.toString());
        assertEquals(null, ResultFiles.read(run.resolve("results.json")).finishedUtc(), "the interrupted run is left as it was");
    }
}
