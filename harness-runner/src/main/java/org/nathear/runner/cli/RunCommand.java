package org.nathear.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.nathear.api.ModelOptions;
import org.nathear.api.io.TempFiles;
import org.nathear.results.CellStatus;
import org.nathear.results.HtmlLeaderboard;
import org.nathear.results.Leaderboard;
import org.nathear.results.MarkdownLeaderboard;
import org.nathear.results.RunResult;
import org.nathear.runner.eval.Progress;
import org.nathear.runner.eval.RunEngine;
import org.nathear.runner.eval.SuiteReport;
import org.nathear.runner.eval.Suites;
import org.nathear.runner.plugins.PluginRegistry;
import org.nathear.runner.probe.Probe;
import org.nathear.runner.probe.Probes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nathear run}: models × tasks → results JSON and a Markdown leaderboard. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Evaluate models on tasks: frozen embeddings (cached), a linear probe per task chosen on valid, "
                + "scores on test (k-fold tasks rotate test = fold i, valid = fold i+1).",
                "Without --tasks-dir the built-in demo suite is used: mono tasks (HEAR), their Nat-HEAR binaural and FOA "
                        + "versions and localization tasks, generated on first use into the data folder."},
        footer = {"", "Writes OUTPUT/<run id>/results.json, leaderboard.md and leaderboard.html and prints the leaderboard.",
                "Exit codes: 0 all cells succeeded or were skipped, 1 a cell failed (the others finished), 2 bad usage "
                        + "(also: --resume of a run whose settings, build or platform differ), 5 a plugin ended the JVM with "
                        + "System.exit before the run finished (results.json keeps the finished cells; --resume completes it)."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    DiscoveryOptions discovery;

    @Option(names = {"-m", "--models"}, split = ",", paramLabel = "ID",
            description = "Model ids, or model folders as SCHEME:PATH (e.g. onnx:./my-model), comma-separated. Default: every available model.")
    List<String> models = new ArrayList<>();

    @Option(names = {"-t", "--tasks"}, split = ",", paramLabel = "ID", description = "Task ids (comma-separated). Default: every available task.")
    List<String> tasks = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "nathear-results",
            description = "Folder for run results (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Embedding cache. Default: $NATHEAR_CACHE_DIR, else $XDG_CACHE_HOME/nathear/embeddings, "
                    + "else ~/.cache/nathear/embeddings.")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the embedding cache.")
    boolean noCache;

    @Option(names = "--seed", defaultValue = "42", description = "Run seed; every cell's seed derives from it (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--probe", defaultValue = "linear", description = "Probe: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = ProbeNames.class)
    String probe;

    @Option(names = "--doa-target", paramLabel = "unit-vector|az-el",
            description = "What localization probes regress, for every localization task: unit-vector or az-el "
                    + "([azimuth, elevation]); default: each task's own (task_metadata.json 'direction_target', else unit-vector).")
    String doaTarget;

    @Option(names = "--suite", paramLabel = "NAME",
            description = "Run a named suite: 'hear' = the GRAM paper's 11 HEAR tasks, found in --tasks-dir; missing ones are listed.")
    String suite;

    @Option(names = "--batch-size", defaultValue = "16", description = "Clips per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--model-option", paramLabel = "MODEL.KEY=VALUE", description = "An option for one model. Repeatable.")
    List<String> modelOptionArgs = new ArrayList<>();

    @Option(names = "--call-timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Limit for opening a model and for each model call (e.g. 90s, 10m, 1h; 0 = none). A model that"
                    + " exceeds it fails its cells and is not called again in this run (default: ${DEFAULT-VALUE}).")
    java.time.Duration callTimeout;

    @Option(names = "--fail-fast", description = "Stop at the first failing cell instead of finishing the others.")
    boolean failFast;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Finish an interrupted run: keep the cells in "
            + "RUN_DIR/results.json and run the others with the run's recorded settings and seeds.")
    Path resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * What carries out the planned run: the local {@link RunEngine} by default; {@code nathear-spark}
     * passes one that runs the same cells on a Spark cluster.
     */
    public interface Executor {
        /**
         * @param interrupted the run being resumed ({@code --resume}), or null
         * @param discovery   how the plugins of {@code request} were found, for repeating it elsewhere
         */
        RunResult execute(RunEngine.Request request, RunResult interrupted, DiscoveryOptions.Resolved discovery,
                          Progress progress, java.time.Duration callTimeout);
    }

    private final Executor executor;

    /** {@code nathear run} on this machine. */
    public RunCommand() {
        this((request, interrupted, discovery, progress, timeout) -> {
            RunEngine engine = new RunEngine(progress).withCallTimeout(timeout);
            return interrupted == null ? engine.run(request) : engine.resume(request, interrupted);
        });
    }

    /** The same command with another executor (same options, outputs and exit codes). */
    public RunCommand(Executor executor) {
        this.executor = executor;
    }

    /** Probe names for help and completion. */
    static final class ProbeNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ProbeNames() {
            super(Probes.names());
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunResult interrupted = resume == null ? null : ResumeRun.prepare(this);
        if (interrupted != null && interrupted.finishedUtc() != null) {
            return ResumeRun.alreadyFinished(this, interrupted);
        }
        if (batchSize < 1) {
            throw new ConfigurationException("--batch-size must be at least 1; got " + batchSize);
        }
        Probe chosenProbe = Probes.probe(probe);
        DirectionTarget chosenTarget = doaTarget == null ? null : DirectionTarget.fromId(doaTarget);
        PluginRegistry registry = discovery.discover(models);
        List<PluginRegistry.ModelEntry> modelEntries = new ArrayList<>(
                registry.select(models, registry.models(), registry::model).values());
        List<PluginRegistry.TaskEntry> taskEntries;
        Suites.Selection suiteSelection = null;
        if (suite != null) {
            suiteSelection = Suites.select(suite, registry.tasks(), tasks);
            taskEntries = new ArrayList<>(suiteSelection.tasks());
        } else {
            taskEntries = Suites.checkCatalogue(new ArrayList<>(registry.select(tasks, registry.tasks(), registry::task).values()),
                    new ArrayList<>());
        }
        if (modelEntries.isEmpty()) {
            throw new ConfigurationException("No models available. Add a plugin jar with --plugins DIR.");
        }
        if (taskEntries.isEmpty() && suiteSelection != null) {
            throw new ConfigurationException("None of the " + suiteSelection.expected().size() + " tasks of suite '" + suite
                    + "' was found in " + discovery.tasksDirs + "; expected task folders named " + suiteSelection.expected()
                    + " (hear-preprocess output, e.g. from the HEAR 2021 Zenodo archives)");
        }
        if (taskEntries.isEmpty()) {
            throw new ConfigurationException("No tasks found" + (discovery.tasksDirs.isEmpty() ? "" : " in " + discovery.tasksDirs)
                    + ". A task folder holds task_metadata.json, labelvocabulary.csv, <split>.json and <rate>/<split>/*.wav.");
        }
        Map<String, ModelOptions> options = parseModelOptions(registry);
        Path runDir;
        String runId;
        if (interrupted == null) {
            runDir = RunFolders.createExclusive(output, RunEngine.newRunId(seed)); // never shared with a concurrent run
            runId = runDir.getFileName().toString();
        } else {
            runId = interrupted.runId();
            runDir = ResumeRun.runDir(resume);
            try {
                Files.createDirectories(runDir);
            } catch (IOException e) {
                throw new ConfigurationException("Cannot create output folder " + runDir + ": " + e, e);
            }
        }
        Path resultFile = runDir.resolve("results.json");
        Progress progress = Progress.forStream(err, Verbosity.of(spec).quiet());
        if (suiteSelection != null) {
            SuiteReport.write(runDir, suite, suiteSelection, discovery.tasksDirs, err);
        }
        progress.line("nathear run " + runId + ": " + modelEntries.size() + " model(s) x " + taskEntries.size() + " task(s)");
        RunEngine.Request request = new RunEngine.Request(runId, modelEntries, taskEntries, options, seed,
                chosenProbe, resultFile, noCache ? null : cacheDir(), failFast, batchSize, chosenTarget);
        RunResult result;
        try (ExitGuard guard = ExitGuard.install(resultFile, err)) {
            result = executor.execute(request, interrupted, discovery.resolve(models), progress, callTimeout);
        }
        Leaderboard board = Leaderboard.of(List.of(result));
        String leaderboard = MarkdownLeaderboard.render(board);
        writeAtomically(runDir.resolve("leaderboard.md"), leaderboard);
        writeAtomically(runDir.resolve("leaderboard.html"), HtmlLeaderboard.render(board));
        out.println();
        out.print(leaderboard);
        out.println();
        if (suiteSelection != null && !suiteSelection.missing().isEmpty()) {
            out.println("Suite '" + suite + "': " + suiteSelection.missing().size() + " of " + suiteSelection.expected().size()
                    + " tasks missing from " + discovery.tasksDirs + ": " + String.join(", ", suiteSelection.missing()));
        }
        out.println("Results: " + resultFile.toAbsolutePath());
        out.flush();
        boolean anyFailed = result.cells().stream().anyMatch(c -> c.status() == CellStatus.FAILED);
        return anyFailed ? NathearCli.EXIT_CELL_FAILED : NathearCli.EXIT_OK;
    }

    private Path cacheDir() {
        if (cacheDir != null) {
            return cacheDir;
        }
        return CacheDirs.system().embeddings();
    }

    private Map<String, ModelOptions> parseModelOptions(PluginRegistry registry) {
        Map<String, Map<String, String>> raw = new HashMap<>();
        for (String arg : modelOptionArgs) {
            int dot = arg.indexOf('.');
            int eq = arg.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw new ConfigurationException("--model-option must look like MODEL.KEY=VALUE; got '" + arg + "'");
            }
            String model = arg.substring(0, dot);
            registry.model(model);
            raw.computeIfAbsent(model, k -> new HashMap<>()).put(arg.substring(dot + 1, eq), arg.substring(eq + 1));
        }
        Map<String, ModelOptions> out = new HashMap<>();
        raw.forEach((model, values) -> {
            ModelOptions o = new ModelOptions(values);
            o.requireKnown(model, registry.model(model).plugin().optionNames());
            out.put(model, o);
        });
        return out;
    }

    private static void writeAtomically(Path file, String text) {
        try {
            TempFiles.writeString(file, text);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write " + file + ": " + e, e);
        }
    }
}
