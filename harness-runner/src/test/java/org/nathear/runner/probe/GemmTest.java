package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class GemmTest {
    private static float[][] random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) r.nextDouble(-1, 1);
            }
        }
        return m;
    }

    @Test
    void productMatchesATripleLoopInDouble() {
        int rows = 37;
        int inner = 301;
        int cols = 523; // not multiples of any tile size
        float[][] a = random(rows, inner, 1);
        float[][] w = random(inner, cols, 2);
        float[][] out = random(rows, cols, 3);
        float[][] start = new float[rows][];
        for (int i = 0; i < rows; i++) {
            start[i] = out[i].clone();
        }
        Gemm.mulAdd(a, rows, inner, w, cols, out);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double sum = start[i][j];
                for (int k = 0; k < inner; k++) {
                    sum += (double) a[i][k] * w[k][j];
                }
                assertEquals(sum, out[i][j], 1e-4, "out[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void resultsAreBitIdenticalWhateverTheNumberOfThreads() throws Exception {
        int rows = 130;
        int inner = 700;
        int cols = 1100;
        float[][] a = random(rows, inner, 4);
        float[][] w = random(inner, cols, 5);
        float[][] one = new float[rows][cols];
        float[][] many = new float[rows][cols];
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            single.submit(() -> Gemm.mulAdd(a, rows, inner, w, cols, one)).get();
        } finally {
            single.shutdown();
        }
        ForkJoinPool four = new ForkJoinPool(4);
        try {
            four.submit(() -> Gemm.mulAdd(a, rows, inner, w, cols, many)).get();
        } finally {
            four.shutdown();
        }
        for (int i = 0; i < rows; i++) {
            assertArrayEquals(one[i], many[i], 0f);
        }
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        float[][] m = random(70, 90, 6);
        float[][] t = new float[90][70];
        Gemm.transpose(m, 70, 90, t);
        for (int i = 0; i < 70; i++) {
            for (int j = 0; j < 90; j++) {
                assertEquals(m[i][j], t[j][i], 0f);
            }
        }
    }
}
