package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;

/**
 * Crash safety end to end: a run in a child JVM is killed with SIGKILL after its first cell is in
 * the result file; the file is still a valid result, and resuming it gives the same results as an
 * uninterrupted run (ids, times and timings aside). Slow (two JVMs, about 20 s).
 */
@Tag("slow")
class RunCrashResumeTest {
    @TempDir
    Path dir;

    @Test
    void aRunKilledMidwayAndResumedEqualsAnUninterruptedRun() throws Exception {
        Path file = dir.resolve("crash").resolve("results.json");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashableRun.class.getName(), file.toString(), "150")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        RunResult seen = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file)) {
                RunResult r = ResultFiles.read(file); // never half-written: every read parses
                if (!r.cells().isEmpty()) {
                    seen = r;
                    break;
                }
            }
            assertTrue(child.isAlive(), "the child finished before it could be killed: " + Files.readString(dir.resolve("child.log")));
            Thread.sleep(20);
        }
        assertTrue(seen != null, "no cell was written within 120 s");
        child.destroyForcibly(); // SIGKILL on Linux and macOS
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");

        RunResult interrupted = ResultFiles.read(file);
        assertNull(interrupted.finishedUtc(), "the run did not finish");
        assertTrue(interrupted.cells().size() >= 1 && interrupted.cells().size() < 4, "cells so far: " + interrupted.cells().size());
        try (var files = Files.list(file.getParent())) {
            List<Path> left = files.filter(p -> !p.equals(file)).toList();
            assertTrue(left.stream().allMatch(p -> p.getFileName().toString().endsWith(".tmp")), "only stale temp files: " + left);
        }

        RunResult resumed = RunResumeTest.engine().resume(RunResumeTest.request("crash", file, CrashableRun.models(0), 7L),
                interrupted);
        RunResult uninterrupted = RunResumeTest.engine().run(RunResumeTest.request("whole", dir.resolve("whole.json"),
                CrashableRun.models(0), 7L));
        assertEquals(4, resumed.cells().size());
        assertEquals(RunResumeTest.comparable(uninterrupted), RunResumeTest.comparable(resumed));
        assertEquals(RunResumeTest.comparable(uninterrupted), RunResumeTest.comparable(ResultFiles.read(file)));
    }
}
