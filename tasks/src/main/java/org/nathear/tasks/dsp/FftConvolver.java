package org.nathear.tasks.dsp;

import org.jtransforms.fft.DoubleFFT_1D;
import org.nathear.api.ConfigurationException;

/**
 * Linear convolution by FFT overlap-add (JTransforms real FFTs, double precision), with the
 * signal's block spectra shared by all filters: convolving a mono source with a 4-channel
 * Ambisonics impulse response costs one forward FFT per block and one inverse per channel.
 *
 * <p>The FFT size is the power of two that minimises the estimated work {@code (blocks × (1 + C) + C)
 * × N log N} (C filters), from the smallest that holds the filter plus one sample to the one that
 * holds the whole output in a single block; filters of at most {@value #DIRECT_MAX_TAPS} taps are
 * applied directly in time. One call runs on the calling thread (callers parallelise over clips);
 * plans are per thread ({@link FftPlans}).
 */
public final class FftConvolver {
    /** Filters this short are applied directly, without FFTs. */
    public static final int DIRECT_MAX_TAPS = 32;

    private FftConvolver() {
    }

    /** The full convolution of {@code x} and {@code h}: {@code x.length + h.length − 1} samples. */
    public static float[] convolve(float[] x, float[] h) {
        return convolve(x, new float[][] {h}, x.length + h.length - 1)[0];
    }

    /**
     * Convolves one signal with several filters of the same length, keeping the first
     * {@code outLength} samples of each result ({@code [filter][sample]}).
     */
    public static float[][] convolve(float[] x, float[][] filters, int outLength) {
        if (filters.length == 0) {
            throw new ConfigurationException("Convolution needs at least one filter");
        }
        int nh = filters[0].length;
        for (float[] h : filters) {
            if (h.length != nh || nh == 0) {
                throw new ConfigurationException("All filters must have the same, non-zero length; got " + h.length + " and " + nh);
            }
        }
        if (outLength < 0) {
            throw new ConfigurationException("Output length must be non-negative; got " + outLength);
        }
        int channels = filters.length;
        float[][] out = new float[channels][outLength];
        if (x.length == 0 || outLength == 0) {
            return out;
        }
        int useful = Math.min(x.length, outLength); // input samples that reach the kept output
        if (nh <= DIRECT_MAX_TAPS) {
            direct(x, filters, out);
            return out;
        }
        int n = fftSize(useful, nh, channels, (long) useful + nh - 1);
        int block = n - nh + 1;
        DoubleFFT_1D fft = FftPlans.of(n);
        double[][] spectra = new double[channels][];
        for (int c = 0; c < channels; c++) {
            double[] s = new double[n];
            for (int i = 0; i < nh; i++) {
                s[i] = filters[c][i];
            }
            fft.realForward(s);
            spectra[c] = s;
        }
        double[] xs = new double[n];
        double[] y = new double[n];
        for (int start = 0; start < useful; start += block) {
            int len = Math.min(block, useful - start);
            for (int i = 0; i < len; i++) {
                xs[i] = x[start + i];
            }
            java.util.Arrays.fill(xs, len, n, 0);
            fft.realForward(xs);
            for (int c = 0; c < channels; c++) {
                multiply(xs, spectra[c], y, n);
                fft.realInverse(y, true);
                float[] o = out[c];
                int end = Math.min(outLength, start + len + nh - 1);
                for (int i = start; i < end; i++) {
                    o[i] += (float) y[i - start];
                }
            }
        }
        return out;
    }

    /** The FFT size with the least estimated work; see the class comment. */
    static int fftSize(int signal, int taps, int channels, long fullLength) {
        int smallest = FftPlans.nextPowerOfTwo(taps + 1L);
        int largest = FftPlans.nextPowerOfTwo(Math.max(fullLength, taps + 1L));
        int best = smallest;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int n = smallest; n <= largest; n <<= 1) {
            int block = n - taps + 1;
            long blocks = (signal + block - 1) / block;
            double cost = (blocks * (1.0 + channels) + channels) * n * (Math.log(n) / Math.log(2));
            if (cost < bestCost) {
                bestCost = cost;
                best = n;
            }
            if (n == 1 << 30) {
                break;
            }
        }
        return best;
    }

    /** {@code out = a × b}, element-wise on JTransforms' packed real spectra of size n. */
    private static void multiply(double[] a, double[] b, double[] out, int n) {
        out[0] = a[0] * b[0];
        out[1] = a[1] * b[1];
        for (int i = 2; i < n; i += 2) {
            double ar = a[i];
            double ai = a[i + 1];
            double br = b[i];
            double bi = b[i + 1];
            out[i] = ar * br - ai * bi;
            out[i + 1] = ar * bi + ai * br;
        }
    }

    private static void direct(float[] x, float[][] filters, float[][] out) {
        int outLength = out[0].length;
        for (int c = 0; c < filters.length; c++) {
            float[] h = filters[c];
            float[] o = out[c];
            for (int i = 0; i < outLength; i++) {
                double sum = 0;
                int kMin = Math.max(0, i - x.length + 1);
                int kMax = Math.min(h.length - 1, i);
                for (int k = kMin; k <= kMax; k++) {
                    sum += (double) h[k] * x[i - k];
                }
                o[i] = (float) sum;
            }
        }
    }
}
