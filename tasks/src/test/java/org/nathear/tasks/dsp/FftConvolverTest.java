package org.nathear.tasks.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;

class FftConvolverTest {

    private static float[] noise(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /** Direct convolution in double: the reference. */
    private static double[] direct(float[] x, float[] h) {
        double[] y = new double[x.length + h.length - 1];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < h.length; k++) {
                y[i + k] += (double) x[i] * h[k];
            }
        }
        return y;
    }

    @Test
    void overlapAddEqualsDirectConvolutionForManyLengthCombinations() {
        int[][] sizes = {{1, 1}, {5, 3}, {100, 33}, {1000, 257}, {4099, 1000}, {300, 5000}, {20000, 3000}, {7, 40}};
        for (int[] s : sizes) {
            float[] x = noise(s[0], s[0]);
            float[] h = noise(s[1] + 7, s[1]);
            float[] y = FftConvolver.convolve(x, h);
            double[] ref = direct(x, h);
            assertEquals(ref.length, y.length);
            double scale = Math.sqrt(s[1]);
            for (int i = 0; i < y.length; i++) {
                assertEquals(ref[i], y[i], 1e-5 * scale, "sample " + i + " of " + s[0] + " * " + s[1]);
            }
        }
    }

    @Test
    void manyFiltersShareTheSignalAndTheOutputCanBeTruncated() {
        float[] x = noise(1, 9000);
        float[][] h = {noise(2, 700), noise(3, 700), noise(4, 700), noise(5, 700)};
        float[][] y = FftConvolver.convolve(x, h, 9000);
        for (int c = 0; c < 4; c++) {
            double[] ref = direct(x, h[c]);
            assertEquals(9000, y[c].length);
            for (int i = 0; i < 9000; i += 7) {
                assertEquals(ref[i], y[c][i], 1e-4, "channel " + c + " sample " + i);
            }
        }
        float[][] longer = FftConvolver.convolve(x, h, 12000);
        for (int i = 9699; i < 12000; i++) {
            assertEquals(0, longer[0][i], 0, "beyond the full length the output is zero");
        }
    }

    @Test
    void picksAnFftSizeThatHoldsTheFilterAndWorksLessThanOneHugeBlock() {
        int n = FftConvolver.fftSize(320000, 32000, 4, 352000L);
        assertTrue(n > 32000 && n < 524288, "fft size " + n);
        int small = FftConvolver.fftSize(100, 40, 1, 139);
        assertTrue(small >= 64 && small <= 256 && Integer.bitCount(small) == 1, "a short signal: " + small);
    }

    @Test
    void rejectsFiltersOfDifferentLengths() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> FftConvolver.convolve(new float[10], new float[][] {new float[3], new float[4]}, 10));
        assertTrue(e.getMessage().contains("same"), e.getMessage());
    }
}
