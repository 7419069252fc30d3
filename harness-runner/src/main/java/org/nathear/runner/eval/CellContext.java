package org.nathear.runner.eval;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.nathear.api.DirectionTarget;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedModel;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.Probe;

/**
 * Everything a {@link CellEvaluator} needs for one (task, model) cell.
 *
 * @param task       the task (never broken here)
 * @param model      the model plugin and its origin
 * @param options    the model's options (already checked)
 * @param openModel  opens the model on first call (a fully cached cell never loads weights)
 * @param extractor  embeddings through the cache
 * @param probe      the probe the user chose
 * @param seed       the cell's seed, derived from the run seed
 * @param progress   progress lines
 * @param runDir     the run's output folder (results.json is there), or null
 * @param doaTarget  the direction target of localization cells when the user overrode the task's
 *                   ({@code --doa-target}), or null for the task's own
 */
public record CellContext(TaskEntry task, ModelEntry model, ModelOptions options, Supplier<OpenedModel> openModel,
                          EmbeddingExtractor extractor, Probe probe, long seed, Progress progress, Path runDir,
                          DirectionTarget doaTarget) {

    /** With the task's own direction target. */
    public CellContext(TaskEntry task, ModelEntry model, ModelOptions options, Supplier<OpenedModel> openModel,
                       EmbeddingExtractor extractor, Probe probe, long seed, Progress progress, Path runDir) {
        this(task, model, options, openModel, extractor, probe, seed, progress, runDir, null);
    }

    /** Without a run folder: evaluators write no side files (hear-eval-kit compatibility output). */
    public CellContext(TaskEntry task, ModelEntry model, ModelOptions options, Supplier<OpenedModel> openModel,
                       EmbeddingExtractor extractor, Probe probe, long seed, Progress progress) {
        this(task, model, options, openModel, extractor, probe, seed, progress, null);
    }

    /**
     * Where hear-eval-kit-compatible files of this cell go: {@code <run dir>/hear/<model id>/<task id>},
     * or null when the run has no folder.
     */
    public Path hearOutputDir() {
        return runDir == null ? null : runDir.resolve("hear").resolve(modelDescriptor().id()).resolve(taskDescriptor().id());
    }

    /** The direction target localization cells regress: the override, else the task's. */
    public DirectionTarget directionTarget() {
        return doaTarget != null ? doaTarget : taskDescriptor().directionTarget();
    }

    public TaskDescriptor taskDescriptor() {
        return task.plugin().descriptor();
    }

    public ModelDescriptor modelDescriptor() {
        return model.plugin().descriptor(options);
    }
}
