package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The row-major wrapper of netlib's sgemm against a triple loop in double, for all four transpose cases;
 * the split product (the MLP's) against the same loop and bit-identical for every thread count.
 */
class BlasTest {
    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = (float) r.nextDouble(-1, 1);
        }
        return m;
    }

    private static void check(boolean transA, boolean transB, float beta) {
        int m = 37;
        int k = 301;
        int n = 53;
        float[] a = random(m * k, 1);
        float[] b = random(k * n, 2);
        float[] c = random(m * n, 3);
        float[] start = c.clone();
        Blas.gemm(transA, transB, m, n, k, a, b, beta, c);
        checkAgainstLoop(transA, transB, m, n, k, a, b, beta, start, c);
    }

    private static void checkAgainstLoop(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b,
                                         float beta, float[] start, float[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = beta * (double) start[i * n + j];
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[p * m + i] : a[i * k + p];
                    double bv = transB ? b[j * k + p] : b[p * n + j];
                    sum += av * bv;
                }
                assertEquals(sum, c[i * n + j], 1e-4, "c[" + i + "][" + j + "] transA=" + transA + " transB=" + transB);
            }
        }
    }

    @Test
    void plainProductAddsToTheOutputWithBeta() {
        check(false, false, 0f);
        check(false, false, 1f);
    }

    @Test
    void transposedOperandsAreReadInTheirStoredLayout() {
        check(true, false, 0f);
        check(false, true, 0f);
        check(true, true, 0.5f);
    }

    /** A split product at 1, 2 and 3 threads: the same bits, and the triple loop's values. */
    private static void checkSplit(boolean transA, boolean transB, int m, int n, int k, float beta) {
        float[] a = random(m * k, 4);
        float[] b = random(k * n, 5);
        float[] start = random(m * n, 6);
        float[] one = start.clone();
        Blas.gemmSplit(transA, transB, m, n, k, a, b, beta, one, 1);
        checkAgainstLoop(transA, transB, m, n, k, a, b, beta, start, one);
        for (int threads : new int[] {2, 3}) {
            float[] c = start.clone();
            Blas.gemmSplit(transA, transB, m, n, k, a, b, beta, c, threads);
            assertArrayEquals(one, c, threads + " threads, transA=" + transA + " transB=" + transB);
        }
    }

    @Test
    void splitProductsAreCutByShapeOnly() {
        assertEquals(1, Blas.parts(false, false, 64, 64, 64), "a small product stays one call");
        assertEquals(4, Blas.parts(false, false, 1024, 1024, 4096), "the 4096 x 1024 layer's forward product");
        assertTrue(Blas.splitByRows(false, false, 1024, 1024, 4096), "rows of the batch: no copy");
        assertEquals(2, Blas.parts(false, false, 600, 1024, 4096), "a short last batch");
        assertEquals(4, Blas.parts(true, false, 4096, 1024, 1024), "the weight gradient");
        assertFalse(Blas.splitByRows(true, false, 4096, 1024, 1024), "its columns: the smaller copy");
        assertEquals(1, Blas.parts(false, false, 137, 1024, 4096), "a batch too short to cut");
    }

    @Test
    void tallSplitProductIsTheSameForEveryThreadCount() {
        // 1100 x 600 x 40 = 26 M multiply-adds
        checkSplit(false, false, 1100, 600, 40, 0f);
        checkSplit(true, false, 1100, 600, 40, 1f); // columns, B copied
        checkSplit(false, true, 1100, 600, 40, 0.5f);
        checkSplit(true, true, 1100, 600, 40, 0f);
    }

    @Test
    void wideSplitProductIsTheSameForEveryThreadCount() {
        // 600 x 1600 x 40 = 38 M multiply-adds
        checkSplit(false, false, 600, 1600, 40, 0f);
        checkSplit(true, false, 600, 1600, 40, 1f); // rows, A copied
        checkSplit(false, true, 600, 1600, 40, 0.5f);
        checkSplit(true, true, 600, 1600, 40, 0f);
    }
}
