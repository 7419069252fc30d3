package org.nathear.tasks.hrtf;

import org.jtransforms.fft.DoubleFFT_1D;
import org.nathear.tasks.dsp.FftPlans;

/** Interaural time difference measured on a pair of responses (test helper). */
final class Itd {
    private Itd() {
    }

    /**
     * The delay of the right ear relative to the left (positive when the left ear leads), from the
     * peak of the PHAT-weighted cross-correlation restricted to {@code [loHz, hiHz]}, interpolated 32
     * times by zero-padding the cross-spectrum; lags beyond ±1.5 ms are ignored.
     */
    static double seconds(float[] left, float[] right, int fs, double loHz, double hiHz) {
        int n = FftPlans.nextPowerOfTwo(2L * Math.max(left.length, right.length));
        double[] l = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < left.length; i++) {
            l[i] = left[i];
        }
        for (int i = 0; i < right.length; i++) {
            r[i] = right[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForward(l);
        fft.realForward(r);
        int up = 32;
        int m = n * up;
        double[] c = new double[2 * m]; // complex, full spectrum
        for (int k = 1; k < n / 2; k++) {
            double f = k * (double) fs / n;
            if (f < loHz || f > hiHz) {
                continue;
            }
            double lr = l[2 * k];
            double li = l[2 * k + 1];
            double rr = r[2 * k];
            double ri = r[2 * k + 1];
            double re = rr * lr + ri * li; // R conj(L)
            double im = ri * lr - rr * li;
            double mag = Math.hypot(re, im);
            if (mag == 0) {
                continue;
            }
            c[2 * k] = re / mag;
            c[2 * k + 1] = im / mag;
            c[2 * (m - k)] = re / mag;
            c[2 * (m - k) + 1] = -im / mag;
        }
        new DoubleFFT_1D(m).complexInverse(c, false);
        int maxLag = (int) Math.ceil(0.0015 * fs * up);
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            int idx = Math.floorMod(lag, m);
            if (c[2 * idx] > bestValue) {
                bestValue = c[2 * idx];
                best = lag;
            }
        }
        return best / ((double) fs * up);
    }
}
