package org.nathear.api;

/**
 * Timestamp embeddings of one clip: {@code [frame][dim]} with each frame's centre time in ms.
 * Arrays are copied on construction; accessors return the internal arrays (read-only by contract).
 */
public record FrameEmbeddings(float[][] embeddings, double[] timestampsMillis) {
    /** Checks that there is one timestamp per frame and copies the arrays. */
    public FrameEmbeddings {
        if (embeddings == null || timestampsMillis == null || embeddings.length != timestampsMillis.length) {
            throw new ModelException("Timestamp embeddings need one timestamp per frame; got "
                    + (embeddings == null ? "no" : embeddings.length) + " frames and "
                    + (timestampsMillis == null ? "no" : timestampsMillis.length) + " timestamps");
        }
        float[][] copy = new float[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            copy[i] = embeddings[i].clone();
        }
        embeddings = copy;
        timestampsMillis = timestampsMillis.clone();
    }

    /** Number of frames (rows). */
    public int frameCount() {
        return embeddings.length;
    }
}
