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
import org.nathear.api.HarnessException;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.api.spi.OpenedModel;
import org.nathear.results.CellResult;
import org.nathear.results.CellStatus;
import org.nathear.results.Provenance;
import org.nathear.results.ResultFiles;
import org.nathear.results.RunResult;
import org.nathear.results.RunSettings;
import org.nathear.runner.HarnessVersion;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.Probe;
import org.nathear.runner.util.Seeds;

/**
 * Runs models × tasks. Each (task, model) cell ends as succeeded, skipped (with a reason) or
 * failed (with a message naming what and where); one failing cell never stops the others unless
 * fail-fast is asked for. The result file is written before any heavy work and rewritten
 * atomically after every cell, so an interrupted run leaves a valid file with the cells finished so
 * far.
 */
public final class RunEngine {

    /**
     * What to run.
     *
     * @param runId     unique id of the run (see {@link #newRunId(long)})
     * @param cacheDir  embedding cache root, or null for no cache
     */
    public record Request(String runId, List<ModelEntry> models, List<TaskEntry> tasks, Map<String, ModelOptions> modelOptions,
                          long seed, Probe probe, Path resultFile, Path cacheDir, boolean failFast, int batchSize) {
        public Request {
            models = List.copyOf(models);
            tasks = List.copyOf(tasks);
            modelOptions = Map.copyOf(modelOptions);
        }
    }

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

    public RunResult run(Request request) {
        return execute(request, null);
    }

    /**
     * Finishes an interrupted run ({@code nathear run --resume}): the cells already in
     * {@code interrupted} are kept as they are, the others run with the seeds the run seed derives
     * for them, so the final scores equal those of an uninterrupted run. {@code request} must carry
     * the run's id and settings, and this process the build, JVM and libraries that started it
     * ({@link RunResume} says what differs otherwise).
     */
    public RunResult resume(Request request, RunResult interrupted) {
        return execute(request, interrupted);
    }

    private RunResult execute(Request request, RunResult interrupted) {
        Instant started = Instant.now();
        String startedUtc = DateTimeFormatter.ISO_INSTANT.format(started);
        String runId = request.runId();
        Map<String, String> options = new LinkedHashMap<>();
        request.modelOptions().forEach((model, o) -> options.put("model-options." + model, o.canonical()));
        options.put("batchSize", Integer.toString(request.batchSize()));
        RunSettings settings = new RunSettings(request.seed(), request.probe().name(),
                request.models().stream().map(m -> m.plugin().descriptor().id()).toList(),
                request.tasks().stream().map(TaskEntry::id).toList(), options);
        Provenance provenance = Provenance.current(HarnessVersion.version(), HarnessVersion.gitCommit(),
                HarnessVersion.libraries(request.models().stream().map(m -> m.plugin().getClass().getClassLoader()).toList()));
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
        // touch the result file first: an unwritable output fails before any heavy work
        ResultFiles.write(request.resultFile(), new RunResult(RunResult.SCHEMA, runId, startedUtc, null, resumedUtc,
                provenance, settings, sorted(cells)));
        EmbeddingExtractor extractor = new EmbeddingExtractor(request.cacheDir(), request.batchSize(), progress);
        for (ModelEntry model : request.models()) {
            ModelDescriptor md = model.plugin().descriptor();
            ModelOptions modelOptions = request.modelOptions().getOrDefault(md.id(), ModelOptions.NONE);
            LazyModel lazy = new LazyModel(model, modelOptions);
            try {
                for (TaskEntry task : request.tasks()) {
                    long cellSeed = Seeds.derive(request.seed(), "cell/" + task.id() + "/" + md.id());
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
                    CellResult cell;
                    try {
                        cell = runCell(task, model, modelOptions, lazy, extractor, request, cellSeed);
                    } catch (RuntimeException e) {
                        if (request.failFast()) {
                            throw e;
                        }
                        String message = e instanceof HarnessException ? e.getMessage() : e.toString();
                        cell = CellResult.notScored(td.id(), td.version(), md.id(), md.version(), CellStatus.FAILED,
                                message, td.primaryMetric().id(), cellSeed);
                    }
                    cell = cell.withTask(td.kind(), td.layout());
                    progress.line(String.format(Locale.ROOT, "[%s | %s] %s", md.id(), td.id(), describe(cell)));
                    cells.add(cell);
                    ResultFiles.write(request.resultFile(), new RunResult(RunResult.SCHEMA, runId, startedUtc, null,
                            resumedUtc, provenance, settings, sorted(cells)));
                }
            } finally {
                lazy.close();
            }
        }
        RunResult result = new RunResult(RunResult.SCHEMA, runId, startedUtc, DateTimeFormatter.ISO_INSTANT.format(Instant.now()),
                resumedUtc, provenance, settings, sorted(cells));
        ResultFiles.write(request.resultFile(), result);
        return result;
    }

