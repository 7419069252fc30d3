package org.nathear.tasks.demo;

import java.util.SplittableRandom;

/**
 * Small, deterministic signal building blocks for the demo generators. Only arithmetic and
 * {@link StrictMath} are used, so a seed gives the same samples on every JVM and platform.
 */
final class Dsp {
    static final int RATE_HZ = 16000;
    private static final int SINE_SIZE = 4096;
    private static final double[] SINE = new double[SINE_SIZE + 1];

    static {
        for (int i = 0; i <= SINE_SIZE; i++) {
            SINE[i] = StrictMath.sin(2 * StrictMath.PI * i / SINE_SIZE);
        }
    }

    private Dsp() {
    }

    /** sin(2π·phase) from a table with linear interpolation (error about 3e-7); phase in cycles. */
    static double sinCycles(double phase) {
        double p = phase - StrictMath.floor(phase);
        double x = p * SINE_SIZE;
        int i = (int) x;
        double f = x - i;
        return SINE[i] + f * (SINE[i + 1] - SINE[i]);
    }

    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** Log-uniform between two positive bounds. */
    static double logUniform(SplittableRandom rng, double lo, double hi) {
        return lo * StrictMath.exp(rng.nextDouble() * StrictMath.log(hi / lo));
    }

    static double dbToGain(double db) {
        return StrictMath.pow(10, db / 20);
    }

    static double midiToHz(double midi) {
        return 440 * StrictMath.pow(2, (midi - 69) / 12);
    }

    /** Approximately Gaussian white noise (sum of four uniforms), unit variance. */
    static double[] white(SplittableRandom rng, int n) {
        double[] out = new double[n];
        double scale = StrictMath.sqrt(3);
        for (int i = 0; i < n; i++) {
            out[i] = (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 2) * scale;
        }
        return out;
    }

