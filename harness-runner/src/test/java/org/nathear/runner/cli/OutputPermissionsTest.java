package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file a run and a leaderboard write (results.json, leaderboard.md, everything under hear/,
 * --html/--csv/--markdown) gets the permissions the umask gives a new file, as {@code cp} or an
 * editor would: readable by a colleague or a CI web server under the usual umask 022.
 */
class OutputPermissionsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void runAndLeaderboardOutputsFollowTheUmask() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs a POSIX file system");
        Path probe = Files.createFile(dir.resolve("umask-probe"));
        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(probe));

        Path tasks = dir.resolve("tasks");
        ToneTaskFolder.write(tasks);
        Path output = dir.resolve("out");
        assertEquals(0, run("run", "--tasks-dir", tasks.toString(), "--models", "hear-naive", "--output", output.toString(),
                "--cache-dir", dir.resolve("cache").toString(), "--quiet"), err.toString());
        Path board = dir.resolve("board");
        assertEquals(0, run("leaderboard", output.toString(), "--html", board.resolve("board.html").toString(),
                "--csv", board.resolve("board.csv").toString(), "--markdown", board.resolve("board.md").toString()), err.toString());

        List<String> checked = new ArrayList<>();
        for (Path root : List.of(output, board)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
                    checked.add(root.relativize(f).toString());
                }
            }
        }
        assertTrue(checked.stream().anyMatch(f -> f.endsWith("results.json")), checked.toString());
        assertTrue(checked.stream().anyMatch(f -> f.endsWith("leaderboard.md")), checked.toString());
        assertTrue(checked.stream().anyMatch(f -> f.contains("hear/") && f.endsWith("test.predicted-scores.json")), checked.toString());
        assertTrue(checked.containsAll(List.of("board.html", "board.csv", "board.md")), checked.toString());
    }
}
