package org.nathear.api.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the resampler with pure tones, for {@link ResamplerTest} and for the table in
 * {@code docs/audio-toolkit.md} ({@link #main} prints it).
 *
 * <p>Method: a sine of amplitude {@value #AMPLITUDE} and {@value #SECONDS} s is resampled; the
 * first and last {@value #EDGE_SECONDS} s of the output are dropped (the filter's start-up). On the
 * rest, a least-squares fit of {@code a sin + b cos} at the tone's frequency gives the tone's
 * output amplitude; what remains after subtracting the fit is energy at other frequencies
 * (aliases, images, numerical noise).
 * <ul>
 *   <li>passband gain: 20 log10(fitted amplitude / input amplitude), for tones up to
 *       {@link Resampler#PASSBAND_EDGE} of the lower Nyquist frequency;</li>
 *   <li>downsampling stopband: a tone above the output's Nyquist frequency must vanish; the
 *       attenuation is the output RMS relative to the input RMS, in dB below;</li>
 *   <li>upsampling images: the residual RMS after removing the tone, relative to the input RMS.</li>
 * </ul>
 */
final class ResamplerMeasurements {
    static final int[] RATES_HZ = {8000, 16000, 22050, 32000, 44100, 48000};
    static final double AMPLITUDE = 0.5;
    static final double SECONDS = 1.0;
    static final double EDGE_SECONDS = 0.05;
    /** Passband test tones, as fractions of the lower Nyquist frequency. */
    static final double[] PASSBAND_FRACTIONS = {0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9};
    /** Stopband tones when downsampling, as multiples of the output Nyquist frequency (capped below the input's). */
    static final double[] STOPBAND_MULTIPLES = {1.0, 1.001, 1.01, 1.03, 1.1, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 5.9};
    /** Upsampling tones whose images are measured, as fractions of the input Nyquist frequency. */
    static final double[] IMAGE_FRACTIONS = {0.01, 0.1, 0.25, 0.4, 0.5, 0.75, 0.9};

    private ResamplerMeasurements() {
    }

    /** Fitted tone amplitude and residual RMS of one resampled sine. */
    record ToneResult(double amplitude, double residualRms, double outputRms) {
    }

    static ToneResult measure(int fromHz, int toHz, double toneHz) {
        int frames = (int) Math.round(SECONDS * fromHz);
        float[] in = Signals.sine(toneHz, AMPLITUDE, 0.3, frames, fromHz);
        float[] out = Resampler.resample(in, fromHz, toHz);
        int edge = (int) Math.round(EDGE_SECONDS * toHz);
        int from = edge;
        int to = out.length - edge;
        double w = 2 * Math.PI * toneHz / toHz;
        // normal equations of the 2-parameter fit
        double ss = 0;
        double cc = 0;
        double sc = 0;
        double ys = 0;
        double yc = 0;
        double yy = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(w * i);
            double c = Math.cos(w * i);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += out[i] * s;
            yc += out[i] * c;
            yy += (double) out[i] * out[i];
        }
        double det = ss * cc - sc * sc;
        double a = 0;
        double b = 0;
        if (Math.abs(det) > 1e-9 * ss * cc) {
            a = (ys * cc - yc * sc) / det;
            b = (yc * ss - ys * sc) / det;
        }
        double residual = 0;
        for (int i = from; i < to; i++) {
            double r = out[i] - (a * Math.sin(w * i) + b * Math.cos(w * i));
            residual += r * r;
        }
        int count = to - from;
        return new ToneResult(Math.hypot(a, b), Math.sqrt(residual / count), Math.sqrt(yy / count));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** Largest |gain| in dB over the passband tones. */
    static double passbandDeviationDb(int fromHz, int toHz) {
        double lowerNyquist = Math.min(fromHz, toHz) / 2.0;
        double worst = 0;
        for (double fraction : PASSBAND_FRACTIONS) {
            double gainDb = db(measure(fromHz, toHz, fraction * lowerNyquist).amplitude() / AMPLITUDE);
            worst = Math.max(worst, Math.abs(gainDb));
        }
        return worst;
    }

    /** The stopband tones used when downsampling {@code fromHz} to {@code toHz}, in Hz. */
    static List<Double> stopbandTonesHz(int fromHz, int toHz) {
        List<Double> tones = new ArrayList<>();
        double outNyquist = toHz / 2.0;
        for (double m : STOPBAND_MULTIPLES) {
            double f = m * outNyquist;
            if (f < 0.98 * fromHz / 2.0) {
                tones.add(f);
            }
        }
        tones.add(0.98 * fromHz / 2.0);
        return tones;
    }

    /**
     * The smallest attenuation, in dB (positive), of everything that should not be in the output:
     * downsampling, tones above the output Nyquist frequency; upsampling, the images of passband tones.
     */
    static double stopbandAttenuationDb(int fromHz, int toHz) {
        double inputRms = AMPLITUDE / Math.sqrt(2);
        double worst = Double.POSITIVE_INFINITY;
        if (toHz < fromHz) {
            for (double f : stopbandTonesHz(fromHz, toHz)) {
                worst = Math.min(worst, -db(measure(fromHz, toHz, f).outputRms() / inputRms));
            }
        } else {
            for (double fraction : IMAGE_FRACTIONS) {
                worst = Math.min(worst, -db(measure(fromHz, toHz, fraction * fromHz / 2.0).residualRms() / inputRms));
            }
        }
        return worst;
    }

    /** Prints the per-pair table (markdown) and the 10 s 44.1 kHz -> 32 kHz timing. */
    public static void main(String[] args) {
        System.out.println("| from Hz | to Hz | taps/output | passband max deviation dB (tones <= 0.9 x lower Nyquist) | min stopband attenuation dB |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int from : RATES_HZ) {
            for (int to : RATES_HZ) {
                if (from != to) {
                    System.out.printf(Locale.ROOT, "| %d | %d | %d | %.5f | %.1f |%n", from, to,
                            Resampler.tapsPerOutputSample(from, to), passbandDeviationDb(from, to),
                            stopbandAttenuationDb(from, to));
                }
            }
        }
        float[] tenSeconds = Signals.whiteNoise(1, 1, 441000, 0.5)[0];
        for (int i = 0; i < 20; i++) {
            Resampler.resample(tenSeconds, 44100, 32000);
        }
        int reps = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            Resampler.resample(tenSeconds, 44100, 32000);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / reps;
        System.out.printf(Locale.ROOT, "10 s of 44.1 kHz -> 32 kHz: %.1f ms per call (mean of %d after warm-up)%n", ms, reps);
    }
}
