package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;

/** Issue 13, bug 10: a plugin calling System.exit(0) mid-run no longer ends it silently with exit code 0. */
class ExitGuardTest {
    @TempDir
    Path dir;

    @Test
    void aPluginCallingSystemExitEndsTheRunWithExitCode5NamingTheCallerAndKeepsFinishedCells() throws Exception {
        Path tasks = dir.resolve("tasks");
        ToneTaskFolder.write(tasks);
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (OutputStream raw = Files.newOutputStream(plugins.resolve("exiting.jar"));
             JarOutputStream jar = new JarOutputStream(raw)) {
            jar.putNextEntry(new JarEntry("META-INF/services/org.nathear.api.spi.ModelPlugin"));
            jar.write(ExitingModel.class.getName().getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        Path output = dir.resolve("out");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NathearCli.class.getName(),
                "run", "--quiet", "--tasks-dir", tasks.toString(), "--plugins", plugins.toString(),
                "--models", "hear-naive,exiting-model", "--cache-dir", dir.resolve("cache").toString(),
                "--output", output.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the run did not end within 180 s");
        String log = Files.readString(dir.resolve("child.log"));

        assertEquals(NathearCli.EXIT_INTERRUPTED, child.exitValue(), log);
        assertTrue(log.contains("System.exit called from " + ExitingModel.class.getName() + ".open"), log);
        assertTrue(log.contains("--resume"), log);
        List<Path> runs;
        try (Stream<Path> list = Files.list(output)) {
            runs = list.toList();
        }
        assertEquals(1, runs.size(), runs.toString());
        RunResult kept = ResultFiles.read(runs.get(0).resolve("results.json"));
        assertNull(kept.finishedUtc(), "the run is marked unfinished");
        assertEquals(1, kept.cells().size(), "hear-naive's cell, finished before the exit, is kept");
        assertEquals(CellStatus.SUCCEEDED, kept.cells().get(0).status());
        assertEquals("hear-naive", kept.cells().get(0).modelId());
    }
}
