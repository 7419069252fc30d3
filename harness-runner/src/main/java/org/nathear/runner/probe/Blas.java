package org.nathear.runner.probe;

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
 */
final class Blas {
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

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
}
