package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;

class NathearCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    static Path sharedTasks() {
        String shared = System.getProperty("nathear.shared.dir", "../../shared");
        return Path.of(shared, "data", "real-mini", "tasks");
    }

    @Test
    void listShowsModelsAndTasksWithVersionsAndOrigins() {
        assertEquals(0, run("list", "--data-dir", dir.toString()));
        String text = out.toString();
        assertTrue(text.contains("hear-naive") && text.contains("demo-") && text.contains("from"), text);
    }

    @Test
    void anUnknownModelIsOneClearMessageAndExitCodeTwo() {
        assertEquals(2, run("run", "--models", "nope", "--data-dir", dir.toString(), "--output", dir.toString()));
        assertTrue(err.toString().contains("Unknown model 'nope'") && err.toString().contains("hear-naive"), err.toString());
    }

    @Test
    void aMissingTasksDirIsReported() {
        assertEquals(2, run("run", "--tasks-dir", dir.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("nowhere"), err.toString());
    }

    @Test
    void badModelOptionsAreRejectedBeforeAnyWork() {
        assertEquals(2, run("run", "--model-option", "hear-naive.bogus=1", "--data-dir", dir.toString(), "--output", dir.toString()));
        assertTrue(err.toString().contains("bogus"), err.toString());
    }

    @Test
    void aBrokenTaskFolderIsListedAndFailsItsCellWithoutStoppingTheRun() throws Exception {
        Path tasks = dir.resolve("tasks");
        Files.createDirectories(tasks.resolve("broken-v1-full"));
        Files.writeString(tasks.resolve("broken-v1-full/task_metadata.json"), "{\"task_name\": ");
        assertEquals(0, run("list", "--tasks-dir", tasks.toString()));
        assertTrue(out.toString().contains("broken-v1-full") && out.toString().contains("UNREADABLE"), out.toString());
        out.getBuffer().setLength(0);
        int code = run("run", "--tasks-dir", tasks.toString(), "--output", dir.resolve("out").toString(), "--no-cache", "--quiet");
        assertEquals(1, code, err.toString());
        assertTrue(out.toString().contains("FAILED") && out.toString().contains("task_metadata.json"), out.toString());
    }

    @Test
    void aDamagedWavFailsOnlyItsOwnCellAndNamesTheFile() throws Exception {
        Path tasks = dir.resolve("tasks");
        org.nathear.tasks.demo.DemoSuite.generate("demo-pitch-v1-full", 1L, tasks.resolve("demo-pitch-v1-full"));
        org.nathear.tasks.demo.DemoSuite.generate("demo-strokes-v1-full", 1L, tasks.resolve("demo-strokes-v1-full"));
        Path victim;
        try (var wavs = Files.list(tasks.resolve("demo-strokes-v1-full/16000/fold02"))) {
            victim = wavs.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(victim);
        Files.write(victim, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated, as by an interrupted copy
        int code = run("run", "--tasks-dir", tasks.toString(), "--models", "hear-naive", "--output", dir.resolve("out").toString(),
                "--no-cache", "--quiet");
        assertEquals(1, code, err.toString());
        Path runDir;
        try (var runs = Files.list(dir.resolve("out"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        RunResult result = ResultFiles.read(runDir.resolve("results.json"));
        var strokes = result.cells().stream().filter(c -> c.taskId().equals("demo-strokes-v1-full")).findFirst().orElseThrow();
        var pitch = result.cells().stream().filter(c -> c.taskId().equals("demo-pitch-v1-full")).findFirst().orElseThrow();
        assertEquals(org.nathear.results.schema.CellStatus.FAILED, strokes.status());
        assertTrue(strokes.message().contains(victim.getFileName().toString()) && strokes.message().contains("truncated"),
                strokes.message());
        assertEquals(org.nathear.results.schema.CellStatus.SUCCEEDED, pitch.status(), pitch.message());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"list", "run", "version", "leaderboard", "check"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(command, "--help"));
            assertTrue(out.toString().contains("Usage: nathear " + command), out.toString());
        }
    }

    @Test
    void versionNamesTheHarnessAndJvm() {
        assertEquals(0, run("version"));
        assertTrue(out.toString().startsWith("nathear ") && out.toString().contains("java "), out.toString());
    }

    @Test
    void runOnARealTaskFolderWritesResultsAndPrintsALeaderboard() throws Exception {
        Path tasks = sharedTasks();
        Assumptions.assumeTrue(Files.isDirectory(tasks), "shared real-mini tasks not found at " + tasks.toAbsolutePath());
        int code = run("run", "--tasks-dir", tasks.toString(), "--tasks", "real-digits-v1-full", "--models", "hear-naive",
                "--output", dir.resolve("out").toString(), "--cache-dir", dir.resolve("cache").toString(), "--quiet");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("real-digits-v1-full") && out.toString().contains("hear-naive"), out.toString());
        Path runDir;
        try (var runs = Files.list(dir.resolve("out"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        RunResult result = ResultFiles.read(runDir.resolve("results.json"));
        assertEquals(1, result.cells().size());
        assertTrue(result.cells().get(0).primaryScore() > 0.1, "above chance (10 classes): " + result.cells().get(0).primaryScore());
        assertTrue(Files.isRegularFile(runDir.resolve("leaderboard.md")));
        String page = Files.readString(runDir.resolve("leaderboard.html"));
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains(result.cells().get(0).taskId()),
                "the run writes the HTML page beside results.json");
    }
}
