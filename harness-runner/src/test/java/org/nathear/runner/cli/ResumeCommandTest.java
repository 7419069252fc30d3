package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.results.schema.CellResult;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;

/** {@code nathear run --resume} runs with the typed settings recorded in results.json, in the current and the old form. */
class ResumeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NathearCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
    }

    private static RunResult interrupted(RunResult full) {
        return new RunResult(RunResult.SCHEMA, full.runId(), full.startedUtc(), null, List.of(), full.provenance(),
                full.settings(), List.of());
    }

    private static List<CellResult> comparable(RunResult r) {
        return r.cells().stream().map(CellResult::withoutTimings).toList();
    }

    @Test
    void aResumedRunTakesTheModelOptionsAndBatchSizeFromTheFileInEitherForm() throws Exception {
        Path tasks = dir.resolve("tasks");
        ToneTaskFolder.write(tasks);
        Path output = dir.resolve("out");
        String cache = dir.resolve("cache").toString();
        String data = dir.resolve("data").toString();
        assertEquals(0, run("run", "--quiet", "--tasks-dir", tasks.toString(), "--data-dir", data, "--models", "hear-naive",
                "--model-option", "hear-naive.seed=7", "--batch-size", "5", "--cache-dir", cache,
                "--output", output.toString()), err.toString());
        Path runDir;
        try (Stream<Path> list = Files.list(output)) {
            runDir = list.findFirst().orElseThrow();
        }
        Path file = runDir.resolve("results.json");
        RunResult full = ResultFiles.read(file);
        assertEquals(Map.of("seed", "7"), full.settings().modelOptions().get("hear-naive"));
        assertEquals(5, full.settings().batchSize());

        // the current form: no cell finished yet
        ResultFiles.write(file, interrupted(full));
        assertEquals(0, run("run", "--quiet", "--resume", runDir.toString(), "--tasks-dir", tasks.toString(), "--data-dir", data,
                "--cache-dir", cache), err.toString());
        RunResult resumed = ResultFiles.read(file);
        assertNotNull(resumed.finishedUtc());
        assertEquals(full.settings(), resumed.settings());
        assertEquals(comparable(full), comparable(resumed));

        // the form nathear wrote before typed settings (schema 2, settings as a string map)
        ResultFiles.write(file, interrupted(full));
        String typed = "\"batchSize\" : 5,\n    \"modelOptions\" : {\n      \"hear-naive\" : {\n        \"seed\" : \"7\"\n"
                + "      }\n    },\n    \"optionsByTaskKind\" : { }\n";
        String current = Files.readString(file);
        assertTrue(current.contains(typed), current);
        Files.writeString(file, current.replace("\"nathear.run/3\"", "\"nathear.run/2\"").replace(typed,
                "\"options\" : {\n      \"batchSize\" : \"5\",\n      \"model-options.hear-naive\" : \"{seed=7}\"\n    }\n"));
        assertEquals(0, run("run", "--quiet", "--resume", runDir.toString(), "--tasks-dir", tasks.toString(), "--data-dir", data,
                "--cache-dir", cache), err.toString());
        RunResult fromOld = ResultFiles.read(file);
        assertEquals(full.settings(), fromOld.settings());
        assertEquals(comparable(full), comparable(fromOld));
    }
}
