package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.probe.ProbeMemory;

/**
 * A task with a 50,000-label vocabulary whose probe would not fit in the heap fails its own cell
 * with the heap it needs and {@code -Xmx}; the other task of the run is scored (issue 13, item 2).
 * The heap a fit may plan for is capped with {@link ProbeMemory#HEAP_CAP_PROPERTY} so the test
 * does not depend on the test JVM's heap.
 */
class HugeVocabularyRunTest {
    @TempDir
    Path dir;

    @Test
    void theHugeVocabularyCellFailsCleanlyAndTheRunGoesOn() throws Exception {
        Path tasks = dir.resolve("tasks");
        Path tones = ToneTaskFolder.write(tasks);
        Path huge = tasks.resolve("huge-v1-full");
        Files.createDirectories(huge);
        try (var files = Files.walk(tones)) {
            for (Path p : files.toList()) {
                Path target = huge.resolve(tones.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.writeString(huge.resolve("task_metadata.json"), Files.readString(huge.resolve("task_metadata.json"))
                .replace("\"task_name\": \"tones\"", "\"task_name\": \"huge\""), StandardCharsets.UTF_8);
        StringBuilder vocabulary = new StringBuilder("idx,label\n0,high\n1,low\n");
        for (int i = 2; i < 50_000; i++) {
            vocabulary.append(i).append(",label").append(i).append('\n');
        }
        Files.writeString(huge.resolve("labelvocabulary.csv"), vocabulary, StandardCharsets.UTF_8);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String before = System.getProperty(ProbeMemory.HEAP_CAP_PROPERTY);
        System.setProperty(ProbeMemory.HEAP_CAP_PROPERTY, Long.toString(48L << 20));
        int code;
        try {
            code = NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("run", "--tasks-dir",
                    tasks.toString(), "--models", "hear-naive", "--output", dir.resolve("out").toString(), "--no-cache", "--quiet");
        } finally {
            if (before == null) {
                System.clearProperty(ProbeMemory.HEAP_CAP_PROPERTY);
            } else {
                System.setProperty(ProbeMemory.HEAP_CAP_PROPERTY, before);
            }
        }
        assertEquals(1, code, "a failed cell makes the run exit 1: " + err + out);
        Path runDir;
        try (var runs = Files.list(dir.resolve("out"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        RunResult result = ResultFiles.read(runDir.resolve("results.json"));
        CellResult hugeCell = result.cells().stream().filter(c -> c.taskId().equals("huge-v1-full")).findFirst().orElseThrow();
        CellResult toneCell = result.cells().stream().filter(c -> c.taskId().equals(ToneTaskFolder.ID)).findFirst().orElseThrow();
        assertEquals(CellStatus.FAILED, hugeCell.status());
        assertTrue(hugeCell.message().contains("-Xmx") && hugeCell.message().contains("50,000 outputs"), hugeCell.message());
        assertEquals(CellStatus.SUCCEEDED, toneCell.status(), toneCell.message());
    }
}
