package org.nathear.gram.train;

import org.jtransforms.fft.DoubleFFT_1D;

/** Linear convolution truncated to the input's length ({@code y[n] = Σ h[k] x[n-k]}, n < len(x)). */
public final class Convolution {
    private Convolution() {
    }

    /** {@code x * h}, the first {@code x.length} samples. Direct for short filters (up to 256 taps), FFT otherwise. */
    public static float[] convolveTruncated(float[] x, float[] h) {
        int n = x.length;
        int k = h.length;
        float[] y = new float[n];
        if (n == 0 || k == 0) {
            return y;
        }
        if ((long) k * n < 4_000_000L || k <= 256) {
            for (int i = 0; i < n; i++) {
                double acc = 0;
                int jMax = Math.min(k - 1, i);
                for (int j = 0; j <= jMax; j++) {
                    acc += h[j] * x[i - j];
                }
                y[i] = (float) acc;
            }
            return y;
        }
        int size = Integer.highestOneBit(n + k - 1);
        if (size < n + k - 1) {
            size <<= 1;
        }
        double[] a = new double[2 * size];
        double[] b = new double[2 * size];
        for (int i = 0; i < n; i++) {
            a[2 * i] = x[i];
        }
        for (int i = 0; i < k; i++) {
            b[2 * i] = h[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        fft.complexForward(a);
        fft.complexForward(b);
        for (int i = 0; i < size; i++) {
            double re = a[2 * i] * b[2 * i] - a[2 * i + 1] * b[2 * i + 1];
            double im = a[2 * i] * b[2 * i + 1] + a[2 * i + 1] * b[2 * i];
            a[2 * i] = re;
            a[2 * i + 1] = im;
        }
        fft.complexInverse(a, true);
        for (int i = 0; i < n; i++) {
            y[i] = (float) a[2 * i];
        }
        return y;
    }
}
