package org.nathear.tasks.spatial.noise;

import java.util.SplittableRandom;

/**
 * Where scene noise comes from: a folder of recordings ({@link FolderNoiseBank}, e.g. WHAMR!'s noise)
 * or generated textures ({@link GeneratedNoiseBank}, the default). Every clip drawn is mono, at the
 * requested rate, trimmed to at most {@value NoiseClips#MAX_SECONDS} s (a random excerpt of longer
 * clips) with 200 ms linear fades in and out, as in the paper. Thread-safe.
 */
public interface NoiseBank {

    /** Draws one clip with the given random source. */
    NoiseClip draw(SplittableRandom random, int sampleRateHz);

    /** One line for scene records. */
    String description();
}
