package org.nathear.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.nathear.api.ModelOptions;
import org.nathear.api.io.TempFiles;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.boards.HtmlLeaderboard;
import org.nathear.results.boards.Leaderboard;
import org.nathear.results.boards.MarkdownLeaderboard;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;
import org.nathear.runner.eval.Progress;
import org.nathear.runner.eval.RunConfiguration;
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

    @Mixin
    EmbeddingCacheOptions cache;

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
         * @param discovery   how the plugins of {@code run} were found, for repeating it elsewhere
         */
        RunResult execute(RunConfiguration run, RunResult interrupted, DiscoveryOptions.Resolved discovery,
                          Progress progress);
    }

    private final Executor executor;
    private final boolean local;

    /** {@code nathear run} on this machine. */
    public RunCommand() {
        this((run, interrupted, discovery, progress) -> {
            RunEngine engine = new RunEngine(progress);
            return interrupted == null ? engine.run(run) : engine.resume(run, interrupted);
        }, true);
    }

    /** The same command with another executor (same options, outputs and exit codes). */
    public RunCommand(Executor executor) {
        this(executor, false);
    }

    private RunCommand(Executor executor, boolean local) {
        this.executor = executor;
        this.local = local;
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
        RunSettings asked = interrupted == null ? askedOnTheCommandLine() : interrupted.settings();
        Probe chosenProbe = Probes.probe(asked.probe());
        DirectionTarget chosenTarget = asked.doaTarget() == null ? null : DirectionTarget.fromId(asked.doaTarget());
        PluginRegistry registry = discovery.discover(asked.modelIds());
        List<PluginRegistry.ModelEntry> modelEntries = new ArrayList<>(
                registry.select(asked.modelIds(), registry.models(), registry::model).values());
        List<PluginRegistry.TaskEntry> taskEntries;
        Suites.Selection suiteSelection = null;
        if (suite != null) {
            suiteSelection = Suites.select(suite, registry.tasks(), asked.taskIds());
            taskEntries = new ArrayList<>(suiteSelection.tasks());
        } else {
            taskEntries = Suites.checkCatalogue(new ArrayList<>(registry.select(asked.taskIds(), registry.tasks(),
                    registry::task).values()), new ArrayList<>());
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
        Map<String, ModelOptions> modelOptions = checkedModelOptions(asked, registry);
        if (local) {
            cache.localEmbeddingCache();
        }
        Path runDir;
        String runId;
        if (interrupted == null) {
            runDir = RunFolders.createExclusive(output, RunEngine.newRunId(asked.seed())); // never shared with a concurrent run
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
        RunConfiguration.Builder configuration = RunConfiguration.builder().runId(runId).models(modelEntries)
                .tasks(taskEntries).seed(asked.seed()).probe(chosenProbe)
                .batchSize(asked.batchSize() != null ? asked.batchSize() : RunSettings.Builder.DEFAULT_BATCH_SIZE)
                .resultFile(resultFile).cacheDir(cache.embeddingCache()).failFast(failFast).callTimeout(callTimeout)
                .doaTarget(chosenTarget);
        modelOptions.forEach(configuration::modelOptions);
        RunConfiguration run = configuration.build();
        RunResult result;
        try (ExitGuard guard = ExitGuard.install(resultFile, err)) {
            result = executor.execute(run, interrupted, discovery.resolve(asked.modelIds()), progress);
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

    /**
     * The settings asked for by this command's options (not yet resolved against the plugins: empty
     * model or task ids mean "every available one", and a model may be given as a folder).
     */
    private RunSettings askedOnTheCommandLine() {
        if (batchSize < 1) {
            throw new ConfigurationException("--batch-size must be at least 1; got " + batchSize);
        }
        RunSettings.Builder asked = RunSettings.builder().seed(seed).probe(probe).modelIds(models).taskIds(tasks)
                .batchSize(batchSize).doaTarget(doaTarget == null ? null : DirectionTarget.fromId(doaTarget).id());
        Map<String, Map<String, String>> raw = new LinkedHashMap<>();
        for (String arg : modelOptionArgs) {
            int dot = arg.indexOf('.');
            int eq = arg.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw new ConfigurationException("--model-option must look like MODEL.KEY=VALUE; got '" + arg + "'");
            }
            raw.computeIfAbsent(arg.substring(0, dot), k -> new HashMap<>()).put(arg.substring(dot + 1, eq),
                    arg.substring(eq + 1));
        }
        raw.forEach((model, values) -> asked.modelOptions(model, new ModelOptions(values)));
        return asked.build();
    }

    /** The asked model options, each checked against its model's plugin (the model exists and knows every key). */
    private static Map<String, ModelOptions> checkedModelOptions(RunSettings asked, PluginRegistry registry) {
        Map<String, ModelOptions> out = new LinkedHashMap<>();
        asked.modelOptions().keySet().forEach(model -> {
            ModelOptions o = asked.optionsFor(model);
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
