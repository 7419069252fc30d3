package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.tasks.tut.TutRealFixture;

/**
 * TUT REAL from the command line: {@code nathear tut-real} on the fixture in the published layout,
 * then {@code nathear run}: the task's own [azimuth, elevation] target, and {@code --doa-target}
 * overriding it, each reporting the azimuth and elevation errors beside the DoA error.
 */
class TutRealRunTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private RunResult results(Path output) throws Exception {
        try (Stream<Path> files = Files.walk(output)) {
            return ResultFiles.read(files.filter(p -> p.getFileName().toString().equals("results.json")).findFirst().orElseThrow());
        }
    }

    @Test
    void aTutRealTaskIsScoredWithItsAzElTargetOrTheOneGivenOnTheCommandLine() throws Exception {
        Path base = dir.resolve("TUT");
        TutRealFixture.write(base, 2018, 5, 2, 3.0, 3);
        Path tasks = dir.resolve("tasks");
        assertEquals(0, run("tut-real", "--in", base.toString(), "--out", tasks.toString()), err.toString());
        String task = "tut2018-real-ov1-split1-v1-full";
        String cache = dir.resolve("cache").toString();

        assertEquals(0, run("run", "--tasks-dir", tasks.toString(), "--tasks", task, "--models", "spatial-naive",
                "--cache-dir", cache, "--output", dir.resolve("azel").toString(), "--quiet"), err.toString());
        RunResult azel = results(dir.resolve("azel"));
        CellResult cell = azel.cells().get(0);
        assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
        assertEquals("linear-regression-azel", cell.probe().name(), "the task declares the [azimuth, elevation] target");
        assertEquals("doa_error_mean_deg", cell.primaryMetric());
        assertTrue(cell.metrics().containsKey("azimuth_error_mean_deg") && cell.metrics().containsKey("elevation_error_mean_deg"),
                cell.metrics().keySet().toString());
        assertEquals(null, azel.settings().doaTarget(), "no override given");
        String leaderboard = Files.readString(findLeaderboard(dir.resolve("azel")));
        assertTrue(leaderboard.contains("azimuth_error_mean_deg") && leaderboard.contains("elevation_error_mean_deg"), leaderboard);

        assertEquals(0, run("run", "--tasks-dir", tasks.toString(), "--tasks", task, "--models", "spatial-naive",
                "--cache-dir", cache, "--doa-target", "unit-vector", "--output", dir.resolve("unit").toString(), "--quiet"),
                err.toString());
        RunResult unit = results(dir.resolve("unit"));
        assertEquals("linear-regression", unit.cells().get(0).probe().name());
        assertEquals("unit-vector", unit.settings().doaTarget());
        assertEquals("unit-vector", unit.cells().get(0).folds().get(0).hyperparameters().get("target"));
        assertTrue(unit.cells().get(0).metrics().containsKey("azimuth_error_mean_deg"), "the task lists the angle errors");

        assertEquals(2, run("run", "--tasks-dir", tasks.toString(), "--tasks", task, "--models", "spatial-naive",
                "--cache-dir", cache, "--doa-target", "polar", "--output", dir.resolve("bad").toString(), "--quiet"));
        assertTrue(err.toString().contains("'polar'") && err.toString().contains("unit-vector"), err.toString());
    }

    private static Path findLeaderboard(Path output) throws Exception {
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(p -> p.getFileName().toString().equals("leaderboard.md")).findFirst().orElseThrow();
        }
    }
}
