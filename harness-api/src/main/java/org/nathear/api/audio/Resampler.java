package org.nathear.api.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;

/**
 * Band-limited rational-ratio resampler: a polyphase windowed-sinc (Kaiser) low-pass evaluated at
 * the exact output positions {@code n * from / to}.
 *
 * <p>The low-pass sits below the Nyquist frequency of the lower of the two rates: passband up to
 * {@link #PASSBAND_EDGE} of it, stopband from its Nyquist frequency on. Filters are cached per rate
 * pair and shared between threads.
 */
public final class Resampler {
    /** Fraction of the lower Nyquist frequency kept flat. */
    public static final double PASSBAND_EDGE = 0.90;
    /** Kaiser window shape parameter (about 90 dB side-lobe attenuation). */
    static final double KAISER_BETA = 9.0;
    /** Filter length in zero crossings of the cut-off sinc, each side of the centre. */
    static final double HALF_WIDTH_ZERO_CROSSINGS = 32;

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
     * sits at input time {@code k * from / to}.
     */
    public static float[] resample(float[] in, int fromHz, int toHz) {
        if (fromHz <= 0 || toHz <= 0) {
            throw new AudioFormatException("Sample rates must be positive; got " + fromHz + " Hz -> " + toHz + " Hz");
        }
        if (fromHz == toHz) {
            return in.clone();
        }
        Filter f = FILTERS.computeIfAbsent(((long) fromHz << 32) | toHz, k -> new Filter(fromHz, toHz));
        long outLength = ((long) in.length * f.up + f.down - 1) / f.down;
        float[] out = new float[(int) outLength];
        int taps = f.taps;
        int half = f.halfTaps;
        for (int n = 0; n < out.length; n++) {
            long pos = (long) n * f.down;
            int base = (int) (pos / f.up);
            int phase = (int) (pos % f.up);
            double[] h = f.table[phase];
            int start = base - half + 1;
            double acc = 0;
            if (start >= 0 && start + taps <= in.length) {
                for (int j = 0; j < taps; j++) {
                    acc += in[start + j] * h[j];
                }
            } else {
                for (int j = 0; j < taps; j++) {
                    int i = start + j;
                    if (i >= 0 && i < in.length) {
                        acc += in[i] * h[j];
                    }
                }
            }
            out[n] = (float) acc;
        }
        return out;
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
            double scale = Math.min(1.0, (double) toHz / fromHz); // lower Nyquist relative to the input's
            double cutoff = scale * (1.0 + PASSBAND_EDGE) / 2;     // centre of the transition band
            double halfWidth = HALF_WIDTH_ZERO_CROSSINGS / cutoff;  // in input samples
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
