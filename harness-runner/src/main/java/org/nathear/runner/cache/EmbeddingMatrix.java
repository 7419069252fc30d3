package org.nathear.runner.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nathear.api.HarnessException;
import org.nathear.runner.probe.FeatureRows;

/**
 * The embeddings of one split as a memory-mapped matrix of float32 rows (one row per clip, or per
 * frame for timestamp embeddings), so probes read them from the page cache instead of the heap:
 * a 51 000 × 4096 split is 835 MB on disk and a few kilobytes of heap.
 *
 * <p>Written once with a {@link Writer} (rows appended through a 1 MB buffer), then mapped read-only
 * in chunks of at most 1 GiB (Java maps at most 2 GiB per buffer). The file is raw little-endian
 * float32, row-major, like hear-eval-kit's {@code <split>.embeddings.npy} memmap (which also has no
 * header). {@link #close()} deletes the file; the mapping itself is released by the garbage
 * collector, which on Linux is harmless after the file is unlinked.
 */
public final class EmbeddingMatrix implements FeatureRows, AutoCloseable {
    private static final long CHUNK_BYTES = 1L << 30;

    private final Path file;
    private final int rows;
    private final int dimension;
    private final int rowsPerChunk;
    private final FloatBuffer[] chunks;

    private EmbeddingMatrix(Path file, int rows, int dimension, FloatBuffer[] chunks, int rowsPerChunk) {
        this.file = file;
        this.rows = rows;
        this.dimension = dimension;
        this.chunks = chunks;
        this.rowsPerChunk = rowsPerChunk;
    }

    /** Starts a matrix file with rows of {@code dimension} floats; the file is created (and replaced). */
    public static Writer create(Path file, int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive; got " + dimension);
        }
        return new Writer(file, dimension);
    }

    /** A matrix held in a temporary file in {@code dir} (created if needed). */
    public static Writer createTemporary(Path dir, String prefix, int dimension) {
        try {
            Files.createDirectories(dir);
            return create(Files.createTempFile(dir, prefix, ".f32"), dimension);
        } catch (IOException e) {
            throw new HarnessException("Cannot create an embedding work file in " + dir + ": " + e
                    + ". Check free space and permissions (--cache-dir sets where work files go).", e);
        }
    }

    @Override
    public int size() {
        return rows;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void read(int row, float[] destination) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        chunks[row / rowsPerChunk].get((row % rowsPerChunk) * dimension, destination, 0, dimension);
    }

    /** The backing file. */
    public Path file() {
        return file;
    }

    /** Deletes the backing file. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new HarnessException("Cannot delete embedding work file " + file + ": " + e, e);
        }
    }

    /** Appends rows, then {@link #finish() maps} the file. */
    public static final class Writer implements AutoCloseable {
        private final Path file;
        private final int dimension;
        private final FileChannel channel;
        private final ByteBuffer buffer;
        private int rows;
        private boolean finished;

        private Writer(Path file, int dimension) {
            this.file = file;
            this.dimension = dimension;
            try {
                this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new HarnessException("Cannot create embedding work file " + file + ": " + e, e);
            }
            int capacity = Math.max(1 << 20, 4 * dimension);
            this.buffer = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Appends one row of exactly {@code dimension} values. */
        public void append(float[] row) {
            if (row.length != dimension) {
                throw new IllegalArgumentException("row of " + row.length + " values; the matrix has " + dimension);
            }
            if (buffer.remaining() < 4 * dimension) {
                flush();
            }
            buffer.asFloatBuffer().put(row);
            buffer.position(buffer.position() + 4 * dimension);
            rows++;
        }

        public int rows() {
            return rows;
        }

        private void flush() {
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new HarnessException("Cannot write embedding work file " + file + ": " + e
                        + ". Check free space (--cache-dir sets where work files go).", e);
            }
            buffer.clear();
        }

        /** Writes what is buffered and maps the file read-only. */
        public EmbeddingMatrix finish() {
            flush();
            finished = true;
            int rowsPerChunk = (int) Math.max(1, CHUNK_BYTES / (4L * dimension));
            int chunkCount = rows == 0 ? 0 : (rows + rowsPerChunk - 1) / rowsPerChunk;
            FloatBuffer[] chunks = new FloatBuffer[chunkCount];
            try {
                for (int c = 0; c < chunkCount; c++) {
                    long first = (long) c * rowsPerChunk;
                    long count = Math.min(rowsPerChunk, rows - first);
                    MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, first * 4 * dimension,
                            count * 4 * dimension);
                    chunks[c] = mapped.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                }
                channel.close();
            } catch (IOException e) {
                throw new HarnessException("Cannot map embedding work file " + file + ": " + e, e);
            }
            return new EmbeddingMatrix(file, rows, dimension, chunks, rowsPerChunk);
        }

        /** Closes the file; if {@link #finish()} was not called, deletes it. */
        @Override
        public void close() {
            if (finished) {
                return;
            }
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new HarnessException("Cannot remove embedding work file " + file + ": " + e, e);
            }
        }
    }
}
