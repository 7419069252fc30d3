package org.nathear.api;

import java.util.Set;

/**
 * What a model is, readable without loading weights or native libraries (listing uses only this).
 *
 * @param id                      model id, see {@link Ids#MODEL_ID}
 * @param version                 the model's version; part of every cache key
 * @param sampleRateHz            the rate the model expects its input at
 * @param acceptedLayouts         channel layouts the model takes as they are; others are adapted by the runner
 * @param sceneEmbeddingSize      length of one scene embedding
 * @param timestampEmbeddingSize  length of one timestamp embedding
 * @param timestampHopMillis      spacing of timestamp embeddings in milliseconds
 * @param description             one line for humans
 */
public record ModelDescriptor(String id, String version, int sampleRateHz, Set<ChannelLayout> acceptedLayouts,
                              int sceneEmbeddingSize, int timestampEmbeddingSize, double timestampHopMillis,
                              String description) {

    /** Checks every field and names the model in the message when one is invalid. */
    public ModelDescriptor {
        Ids.requireModelId(id);
        if (version == null || version.isBlank()) {
            throw new PluginException("Model '" + id + "' needs a version (it is part of every cache key)");
        }
        if (sampleRateHz <= 0) {
            throw new PluginException("Model '" + id + "' sample rate must be positive; got " + sampleRateHz);
        }
        if (acceptedLayouts == null || acceptedLayouts.isEmpty()) {
            throw new PluginException("Model '" + id + "' must accept at least one channel layout");
        }
        acceptedLayouts = Set.copyOf(acceptedLayouts);
        if (sceneEmbeddingSize <= 0 || timestampEmbeddingSize <= 0) {
            throw new PluginException("Model '" + id + "' embedding sizes must be positive; got scene="
                    + sceneEmbeddingSize + ", timestamp=" + timestampEmbeddingSize);
        }
        if (!(timestampHopMillis > 0)) {
            throw new PluginException("Model '" + id + "' timestamp hop must be positive; got " + timestampHopMillis + " ms");
        }
        description = description == null ? "" : description;
    }

    /** True when the model takes clips of this layout without adaptation. */
    public boolean accepts(ChannelLayout layout) {
        return acceptedLayouts.contains(layout);
    }
}
