package org.nathear.runner.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nathear.api.ClipRef;
import org.nathear.api.Label;
import org.nathear.runner.cache.EmbeddingCache.CachedEmbedding;
import org.nathear.runner.cache.EmbeddingMatrix;

/**
 * Last stage of extraction: receives each clip's embedding in task order and writes the split into
 * a memory-mapped {@link EmbeddingMatrix} in the work folder (one row per clip for scene
 * embeddings, one row per frame for timestamp embeddings), so a split never sits on the heap.
 * {@link #finish} hands the matrix over; {@link #close} before it deletes the work file.
 *
 * @param <S> the finished split
 */
abstract class SplitMatrixWriter<S> implements AutoCloseable {
    protected final String split;
    protected final EmbeddingMatrix.Writer writer;
    protected final List<String> ids = new ArrayList<>();
    protected final List<Label> labels = new ArrayList<>();

    private SplitMatrixWriter(Path workDir, String prefix, String split, int dimension) {
        this.split = split;
        this.writer = EmbeddingMatrix.createTemporary(workDir, prefix + split + "-", dimension);
    }

    /** The next clip of the split (clips arrive in task order). */
    void accept(ClipRef clip, CachedEmbedding embedding) {
        ids.add(clip.id());
        labels.add(clip.label());
        append(embedding);
    }

    protected abstract void append(CachedEmbedding embedding);

    /** The finished split; its matrix now belongs to the caller. */
    abstract S finish();

    @Override
    public void close() {
        writer.close();
    }

    /** Scene embeddings: one row per clip. */
    static SplitMatrixWriter<EmbeddingExtractor.SplitRows> sceneRows(Path workDir, String split, int dimension) {
        return new SplitMatrixWriter<>(workDir, "scene-", split, dimension) {
            @Override
            protected void append(CachedEmbedding embedding) {
                writer.append(embedding.frames()[0]);
            }

            @Override
            EmbeddingExtractor.SplitRows finish() {
                return new EmbeddingExtractor.SplitRows(split, ids, labels, writer.finish());
            }
        };
    }

    /** Timestamp embeddings: every clip's frames one after the other, with offsets, frame times and clip durations. */
    static SplitMatrixWriter<EmbeddingExtractor.SplitFrames> timestampFrames(Path workDir, String split, int dimension) {
        return new SplitMatrixWriter<>(workDir, "frames-", split, dimension) {
            private final List<Integer> first = new ArrayList<>();
            private final DoubleList times = new DoubleList();
            private final DoubleList durations = new DoubleList();

            @Override
            protected void append(CachedEmbedding embedding) {
                first.add(writer.rows());
                for (float[] frame : embedding.frames()) {
                    writer.append(frame);
                }
                times.addAll(embedding.timesMillis());
                durations.add(embedding.durationMillis());
            }

            @Override
            EmbeddingExtractor.SplitFrames finish() {
                first.add(writer.rows());
                return new EmbeddingExtractor.SplitFrames(split, ids, labels, writer.finish(),
                        first.stream().mapToInt(Integer::intValue).toArray(), times.toArray(), durations.toArray());
            }
        };
    }

    /** A growable array of doubles. */
    private static final class DoubleList {
        private double[] values = new double[1024];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(double[] vs) {
            for (double v : vs) {
                add(v);
            }
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
