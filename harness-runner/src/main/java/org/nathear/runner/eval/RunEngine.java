package org.nathear.runner.eval;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.nathear.api.HarnessException;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.api.spi.OpenedModel;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.Provenance;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;
import org.nathear.api.util.Seeds;
import org.nathear.runner.HarnessVersion;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.Probe;

/**
 * Runs models × tasks. Each (task, model) cell ends as succeeded, skipped (with a reason) or
 * failed (with a message naming what and where); one failing cell never stops the others unless
 * fail-fast is asked for. The result file is written before any heavy work and rewritten
 * atomically after every cell, so an interrupted run leaves a valid file with the cells finished so
 * far.
 */
public final class RunEngine {

    private final Progress progress;
    private final Map<TaskKind, CellEvaluator> evaluators = new EnumMap<>(TaskKind.class);

    /** A run id from the current UTC time and the seed, e.g. {@code 20261127T153000Z-seed42}. */
    public static String newRunId(long seed) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.now()) + "-seed" + seed;
    }

    public RunEngine(Progress progress) {
        this.progress = progress;
        SceneCellEvaluator scene = new SceneCellEvaluator();
        evaluators.put(TaskKind.SCENE_MULTICLASS, scene);
        evaluators.put(TaskKind.SCENE_MULTILABEL, scene);
        evaluators.put(TaskKind.LOCALIZATION, new LocalizationCellEvaluator());
        evaluators.put(TaskKind.EVENT, new EventCellEvaluator());
    }

    public RunResult run(RunConfiguration request) {
        return execute(request, null);
    }

    /**
     * Finishes an interrupted run ({@code nathear run --resume}): the cells already in
     * {@code interrupted} are kept as they are, the others run with the seeds the run seed derives
     * for them, so the final scores equal those of an uninterrupted run. {@code request} must carry
     * the run's id and settings, and this process the build, JVM and libraries that started it
     * ({@link RunResume} says what differs otherwise).
     */
    public RunResult resume(RunConfiguration request, RunResult interrupted) {
        return execute(request, interrupted);
    }

    private RunResult execute(RunConfiguration request, RunResult interrupted) {
        Instant started = Instant.now();
        String startedUtc = DateTimeFormatter.ISO_INSTANT.format(started);
        String runId = request.runId();
        RunSettings settings = request.settings();
        Provenance provenance = provenanceOf(request);
        List<CellResult> cells = new ArrayList<>();
        List<String> resumedUtc = new ArrayList<>();
        RunResume resume = null;
        if (interrupted != null) {
            resume = RunResume.check(interrupted, runId, settings, provenance);
            cells.addAll(interrupted.cells());
            resumedUtc.addAll(interrupted.resumedUtc());
            resumedUtc.add(startedUtc);
            startedUtc = interrupted.startedUtc();
            provenance = interrupted.provenance();
            progress.line("resuming run " + runId + ": " + resume.cellsDone() + " cell(s) kept");
        }
        try (EmbeddingExtractor extractor = new EmbeddingExtractor(request.cacheDir(), request.batchSize(), progress)) {
            if (interrupted != null) {
                refuseChangedData(request, interrupted, extractor);
            }
            return execute(request, runId, startedUtc, resumedUtc, provenance, settings, cells, resume, extractor);
        }
    }

    /**
     * The checks {@link #resume} makes before it runs anything, for another executor of the same run
     * ({@code nathear-spark run --resume}): the same run id, settings, build and platform, and unchanged
     * data for every task with kept cells.
     *
     * @param extractor where the tasks' data hashes are computed (its cache holds the source manifests)
     * @throws ConfigurationException saying what differs and what to do
     */
    public static void checkResumable(RunConfiguration request, RunResult interrupted, EmbeddingExtractor extractor) {
        RunResume.check(interrupted, request.runId(), request.settings(), provenanceOf(request));
        refuseChangedData(request, interrupted, extractor);
    }

    /**
     * Refuses to resume when a task with kept cells now has different data (labels, audio, clips) than
     * when those cells were scored, naming the task and what changed.
     */
    private static void refuseChangedData(RunConfiguration request, RunResult interrupted, EmbeddingExtractor extractor) {
        Path runDir = request.runDir();
        for (TaskEntry task : request.tasks()) {
            if (task.isBroken()) {
                continue;
            }
            List<CellResult> kept = interrupted.cells().stream()
                    .filter(c -> c.taskId().equals(task.id()) && c.taskDataHash() != null).toList();
            if (kept.isEmpty()) {
                continue;
            }
            TaskData now;
            try (var opened = task.plugin().open()) {
                now = extractor.taskData(opened);
            }
            if (now == null) {
                continue; // a task without stored files: its hash depends on the model; nothing to compare here
            }
            for (CellResult cell : kept) {
                if (!cell.taskDataHash().equals(now.hash())) {
                    List<String> earlier = TaskData.readRows(runDir, task.id());
                    String what = earlier != null && TaskData.hashOf(earlier).equals(cell.taskDataHash())
                            ? now.describeChangesSince(earlier)
                            : "its data hash was " + cell.taskDataHash() + ", now " + now.hash();
                    throw new ConfigurationException("Cannot resume run " + interrupted.runId() + ": the data of task '"
                            + task.id() + "' changed since its cells were scored (" + what + "). Scores from old and new "
                            + "data would mix; restore the task's data or start a new run");
                }
            }
        }
    }

    private RunResult execute(RunConfiguration request, String runId, String startedUtc, List<String> resumedUtc, Provenance provenance,
                              RunSettings settings, List<CellResult> cells, RunResume resume, EmbeddingExtractor extractor) {
        // touch the result file first: an unwritable output fails before any heavy work
        ResultFiles.write(request.resultFile(), new RunResult(RunResult.SCHEMA, runId, startedUtc, null, resumedUtc,
                provenance, settings, sorted(cells)));
        if (shareAudio) {
            announceSharedAudio(request, resume, extractor);
        }
        for (ModelEntry model : request.models()) {
            ModelDescriptor md = model.plugin().descriptor();
            ModelOptions modelOptions = request.optionsFor(md.id());
            LazyModel lazy = new LazyModel(model, modelOptions, request.callTimeout());
            try {
                for (TaskEntry task : request.tasks()) {
                    long cellSeed = cellSeed(request.seed(), task.id(), md.id());
                    if (resume != null && resume.isDone(task.id(), md.id())) {
                        continue;
                    }
                    if (task.isBroken()) {
                        CellResult cell = CellResult.notScored(task.id(), "unknown", md.id(), md.version(), CellStatus.FAILED,
                                task.error(), "unknown", cellSeed);
                        progress.line(String.format(Locale.ROOT, "[%s | %s] %s", md.id(), task.id(), describe(cell)));
                        cells.add(cell);
                        continue;
                    }
                    TaskDescriptor td = task.plugin().descriptor();
                    progress.line(String.format(Locale.ROOT, "[%s | %s] %s, %s", md.id(), td.id(), td.kind(), td.splitMode().hearName()));
                    CellResult cell = evaluateCell(task, model, modelOptions, lazy, extractor, request.probe(), cellSeed,
                            request.runDir(), request.failFast(), request.doaTarget());
                    progress.line(String.format(Locale.ROOT, "[%s | %s] %s", md.id(), td.id(), describe(cell)));
                    cells.add(cell);
                    ResultFiles.write(request.resultFile(), new RunResult(RunResult.SCHEMA, runId, startedUtc, null,
                            resumedUtc, provenance, settings, sorted(cells)));
                }
            } finally {
                lazy.close();
            }
        }
        progress.line(extractor.audioSummary());
        RunResult result = new RunResult(RunResult.SCHEMA, runId, startedUtc, DateTimeFormatter.ISO_INSTANT.format(Instant.now()),
                resumedUtc, provenance, settings, sorted(cells));
        ResultFiles.write(request.resultFile(), result);
        return result;
    }

    /**
     * Tells the extractor how many cells of this run will read each task's audio at each sample
     * rate, so audio decoded and resampled for the first of several models at one rate is kept for
     * the others ({@link EmbeddingExtractor#shareAudio}). Only cells that will be evaluated count.
     */
    private void announceSharedAudio(RunConfiguration request, RunResume resume, EmbeddingExtractor extractor) {
        for (TaskEntry task : request.tasks()) {
            if (task.isBroken()) {
                continue;
            }
            TaskDescriptor td = task.plugin().descriptor();
            if (!evaluators.containsKey(td.kind())) {
                continue;
            }
            Map<Integer, Integer> cellsByRate = new java.util.TreeMap<>();
            for (ModelEntry model : request.models()) {
                try {
                    ModelDescriptor md = model.plugin().descriptor();
                    if ((resume != null && resume.isDone(td.id(), md.id())) || !ChannelAdapter.canAdapt(td.layout(), md)) {
                        continue;
                    }
                    ModelOptions user = request.optionsFor(md.id());
                    int rate = model.plugin().descriptor(model.plugin().optionsFor(td.kind(), user)).sampleRateHz();
                    cellsByRate.merge(rate, 1, Integer::sum);
                } catch (RuntimeException e) {
                    // the cell fails with this error when it runs; it reads no audio
                }
            }
            cellsByRate.forEach((rate, n) -> {
                if (n > 1) {
                    extractor.shareAudio(td.id(), rate, n);
                }
            });
        }
    }

    /** The provenance (build, JVM, libraries) of a run of {@code request} in this process. */
    public static Provenance provenanceOf(RunConfiguration request) {
        return Provenance.current(HarnessVersion.version(), HarnessVersion.gitCommit(),
                HarnessVersion.libraries(request.models().stream().map(m -> m.plugin().getClass().getClassLoader()).toList()));
    }

    /** Cells in result-file order: by task id, then model id. */
    public static List<CellResult> sorted(List<CellResult> cells) {
        List<CellResult> out = new ArrayList<>(cells);
        out.sort(java.util.Comparator.comparing(CellResult::taskId).thenComparing(CellResult::modelId));
        return out;
    }

    private static String describe(CellResult cell) {
        return switch (cell.status()) {
            case SUCCEEDED -> String.format(Locale.ROOT, "%s = %.4f", cell.primaryMetric(), cell.primaryScore());
            case SKIPPED -> "skipped: " + cell.message();
            case FAILED -> "FAILED: " + cell.message();
        };
    }

    /** The seed of cell (task, model), derived from the run seed. */
    public static long cellSeed(long runSeed, String taskId, String modelId) {
        return Seeds.derive(runSeed, "cell/" + taskId + "/" + modelId);
    }

    /**
     * Evaluates one cell of a (non-broken) task exactly as {@link #run} does: an exception becomes a
     * failed cell with its message (rethrown under fail-fast), and the result names the task's kind
     * and layout. Other executors of a run (the Spark job) call this for each cell.
     *
     * @param options   the user's options for the model; the plugin may add defaults by task kind
     *                  ({@code ModelPlugin.optionsFor}), and the cell runs with those
     * @param lazy      the model, opened on first use with the cell's options
     * @param runDir    the run folder (hear-eval-kit files go below it), or null for none
     */
    public CellResult evaluateCell(TaskEntry taskEntry, ModelEntry model, ModelOptions options, LazyModel lazy,
                                   EmbeddingExtractor extractor, Probe probe, long cellSeed, Path runDir, boolean failFast) {
        return evaluateCell(taskEntry, model, options, lazy, extractor, probe, cellSeed, runDir, failFast, null);
    }

    /**
     * As {@link #evaluateCell(TaskEntry, ModelEntry, ModelOptions, LazyModel, EmbeddingExtractor, Probe, long, Path,
     * boolean)}, with the run's {@code --doa-target} ({@code null}: each task's own).
     */
    public CellResult evaluateCell(TaskEntry taskEntry, ModelEntry model, ModelOptions options, LazyModel lazy,
                                   EmbeddingExtractor extractor, Probe probe, long cellSeed, Path runDir, boolean failFast,
                                   DirectionTarget doaTarget) {
        TaskDescriptor td = taskEntry.plugin().descriptor();
        ModelDescriptor md = model.plugin().descriptor();
        CellResult cell;
        try {
            CellEvaluator evaluator = evaluators.get(td.kind());
            if (!ChannelAdapter.canAdapt(td.layout(), md)) {
                cell = CellResult.notScored(td.id(), td.version(), md.id(), md.version(), CellStatus.SKIPPED,
                        "not applicable: model accepts " + md.acceptedLayouts() + ", task is " + td.layout()
                                + " (no channel rule converts it)", td.primaryMetric().id(), cellSeed);
            } else if (evaluator == null) {
                cell = CellResult.notScored(td.id(), td.version(), md.id(), md.version(), CellStatus.SKIPPED,
                        "task kind " + td.kind() + " is not evaluated by this version of nathear yet; evaluated kinds: "
                                + evaluators.keySet(), td.primaryMetric().id(), cellSeed);
            } else {
                ModelOptions cellOptions = model.plugin().optionsFor(td.kind(), options);
                cell = evaluator.evaluate(new CellContext(taskEntry, model, cellOptions, lazy.with(cellOptions), extractor, probe,
                        cellSeed, progress, runDir, doaTarget));
            }
        } catch (RuntimeException e) {
            if (failFast) {
                throw new FailFastStop(td.id(), md.id(), e);
            }
            String message = e instanceof HarnessException ? e.getMessage() : e.toString();
            cell = CellResult.notScored(td.id(), td.version(), md.id(), md.version(), CellStatus.FAILED,
                    message, td.primaryMetric().id(), cellSeed);
        }
        return cell.withTask(td.kind(), td.layout());
    }

    private boolean shareAudio = true;

    /**
     * Whether a run keeps audio decoded and resampled for one model for the other models at the same
     * rate (default true; see {@link EmbeddingExtractor#shareAudio}). Scores are the same either way.
     */
    public RunEngine withSharedAudio(boolean share) {
        this.shareAudio = share;
        return this;
    }

    /**
     * Opens a model on first use only (a fully cached run never loads weights), behind a
     * {@link GuardedModel} (per-call timeout, exceptions and output checks); remembers a failure. One
     * opened model per distinct set of options ({@link #with}: a plugin may choose options by task
     * kind), all closed at the end of the model's cells.
     */
    public static final class LazyModel implements AutoCloseable {
        private final ModelEntry entry;
        private final ModelOptions userOptions;
        private final java.time.Duration callTimeout;
        private final Map<ModelOptions, OpenedModel> opened = new LinkedHashMap<>();
        private final Map<ModelOptions, ModelException> failures = new LinkedHashMap<>();

        /**
         * @param userOptions the options the user gave for this model
         * @param callTimeout limit for opening and for each call; {@code null} or zero for none
         */
        public LazyModel(ModelEntry entry, ModelOptions userOptions, java.time.Duration callTimeout) {
            this.entry = entry;
            this.userOptions = userOptions;
            this.callTimeout = callTimeout;
        }

        /** Opens (on first call) the model with the options of one cell. */
        public Supplier<OpenedModel> with(ModelOptions options) {
            return () -> get(options);
        }

        private synchronized OpenedModel get(ModelOptions options) {
            ModelException failure = failures.get(options);
            if (failure != null) {
                throw failure;
            }
            OpenedModel model = opened.get(options);
            if (model == null) {
                String id = entry.plugin().descriptor().id();
                try {
                    options.requireKnown(id, entry.plugin().optionNames());
                    model = GuardedModel.open(entry.plugin(), options, entry.origin(), callTimeout);
                    opened.put(options, model);
                } catch (RuntimeException e) {
                    failure = new ModelException("Model '" + id + "' (" + entry.origin() + ") failed to open"
                            + (options.equals(userOptions) ? "" : " with options " + options.canonical()) + ": "
                            + (e instanceof HarnessException ? e.getMessage() : e.toString()), e);
                    failures.put(options, failure);
                    throw failure;
                }
            }
            return model;
        }

        @Override
        public synchronized void close() {
            opened.values().forEach(OpenedModel::close);
        }
    }
}