    /** Pink (-3 dB/octave) noise: white noise through Paul Kellett's economy filter. */
    static double[] pink(SplittableRandom rng, int n) {
        double[] w = white(rng, n);
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            b0 = 0.99765 * b0 + w[i] * 0.0990460;
            b1 = 0.96300 * b1 + w[i] * 0.2965164;
            b2 = 0.57000 * b2 + w[i] * 1.0526913;
            w[i] = (b0 + b1 + b2 + w[i] * 0.1848) * 0.25;
        }
        return w;
    }

    /** Brown (-6 dB/octave) noise: leaky integration of white noise, DC removed. */
    static double[] brown(SplittableRandom rng, int n) {
        double[] w = white(rng, n);
        double b = 0;
        for (int i = 0; i < n; i++) {
            b = 0.997 * b + 0.06 * w[i];
            w[i] = b;
        }
        return highPass(w, 20, 0.707);
    }

    /** One-pole low-pass (6 dB/octave) with its -3 dB point near {@code cutoffHz}. */
    static double[] onePoleLowPass(double[] x, double cutoffHz) {
        double a = StrictMath.exp(-2 * StrictMath.PI * cutoffHz / RATE_HZ);
        double[] out = new double[x.length];
        double y = 0;
        for (int i = 0; i < x.length; i++) {
            y = (1 - a) * x[i] + a * y;
            out[i] = y;
        }
        return out;
    }

    static double[] lowPass(double[] x, double cutoffHz, double q) {
        return biquad(x, Kind.LOW, cutoffHz, q);
    }

    static double[] highPass(double[] x, double cutoffHz, double q) {
        return biquad(x, Kind.HIGH, cutoffHz, q);
    }

    /** Band-pass with 0 dB gain at the centre. */
    static double[] bandPass(double[] x, double centreHz, double q) {
        return biquad(x, Kind.BAND, centreHz, q);
    }

    private enum Kind { LOW, HIGH, BAND }

    /**
     * Low shelf: frequencies below {@code cornerHz} raised or lowered by {@code gainDb} (shelf
     * slope 1, the audio-EQ-cookbook design); a simple way to tilt a spectrum.
     */
    static double[] lowShelf(double[] x, double cornerHz, double gainDb) {
        double a = StrictMath.pow(10, gainDb / 40);
        double w0 = 2 * StrictMath.PI * Math.min(cornerHz, 0.45 * RATE_HZ) / RATE_HZ;
        double cos = StrictMath.cos(w0);
        double alpha = StrictMath.sin(w0) / 2 * StrictMath.sqrt(2);
        double sq = 2 * StrictMath.sqrt(a) * alpha;
        double a0 = (a + 1) + (a - 1) * cos + sq;
        double[] c = {
            a * ((a + 1) - (a - 1) * cos + sq) / a0,
            2 * a * ((a - 1) - (a + 1) * cos) / a0,
            a * ((a + 1) - (a - 1) * cos - sq) / a0,
            -2 * ((a - 1) + (a + 1) * cos) / a0,
            ((a + 1) + (a - 1) * cos - sq) / a0};
        return filter(x, c);
    }

    /** A second-order section (the audio-EQ-cookbook designs), transposed direct form II. */
    private static double[] biquad(double[] x, Kind kind, double freqHz, double q) {
        return filter(x, coefficients(kind, freqHz, q));
    }

    /** Runs a second-order section {b0, b1, b2, a1, a2} (a0 = 1) over a signal. */
    private static double[] filter(double[] x, double[] c) {
        double[] out = new double[x.length];
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < x.length; i++) {
            double y = c[0] * x[i] + s1;
            s1 = c[1] * x[i] - c[3] * y + s2;
            s2 = c[2] * x[i] - c[4] * y;
            out[i] = y;
        }
        return out;
    }

    /** Band-pass whose centre frequency follows {@code centreHz(seconds)}, updated every 32 samples. */
    static double[] sweptBandPass(double[] x, java.util.function.DoubleUnaryOperator centreHz, double q) {
        double[] out = new double[x.length];
        double s1 = 0;
        double s2 = 0;
        double[] c = null;
        for (int i = 0; i < x.length; i++) {
            if (i % 32 == 0) {
                c = coefficients(Kind.BAND, centreHz.applyAsDouble(i / (double) RATE_HZ), q);
            }
            double y = c[0] * x[i] + s1;
            s1 = c[1] * x[i] - c[3] * y + s2;
            s2 = c[2] * x[i] - c[4] * y;
            out[i] = y;
        }
        return out;
    }

    /** {b0, b1, b2, a1, a2}, normalised by a0. */
    private static double[] coefficients(Kind kind, double freqHz, double q) {
        double f = Math.min(freqHz, 0.45 * RATE_HZ);
        double w0 = 2 * StrictMath.PI * f / RATE_HZ;
        double cos = StrictMath.cos(w0);
        double alpha = StrictMath.sin(w0) / (2 * q);
        double a0 = 1 + alpha;
        double b0;
        double b1;
        double b2;
        switch (kind) {
            case LOW -> {
                b0 = (1 - cos) / 2;
                b1 = 1 - cos;
                b2 = (1 - cos) / 2;
            }
            case HIGH -> {
                b0 = (1 + cos) / 2;
                b1 = -(1 + cos);
                b2 = (1 + cos) / 2;
            }
            default -> {
                b0 = alpha;
                b1 = 0;
                b2 = -alpha;
            }
        }
        return new double[] {b0 / a0, b1 / a0, b2 / a0, -2 * cos / a0, (1 - alpha) / a0};
    }

    /** Adds {@code gain * src} into {@code dst} starting at sample {@code offset} (clipped to dst). */
    static void mixInto(double[] dst, double[] src, int offset, double gain) {
        for (int i = 0; i < src.length; i++) {
            int j = offset + i;
            if (j >= 0 && j < dst.length) {
                dst[j] += gain * src[i];
            }
        }
    }

    static double rms(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return StrictMath.sqrt(s / Math.max(1, x.length));
    }

    static double peak(double[] x) {
        double p = 0;
        for (double v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    static double[] scale(double[] x, double gain) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * gain;
        }
        return out;
    }

    /** Scales to a peak of {@code targetPeak} (silence stays silent). */
    static double[] normalizePeak(double[] x, double targetPeak) {
        double p = peak(x);
        return p == 0 ? x.clone() : scale(x, targetPeak / p);
    }

    /** Scales to an RMS level in dBFS, then down further if the peak would exceed {@code maxPeak}. */
    static double[] normalizeRms(double[] x, double rmsDbfs, double maxPeak) {
        double r = rms(x);
        if (r == 0) {
            return x.clone();
        }
        double gain = dbToGain(rmsDbfs) / r;
        double p = peak(x) * gain;
        if (p > maxPeak) {
            gain *= maxPeak / p;
        }
        return scale(x, gain);
    }

    /** Exponential decay {@code exp(-t/tau)} for {@code n} samples. */
    static double[] decay(int n, double tauSeconds) {
        double[] out = new double[n];
        double k = StrictMath.exp(-1.0 / (tauSeconds * RATE_HZ));
        double v = 1;
        for (int i = 0; i < n; i++) {
            out[i] = v;
            v *= k;
        }
        return out;
    }

    /** Element-wise product into a new array. */
    static double[] times(double[] a, double[] b) {
        double[] out = new double[Math.min(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    static int samples(double seconds) {
        return (int) StrictMath.round(seconds * RATE_HZ);
    }
}
