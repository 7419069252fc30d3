package org.nathear.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelOptions;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.boards.MarkdownLeaderboard;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;

/**
 * {@code nathear run --resume RUN_DIR}: reads the interrupted run's results.json, whose typed
 * {@link RunSettings} (models, tasks, seed, probe, batch size, model options) the run command then
 * runs with instead of its own options, so the rest of the run goes exactly as it would have (the
 * engine keeps the finished cells and checks the settings again, {@code RunEngine#resume}).
 */
final class ResumeRun {
    /** Options whose values come from the result file when resuming. */
    private static final List<String> FROM_FILE = List.of("--models", "--tasks", "--seed", "--probe", "--batch-size",
            "--model-option", "--output", "--doa-target");

    private ResumeRun() {
    }

    /** The result file of a run folder (or the file itself). */
    static Path resultFile(Path runDirOrFile) {
        Path file = Files.isDirectory(runDirOrFile) ? runDirOrFile.resolve(ResultPaths.RESULT_FILE) : runDirOrFile;
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("--resume " + runDirOrFile + ": no " + ResultPaths.RESULT_FILE
                    + " there; expected the folder of an interrupted run (OUTPUT/<run id>)");
        }
        return file;
    }

    /** The run folder to write into. */
    static Path runDir(Path runDirOrFile) {
        return resultFile(runDirOrFile).toAbsolutePath().getParent();
    }

    /**
     * Reads the interrupted run; the command runs with its {@link RunResult#settings()}.
     *
     * @throws ConfigurationException when an option that comes from the file was also given, or the
     *                                file records no settings
     */
    static RunResult prepare(RunCommand command) {
        for (String option : FROM_FILE) {
            if (command.spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ConfigurationException("--resume takes the models, tasks, seed, probe, batch size, model "
                        + "options and output folder from " + resultFile(command.resume) + "; leave out " + option);
            }
        }
        RunResult interrupted = ResultFiles.read(resultFile(command.resume));
        if (interrupted.settings() == null) {
            throw new ConfigurationException("Cannot resume " + resultFile(command.resume) + ": it records no settings");
        }
        return interrupted;
    }

    /** Prints the leaderboard of a run that had already finished; exit code as {@code nathear run}. */
    static int alreadyFinished(RunCommand command, RunResult run) {
        PrintWriter out = command.spec.commandLine().getOut();
        out.println("Run " + run.runId() + " already finished at " + run.finishedUtc() + "; nothing to resume.");
        out.println();
        out.print(MarkdownLeaderboard.render(run));
        out.flush();
        return run.cells().stream().anyMatch(c -> c.status() == CellStatus.FAILED) ? NathearCli.EXIT_CELL_FAILED
                : NathearCli.EXIT_OK;
    }
}
