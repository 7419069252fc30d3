package org.nathear.runner.probe;

import java.util.stream.IntStream;

/**
 * The single-precision matrix product the MLP probe spends its time in:
 * {@code out[r][c] += Σ_k a[r][k] · w[k][c]}, with rows as Java arrays.
 *
 * <p>The loops are tiled (32 rows × 512 columns × 128 inner) and the innermost loop updates four
 * output rows from one row of {@code w} ({@code o[c] += x · w[c]}), a form HotSpot's C2 compiles to
 * SIMD code: about 35 GFLOP/s on two cores of the build machine for 1024 × 4096 × 1024. Tiles run
 * in parallel, but each output element is summed over {@code k} in ascending order by one thread, so
 * the result is bit-identical whatever the number of threads (Java never fuses multiply-adds on its
 * own, so it is also identical across JIT tiers).
 */
final class Gemm {
    private static final int ROW_TILE = 32;
    private static final int COL_TILE = 512;
    private static final int INNER_TILE = 128;
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 20;

    private Gemm() {
    }

    /** {@code out[0..rows)[0..cols) += a[0..rows)[0..inner) · w[0..inner)[0..cols)}. */
    static void mulAdd(float[][] a, int rows, int inner, float[][] w, int cols, float[][] out) {
        int rowTiles = (rows + ROW_TILE - 1) / ROW_TILE;
        int colTiles = (cols + COL_TILE - 1) / COL_TILE;
        int tasks = rowTiles * colTiles;
        IntStream range = IntStream.range(0, tasks);
        if ((long) rows * inner * cols >= PARALLEL_WORK && tasks > 1) {
            range = range.parallel();
        }
        range.forEach(t -> {
            int r0 = (t / colTiles) * ROW_TILE;
            int c0 = (t % colTiles) * COL_TILE;
            tile(a, w, out, r0, Math.min(rows, r0 + ROW_TILE), c0, Math.min(cols, c0 + COL_TILE), inner);
        });
    }

    private static void tile(float[][] a, float[][] w, float[][] out, int r0, int r1, int c0, int c1, int inner) {
        for (int k0 = 0; k0 < inner; k0 += INNER_TILE) {
            int k1 = Math.min(inner, k0 + INNER_TILE);
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                float[] o0 = out[r];
                float[] o1 = out[r + 1];
                float[] o2 = out[r + 2];
                float[] o3 = out[r + 3];
                float[] a0 = a[r];
                float[] a1 = a[r + 1];
                float[] a2 = a[r + 2];
                float[] a3 = a[r + 3];
                for (int k = k0; k < k1; k++) {
                    float x0 = a0[k];
                    float x1 = a1[k];
                    float x2 = a2[k];
                    float x3 = a3[k];
                    float[] wk = w[k];
                    for (int c = c0; c < c1; c++) {
                        float wv = wk[c];
                        o0[c] += x0 * wv;
                        o1[c] += x1 * wv;
                        o2[c] += x2 * wv;
                        o3[c] += x3 * wv;
                    }
                }
            }
            for (; r < r1; r++) {
                float[] o = out[r];
                float[] ar = a[r];
                for (int k = k0; k < k1; k++) {
                    float x = ar[k];
                    float[] wk = w[k];
                    for (int c = c0; c < c1; c++) {
                        o[c] += x * wk[c];
                    }
                }
            }
        }
    }

    /** {@code dst[c][r] = src[r][c]} for the first {@code rows} × {@code cols} block. */
    static void transpose(float[][] src, int rows, int cols, float[][] dst) {
        IntStream range = IntStream.range(0, (cols + 63) / 64);
        if ((long) rows * cols >= PARALLEL_WORK) {
            range = range.parallel();
        }
        range.forEach(block -> {
            int c0 = block * 64;
            int c1 = Math.min(cols, c0 + 64);
            for (int r = 0; r < rows; r++) {
                float[] s = src[r];
                for (int c = c0; c < c1; c++) {
                    dst[c][r] = s[c];
                }
            }
        });
    }

    /** Sets the first {@code rows} × {@code cols} block to zero. */
    static void zero(float[][] m, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(m[r], 0, cols, 0f);
        }
    }
}