    private static List<CellResult> sorted(List<CellResult> cells) {
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

    private CellResult runCell(TaskEntry taskEntry, ModelEntry model, ModelOptions options, LazyModel lazy,
                               EmbeddingExtractor extractor, Request request, long cellSeed) {
        TaskDescriptor td = taskEntry.plugin().descriptor();
        ModelDescriptor md = model.plugin().descriptor();
        CellEvaluator evaluator = evaluators.get(td.kind());
        if (evaluator == null) {
            return CellResult.notScored(td.id(), td.version(), md.id(), md.version(), CellStatus.SKIPPED,
                    "task kind " + td.kind() + " is not evaluated by this version of nathear yet; evaluated kinds: "
                            + evaluators.keySet(), td.primaryMetric().id(), cellSeed);
        }
        if (!ChannelAdapter.canAdapt(td.layout(), md)) {
            return CellResult.notScored(td.id(), td.version(), md.id(), md.version(), CellStatus.SKIPPED,
                    "not applicable: model accepts " + md.acceptedLayouts() + ", task is " + td.layout()
                            + " (no channel rule converts it)", td.primaryMetric().id(), cellSeed);
        }
        return evaluator.evaluate(new CellContext(taskEntry, model, options, lazy, extractor, request.probe(), cellSeed, progress,
                request.resultFile().toAbsolutePath().getParent()));
    }

    private java.time.Duration callTimeout = GuardedModel.DEFAULT_CALL_TIMEOUT;

    /** Limit for opening a model and for each model call; {@code null} or zero for none (see {@link GuardedModel}). */
    public RunEngine withCallTimeout(java.time.Duration timeout) {
        this.callTimeout = timeout;
        return this;
    }

    /**
     * Opens a model on first use only (a fully cached run never loads weights), behind a
     * {@link GuardedModel} (per-call timeout, exceptions and output checks); remembers a failure.
     */
    private final class LazyModel implements Supplier<OpenedModel>, AutoCloseable {
        private final ModelEntry entry;
        private final ModelOptions options;
        private OpenedModel model;
        private ModelException failure;

        LazyModel(ModelEntry entry, ModelOptions options) {
            this.entry = entry;
            this.options = options;
        }

        @Override
        public OpenedModel get() {
            if (failure != null) {
                throw failure;
            }
            if (model == null) {
                String id = entry.plugin().descriptor().id();
                try {
                    options.requireKnown(id, entry.plugin().optionNames());
                    model = GuardedModel.open(entry.plugin(), options, entry.origin(), callTimeout);
                } catch (RuntimeException e) {
                    failure = new ModelException("Model '" + id + "' (" + entry.origin() + ") failed to open: "
                            + (e instanceof HarnessException ? e.getMessage() : e.toString()), e);
                    throw failure;
                }
            }
            return model;
        }

        @Override
        public void close() {
            if (model != null) {
                model.close();
            }
        }
    }
}
