package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The row-major wrapper of netlib's sgemm against a triple loop in double, for all four transpose cases. */
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
}
