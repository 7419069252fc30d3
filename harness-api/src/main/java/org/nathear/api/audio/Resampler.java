package org.nathear.api.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;

/**
 * Band-limited rational-ratio resampler: a polyphase windowed-sinc (Kaiser) low-pass evaluated at
 * the exact output positions {@code n * from / to}.
 *
 * <p>The low-pass is designed relative to the Nyquist frequency of the lower of the two rates
 * ("lower Nyquist"): flat up to {@link #PASSBAND_EDGE} of it, at least
 * {@link #DESIGN_ATTENUATION_DB} down from {@link #STOPBAND_EDGE} of it (that is, from the lower
 * Nyquist frequency itself) on. The Kaiser window's shape and length come from Kaiser's design
 * formulas for that transition band and attenuation. Measured figures per rate pair are in
 * {@code docs/audio-toolkit.md}.
 *
 * <p>Filters are computed once per rate pair, cached, and shared between threads; resampling
 * allocates only its output.
 */
public final class Resampler {
    /** Fraction of the lower Nyquist frequency kept flat. */
    public static final double PASSBAND_EDGE = 0.90;
    /** Fraction of the lower Nyquist frequency where the stopband starts. */
    public static final double STOPBAND_EDGE = 1.00;
    /** Stopband attenuation the Kaiser design aims at, in dB (tests require at least 80 dB measured). */
    public static final double DESIGN_ATTENUATION_DB = 100;
    /** Kaiser window shape parameter for {@link #DESIGN_ATTENUATION_DB} (Kaiser's formula, A > 50 dB). */
    static final double KAISER_BETA = 0.1102 * (DESIGN_ATTENUATION_DB - 8.7);

    private static final Map<Long, Filter> FILTERS = new ConcurrentHashMap<>();

    private Resampler() {
    }

    /** Resamples every channel of a clip; the layout is kept. */
    public static AudioClip resample(AudioClip clip, int toHz) {
        if (clip.sampleRateHz() == toHz) {
            return clip;
        }
        float[][] in = clip.samples();
        float[][] out = new float[in.length][];
        for (int c = 0; c < in.length; c++) {
            out[c] = resample(in[c], clip.sampleRateHz(), toHz);
        }
        return new AudioClip(out, toHz, clip.layout());
    }

    /**
     * Resamples one channel. The output has {@code ceil(n * to / from)} samples; output sample k
     * sits at input time {@code k * from / to}. Samples outside the input count as zeros.
     */
    public static float[] resample(float[] in, int fromHz, int toHz) {
        if (fromHz <= 0 || toHz <= 0) {
            throw new AudioFormatException("Sample rates must be positive; got " + fromHz + " Hz -> " + toHz + " Hz");
        }
        if (fromHz == toHz) {
            return in.clone();
        }
        Filter f = filter(fromHz, toHz);
        long outLength = ((long) in.length * f.up + f.down - 1) / f.down;
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new AudioFormatException("Resampling " + in.length + " samples from " + fromHz + " Hz to " + toHz
                    + " Hz gives " + outLength + " samples, more than a Java array holds; split the audio first");
        }
        float[] out = new float[(int) outLength];
        int taps = f.taps;
        int half = f.halfTaps;
        int up = f.up;
        int down = f.down;
        int n = in.length;
        // base and phase advance by (down / up, down % up) per output sample: no division in the loop
        int stepBase = down / up;
        int stepPhase = down % up;
        int base = 0;
        int phase = 0;
        for (int k = 0; k < out.length; k++) {
            double[] h = f.table[phase];
            int start = base - half + 1;
            double acc;
            if (start >= 0 && start + taps <= n) {
                acc = dot(in, start, h, taps);
            } else {
                acc = 0;
                int jFrom = Math.max(0, -start);
                int jTo = Math.min(taps, n - start);
                for (int j = jFrom; j < jTo; j++) {
                    acc += in[start + j] * h[j];
                }
            }
            out[k] = (float) acc;
            base += stepBase;
            phase += stepPhase;
            if (phase >= up) {
                phase -= up;
                base++;
            }
        }
        return out;
    }

    /** Four independent partial sums let the CPU overlap the multiply-adds. */
    private static double dot(float[] x, int offset, double[] h, int taps) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        int j = 0;
        for (; j + 3 < taps; j += 4) {
            a0 += x[offset + j] * h[j];
            a1 += x[offset + j + 1] * h[j + 1];
            a2 += x[offset + j + 2] * h[j + 2];
            a3 += x[offset + j + 3] * h[j + 3];
        }
        for (; j < taps; j++) {
            a0 += x[offset + j] * h[j];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /** Number of filter taps per output sample for a rate pair (for documentation and profiling). */
    public static int tapsPerOutputSample(int fromHz, int toHz) {
        return filter(fromHz, toHz).taps;
    }

    private static Filter filter(int fromHz, int toHz) {
        return FILTERS.computeIfAbsent(((long) fromHz << 32) | toHz, k -> new Filter(fromHz, toHz));
    }

    /** Polyphase table: {@code table[phase][j]} weights input sample {@code base - halfTaps + 1 + j}. */
    private static final class Filter {
        final int up;
        final int down;
        final int taps;
        final int halfTaps;
        final double[][] table;

        Filter(int fromHz, int toHz) {
            int g = gcd(fromHz, toHz);
            up = toHz / g;
            down = fromHz / g;
            // frequencies below in cycles per input sample; the lower Nyquist is 0.5 * scale
            double scale = Math.min(1.0, (double) toHz / fromHz);
            double cutoff = scale * (PASSBAND_EDGE + STOPBAND_EDGE) / 2;  // -6 dB point, x2 (sinc argument units)
            double transition = scale * (STOPBAND_EDGE - PASSBAND_EDGE) / 2; // cycles per input sample
            // Kaiser: length N = (A - 7.95) / (2.285 * 2 pi * transition)
            double length = (DESIGN_ATTENUATION_DB - 7.95) / (2.285 * 2 * Math.PI * transition);
            double halfWidth = length / 2;                                    // in input samples
            halfTaps = (int) Math.ceil(halfWidth);
            taps = 2 * halfTaps;
            table = new double[up][taps];
            double i0Beta = besselI0(KAISER_BETA);
            for (int p = 0; p < up; p++) {
                double frac = (double) p / up;
                for (int j = 0; j < taps; j++) {
                    double t = (j - halfTaps + 1) - frac; // input-sample offset from the output position
                    double r = t / halfWidth;
                    double w = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
                    table[p][j] = cutoff * sinc(cutoff * t) * w;
                }
            }
        }
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0 (power series). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
