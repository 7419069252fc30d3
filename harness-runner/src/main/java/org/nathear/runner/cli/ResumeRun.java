package org.nathear.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelOptions;
import org.nathear.results.CellStatus;
import org.nathear.results.MarkdownLeaderboard;
import org.nathear.results.ResultFiles;
import org.nathear.results.RunResult;
import org.nathear.results.RunSettings;
import org.nathear.runner.eval.RunEngine;

/**
 * {@code nathear run --resume RUN_DIR}: reads the interrupted run's results.json and sets the run
 * command's models, tasks, seed, probe, batch size and model options to the ones recorded there, so
 * the rest of the run goes exactly as it would have (the engine keeps the finished cells,
 * {@code RunEngine#resume}).
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
     * Reads the interrupted run and copies its settings into {@code command}.
     *
     * @throws ConfigurationException when an option that comes from the file was also given, or the
     *                                settings cannot be restored
     */
    static RunResult prepare(RunCommand command) {
        for (String option : FROM_FILE) {
            if (command.spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ConfigurationException("--resume takes the models, tasks, seed, probe, batch size, model "
                        + "options and output folder from " + resultFile(command.resume) + "; leave out " + option);
            }
        }
        RunResult interrupted = ResultFiles.read(resultFile(command.resume));
        RunSettings s = interrupted.settings();
        if (s == null) {
            throw new ConfigurationException("Cannot resume " + resultFile(command.resume) + ": it records no settings");
        }
        command.models = new ArrayList<>(s.modelIds());
        command.tasks = new ArrayList<>(s.taskIds());
        command.seed = s.seed();
        command.probe = s.probe();
        List<String> modelOptions = new ArrayList<>();
        for (Map.Entry<String, String> e : s.options().entrySet()) {
            if (e.getKey().equals("batchSize")) {
                try {
                    command.batchSize = Integer.parseInt(e.getValue());
                } catch (NumberFormatException ex) {
                    throw new ConfigurationException("Cannot resume: setting batchSize = '" + e.getValue()
                            + "' is not an integer", ex);
                }
            } else if (e.getKey().equals(RunEngine.DOA_TARGET_SETTING)) {
                command.doaTarget = e.getValue();
            } else if (e.getKey().startsWith("model-options.")) {
                String model = e.getKey().substring("model-options.".length());
                Map<String, String> values = parseCanonical(model, e.getValue());
                values.forEach((k, v) -> modelOptions.add(model + "." + k + "=" + v));
            }
            // any other setting is compared by the engine, which names it if this nathear cannot restore it
        }
        command.modelOptionArgs = modelOptions;
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

    /** Inverts {@link ModelOptions#canonical()} ({@code {a=1, b=2}}), refusing what does not round-trip. */
    static Map<String, String> parseCanonical(String model, String canonical) {
        Map<String, String> values = new TreeMap<>();
        String inner = canonical.startsWith("{") && canonical.endsWith("}") ? canonical.substring(1, canonical.length() - 1) : null;
        if (inner != null && !inner.isEmpty()) {
            for (String pair : inner.split(", ")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    inner = null;
                    break;
                }
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        if (inner == null || !new ModelOptions(values).canonical().equals(canonical)) {
            throw new ConfigurationException("Cannot resume: the options of model " + model + " were recorded as '"
                    + canonical + "', which cannot be read back unambiguously; start a new run");
        }
        return values;
    }
}
