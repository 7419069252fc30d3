package org.nathear.api.spi;

import java.util.Set;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.TaskKind;

/**
 * A model, found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/org.nathear.api.spi.ModelPlugin}; it needs a public no-argument
 * constructor).
 *
 * <p>Creating the plugin and calling {@link #descriptor()} must be cheap: no weights, no native
 * libraries, no network. Heavy work happens in {@link #open(ModelOptions)}.
 */
public interface ModelPlugin {

    /** What the model is. Cheap; called when listing. */
    ModelDescriptor descriptor();

    /**
     * What the model is with these options, for models whose shapes depend on them (e.g. a checkpoint
     * of another size). As cheap as {@link #descriptor()}: it may read a small file header, never
     * weights or native code. Id and version must be those of {@link #descriptor()}. The runner checks
     * embeddings against this descriptor. The default ignores the options.
     */
    default ModelDescriptor descriptor(ModelOptions options) {
        return descriptor();
    }

    /**
     * The options this model runs with on a task of {@code kind}: {@code options} (the user's) plus
     * any default the model chooses by task kind for a key the user did not set. GRAM, for example,
     * embeds a localization task with the CLS token and every other task with the mean of its patch
     * tokens (option {@code scene-embedding}). The runner describes, opens, caches and records the
     * model with the returned options, so a choice made here is part of the embedding cache key and of
     * the result. As cheap as {@link #descriptor()}; must keep every key the user set as it is. The
     * default returns {@code options} unchanged.
     */
    default ModelOptions optionsFor(TaskKind kind, ModelOptions options) {
        return options;
    }

    /** Loads the model (weights, native code) with the given options, already checked against {@link #optionNames()}. */
    OpenedModel open(ModelOptions options);

    /** Option keys the model understands; anything else is rejected before opening. */
    default Set<String> optionNames() {
        return Set.of();
    }

    /**
     * SHA-256 (hex) of the weights that {@link #open(ModelOptions)} would load with these options,
     * or a stable identifier of how they are made (e.g. the seed of a random projection). Part of
     * every cache key and of the provenance in results.
     */
    default String weightsSha256(ModelOptions options) {
        return "none";
    }
}
