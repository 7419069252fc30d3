package org.nathear.api.spi;

import java.util.List;
import java.util.OptionalLong;
import org.nathear.api.AudioClip;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;

/**
 * A loaded model, mirroring the HEAR API. Clips arrive at {@link ModelDescriptor#sampleRateHz()} in
 * one of {@link ModelDescriptor#acceptedLayouts()}; clips of one call may differ in length.
 * Implementations must be deterministic: the same clip gives the same embedding.
 */
public interface OpenedModel extends AutoCloseable {

    /** The descriptor of the model as opened (with its options applied). */
    ModelDescriptor descriptor();

    /** One embedding of {@link ModelDescriptor#sceneEmbeddingSize()} floats per clip, in input order. */
    float[][] sceneEmbeddings(List<AudioClip> clips);

    /**
     * Per clip, embeddings of {@link ModelDescriptor#timestampEmbeddingSize()} floats at a regular
     * hop of {@link ModelDescriptor#timestampHopMillis()}, with frame centre times in milliseconds
     * that lie within the clip.
     */
    List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips);

    /**
     * How many values the model's weights hold (trainable and frozen parameters), for the leaderboard's
     * model facts; empty when unknown, which is the default. A model with no learned weights returns 0.
     */
    default OptionalLong parameterCount() {
        return OptionalLong.empty();
    }

    /** Releases native resources. The default does nothing. */
    @Override
    default void close() {
    }
}
