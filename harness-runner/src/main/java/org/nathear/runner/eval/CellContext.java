package org.nathear.runner.eval;

import java.util.function.Supplier;
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
 */
public record CellContext(TaskEntry task, ModelEntry model, ModelOptions options, Supplier<OpenedModel> openModel,
                          EmbeddingExtractor extractor, Probe probe, long seed, Progress progress) {

    public TaskDescriptor taskDescriptor() {
        return task.plugin().descriptor();
    }

    public ModelDescriptor modelDescriptor() {
        return model.plugin().descriptor(options);
    }
}
