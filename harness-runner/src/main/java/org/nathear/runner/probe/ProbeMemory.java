package org.nathear.runner.probe;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.nathear.api.ConfigurationException;

/**
 * The heap a probe fit will need, estimated from its shape before anything is allocated, and the
 * check that fails the cell with a clear message when the heap cannot hold it (instead of an
 * {@link OutOfMemoryError} that ends the whole run).
 *
 * <p>The estimates count the large arrays only — the optimiser's copies of the weights, the
 * training buffers, the predictions and ranking scores of the scored rows — and round up; small
 * objects are covered by the 25 % margin in {@link #require}. Embeddings themselves are
 * memory-mapped and not on the heap.
 */
public final class ProbeMemory {
    /** System property: a cap in bytes on the heap one probe fit may plan for (default: all the free heap). */
    public static final String HEAP_CAP_PROPERTY = "nathear.probe.heapBytes";
    private static final double MARGIN = 1.25;

    private ProbeMemory() {
    }

    /**
     * The shape of a fit.
     *
     * @param rows        training rows
     * @param scoredRows  the most rows predicted at once (the largest of train, valid and test)
     * @param features    values per row
     * @param outputs     classes (or regression outputs)
     */
    public record Shape(long rows, long scoredRows, long features, long outputs) {
        /** Predictions and ranking scores of the scored rows, in double precision. */
        long predictionBytes() {
            return 2L * 8 * scoredRows * outputs;
        }
    }

    /**
     * A linear model trained with Tribuo's SGD: Tribuo's sparse copy of the training rows (index and
     * value per feature), four copies of the {@code outputs × (features + 1)} double weight matrix
     * (weights, AdaGrad state, accumulated and per-example gradients), and the predictions.
     */
    public static long linearSgd(Shape s) {
        return s.rows * s.features * 16 + 4L * 8 * s.outputs * (s.features + 1) + s.predictionBytes();
    }

    /**
     * An MLP ({@link MlpNetwork}): six float copies of the parameters (weights, gradient, two Adam
     * moments, the best epoch's snapshot and the model's own copy), the training buffers of one
     * batch and the predictions.
     */
    public static long mlp(Shape s, int hidden, int hiddenLayers, int batch) {
        long h = hiddenLayers == 0 ? 0 : hidden;
        long inToOut = hiddenLayers == 0 ? s.features * s.outputs
                : s.features * h + (hiddenLayers - 1L) * h * h + h * s.outputs;
        long parameters = 6L * 4 * inToOut;
        long buffers = 4L * batch * (s.features + 4L * h * hiddenLayers + 2 * s.outputs);
        return parameters + buffers + s.predictionBytes() + 4L * 1024 * s.outputs;
    }

    /** Fails with a {@link ConfigurationException} naming the need and {@code -Xmx} when the heap cannot hold {@code bytes}. */
    public static void require(String probe, Shape shape, long bytes) {
        require(probe, shape, bytes, ProbeMemory::availableHeap);
    }

    static void require(String probe, Shape shape, long bytes, LongSupplier available) {
        long need = (long) Math.ceil(bytes * MARGIN);
        long free = available.getAsLong();
        if (need <= free) {
            return;
        }
        System.gc(); // the free figure counts garbage as used; look once more before refusing
        free = available.getAsLong();
        if (need <= free) {
            return;
        }
        long max = Runtime.getRuntime().maxMemory();
        long suggested = Math.max(1, (long) Math.ceil((max - free + need) / (double) (1L << 30)));
        throw new ConfigurationException(String.format(Locale.ROOT,
                "Probe '%s' needs about %s of heap for %,d training rows × %,d features × %,d outputs "
                        + "(%,d rows scored at once); only %s of the %s maximum heap is free. Raise the heap with "
                        + "-Xmx (e.g. JAVA_OPTS=-Xmx%dg for the nathear launcher), or reduce the vocabulary or rows.",
                probe, size(need), shape.rows, shape.features, shape.outputs, shape.scoredRows, size(free), size(max),
                suggested));
    }

    /** Heap the JVM can still give (the maximum less what is in use), at most {@link #HEAP_CAP_PROPERTY} when set. */
    static long availableHeap() {
        Runtime rt = Runtime.getRuntime();
        long free = Math.max(0, rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
        String cap = System.getProperty(HEAP_CAP_PROPERTY);
        if (cap != null && !cap.isBlank()) {
            try {
                free = Math.min(free, Long.parseLong(cap.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("System property " + HEAP_CAP_PROPERTY + " must be a number of bytes; got '"
                        + cap + "'");
            }
        }
        return free;
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MiB", Math.ceil(bytes / (double) (1L << 20)));
    }
}
