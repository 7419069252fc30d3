package org.nathear.runner.probe;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The matrix products of the MLP probes, on netlib's BLAS interface ({@code dev.ludovic.netlib:blas}):
 * the system's native BLAS when one loads ({@code libblas.so.3}, OpenBLAS on Debian — the same
 * library Debian's PyTorch calls), else the JDK Vector API kernel (needs
 * {@code --add-modules jdk.incubator.vector}, set by the {@code nathear} launcher and the test
 * configuration), else plain Java.
 *
 * <p>Matrices are row-major flat arrays. BLAS is column-major, and a row-major {@code r × c}
 * matrix is its column-major transpose, so {@code C = op(A)·op(B)} is computed as
 * {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} with the operands swapped.
 *
 * <p>Determinism: a BLAS computes every output element in an order fixed by the library, the
 * thread count ({@code OPENBLAS_NUM_THREADS}) and the matrix shapes, never by timing. The thread count
 * does change the last bits (seen: a Spark executor with one BLAS thread chose another L2 point on
 * real-sfx than a two-thread local run), so the {@code nathear} and {@code nathear-spark} launchers,
 * Spark's executors and the tests run it single-threaded unless {@code OPENBLAS_NUM_THREADS} is set.
 * Another BLAS library may still change the last bits.
 *
 * <p>{@link #gemmSplit} (the MLP's products) uses several cores without OpenBLAS threads: it cuts the
 * output into blocks whose boundaries depend only on the matrix shapes ({@link #parts}), computes each
 * block with one single-threaded {@code sgemm} call, and hands the blocks to {@link #threads()} Java
 * threads. Every block is the same call whichever thread runs it, so the result is bit-identical for
 * any thread count.
 */
final class Blas {
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();
    /** System property naming the threads of {@link #gemmSplit} (default: the available processors). */
    static final String THREADS_PROPERTY = "nathear.probe.threads";
    /** Environment variable read when the property is not set. */
    static final String THREADS_ENV = "NATHEAR_PROBE_THREADS";
    /** Products smaller than this many multiply-adds run as one call: a thread hand-off would cost more. */
    static final long SPLIT_MIN_MULTIPLY_ADDS = 1L << 24;
    /**
     * Rows (or columns) per block of a split product, at least. Every block is its own sgemm call
     * and packs the operand it shares with the other blocks again, so blocks stay large.
     */
    static final int SPLIT_BLOCK = 256;
    /** Blocks per split product, at most (enough for four threads). */
    static final int SPLIT_MAX_PARTS = 4;
    private static final int THREADS = configuredThreads();
    private static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS) : null;
    /** Tests only ({@link #withThreads}): a thread count replacing {@link #THREADS}, or 0. */
    private static volatile int threadsOverride;

    private Blas() {
    }

    /** The implementation in use ({@code JNIBLAS}, {@code VectorBLAS}, {@code JavaBLAS}), for result files and docs. */
    static String implementation() {
        return BLAS_INSTANCE.getClass().getSimpleName();
    }

    /**
     * {@code c[m×n] = op(a)·op(b) + beta·c}, all row-major: {@code op(a)} is {@code m × k}
     * ({@code a} stored {@code k × m} when {@code transA}), {@code op(b)} is {@code k × n}
     * ({@code b} stored {@code n × k} when {@code transB}).
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float beta, float[] c) {
        if (m == 0 || n == 0) {
            return;
        }
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        BLAS_INSTANCE.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, 1f, b, Math.max(1, ldb), a,
                Math.max(1, lda), beta, c, Math.max(1, n));
    }

    /** Threads {@link #gemmSplit} uses: {@value #THREADS_PROPERTY}, else {@value #THREADS_ENV}, else the available processors. */
    static int threads() {
        int override = threadsOverride;
        return override > 0 ? override : THREADS;
    }

    /**
     * Runs {@code work} with the split products and parts on {@code threads} threads instead of the
     * configured count (tests: results must not depend on it). Not for concurrent use.
     */
    static void withThreads(int threads, Runnable work) {
        threadsOverride = threads;
        try {
            work.run();
        } finally {
            threadsOverride = 0;
        }
    }

    private static int configuredThreads() {
        String value = System.getProperty(THREADS_PROPERTY);
        String source = THREADS_PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(THREADS_ENV);
            source = THREADS_ENV;
        }
        if (value == null || value.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + " must be a whole number >= 1 (threads of the MLP probe's matrix "
                + "products); got '" + value + "'");
    }

    /**
     * Whether a split product cuts the rows of C (else its columns): the direction whose blocks need
     * no copy ({@link #block}), else the one copying less, else the longer side. A function of the
     * shape and transpositions only.
     */
    static boolean splitByRows(boolean transA, boolean transB, int m, int n, int k) {
        long copyByRows = transA ? (long) k * m : 0;
        long copyByColumns = transB ? 0 : (long) k * n;
        if (copyByRows != copyByColumns) {
            return copyByRows < copyByColumns;
        }
        return m >= n;
    }

    /**
     * Blocks a split product of this shape is cut into, along {@link #splitByRows its direction}: a
     * function of the shape only, never of the thread count.
     */
    static int parts(boolean transA, boolean transB, int m, int n, int k) {
        if ((long) m * n * k < SPLIT_MIN_MULTIPLY_ADDS) {
            return 1;
        }
        int length = splitByRows(transA, transB, m, n, k) ? m : n;
        return Math.max(1, Math.min(SPLIT_MAX_PARTS, length / SPLIT_BLOCK));
    }

    /**
     * {@link #gemm} cut into {@link #parts} blocks of output rows or columns ({@link #splitByRows}),
     * each one single-threaded {@code sgemm}, run on {@link #threads()} threads. Bit-identical for
     * every thread count; the blocks may round differently from one unsplit call.
     */
    static void gemmSplit(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float beta, float[] c) {
        gemmSplit(transA, transB, m, n, k, a, b, beta, c, threads());
    }

    static void gemmSplit(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float beta, float[] c,
                          int threads) {
        if (m == 0 || n == 0) {
            return;
        }
        int parts = parts(transA, transB, m, n, k);
        if (parts == 1) {
            gemm(transA, transB, m, n, k, a, b, beta, c);
            return;
        }
        boolean byRows = splitByRows(transA, transB, m, n, k);
        int length = byRows ? m : n;
        forEachPart(parts, threads, p -> block(transA, transB, m, n, k, a, b, beta, c, byRows, from(p, parts, length),
                from(p + 1, parts, length)));
    }

    /**
     * Runs {@code work} for parts {@code 0..parts-1} on {@link #threads()} threads (in order on the
     * calling thread when there is one); returns when all are done. For work whose parts write
     * disjoint memory, so that the result does not depend on which thread runs which part.
     */
    static void forEachPart(int parts, IntConsumer work) {
        forEachPart(parts, threads(), work);
    }

    private static void forEachPart(int parts, int threads, IntConsumer work) {
        if (threads <= 1 || parts <= 1) {
            for (int p = 0; p < parts; p++) {
                work.accept(p);
            }
            return;
        }
        ForkJoinPool pool = threads == THREADS && POOL != null ? POOL : new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, parts).parallel().forEach(work)).join();
        } finally {
            if (pool != POOL) {
                pool.shutdown();
            }
        }
    }

    /** Start of part {@code part} of {@code parts} near-equal parts of {@code [0, length)}. */
    static int from(int part, int parts, int length) {
        return (int) ((long) part * length / parts);
    }

    /**
     * Rows {@code [from, to)} of C (byRows) or its columns {@code [from, to)}, as one sgemm call. An
     * operand block that is a column range of a row-major array (op(A)'s rows when A is stored
     * transposed, op(B)'s columns when B is not) is copied to a contiguous scratch array first: netlib
     * checks that {@code offset + ld × columns} fits in the array, which a block that starts inside a
     * row never does. The copy holds the same values, so the call computes the same bits.
     */
    private static void block(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float beta,
                              float[] c, boolean byRows, int from, int to) {
        int width = to - from;
        String opA = transA ? "T" : "N";
        String opB = transB ? "T" : "N";
        if (byRows) {
            float[] aBlock = a;
            int offA = from * k;
            int lda = k;
            if (transA) {
                aBlock = columns(a, k, m, from, to);
                offA = 0;
                lda = width;
            }
            BLAS_INSTANCE.sgemm(opB, opA, n, width, k, 1f, b, 0, Math.max(1, transB ? k : n), aBlock, offA,
                    Math.max(1, lda), beta, c, from * n, Math.max(1, n));
        } else {
            float[] bBlock = b;
            int offB = from * k;
            int ldb = k;
            if (!transB) {
                bBlock = columns(b, k, n, from, to);
                offB = 0;
                ldb = width;
            }
            BLAS_INSTANCE.sgemm(opB, opA, width, m, k, 1f, bBlock, offB, Math.max(1, ldb), a, 0, Math.max(1, transA ? m : k),
                    beta, c, from, Math.max(1, n));
        }
    }

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    /** Columns {@code [from, to)} of a row-major {@code rows × cols} array, row-major in this thread's scratch array. */
    private static float[] columns(float[] x, int rows, int cols, int from, int to) {
        int width = to - from;
        float[] out = SCRATCH.get();
        if (out.length < rows * width) {
            out = new float[rows * width];
            SCRATCH.set(out);
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * cols + from, out, r * width, width);
        }
        return out;
    }
}
