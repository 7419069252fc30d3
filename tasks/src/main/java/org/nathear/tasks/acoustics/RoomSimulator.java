package org.nathear.tasks.acoustics;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.DoubleFFT_1D;
import org.nathear.api.ConfigurationException;
import org.nathear.tasks.acoustics.receivers.Receiver;
import org.nathear.tasks.dsp.FftPlans;

/**
 * Room impulse responses of shoebox rooms: specular early reflections by the image-source method
 * and a stochastic, diffuse late tail (a hybrid model, see {@code docs/nat-hear.md}).
 *
 * <p><b>Early part.</b> Every image path arriving before the transition time is added as an impulse
 * at its (rounded) arrival sample, through the receiver's response to its direction, once per
 * octave band with that band's amplitude. The band signals are then filtered by the
 * {@link OctaveBands} crossover (a zero-phase FFT-domain filter bank whose bands sum to one) and
 * summed, which gives each reflection a smooth frequency-dependent absorption.
 *
 * <p><b>Late tail.</b> After the transition the sound field is taken as diffuse: Gaussian noise
 * whose variance per sample, at the omnidirectional pressure, is {@code c / (4π V fs) · 10^(−6 t /
 * T60(f))} — the expected energy the image sources of a room deliver per unit time ({@code 4π c³ t²
 * / V} images per second, each {@code 1 / (4π c t)²}), decaying at Eyring's rate of each octave band
 * (interpolated over frequency with the crossover weights). The noise is made frame by frame in an
 * STFT (64 ms Hann frames, 75 % overlap) and coloured with the receiver's diffuse-field covariance, so a
 * binaural tail has the interaural coherence of the head and an Ambisonics tail dipoles a third of
 * the omni energy. Early part and tail cross-fade over {@link Settings#crossfadeMillis()} with
 * energy-preserving sine/cosine ramps.
 *
 * <p>Without the tail ({@link Settings#withoutLateTail()}) image sources fill the whole response;
 * specular shoebox responses decay more slowly than Eyring predicts because grazing paths along the
 * long axes keep few reflections (measured in the tests and reported in the docs).
 *
 * <p>Thread-safe; the same inputs and seed give the same response.
 */
public final class RoomSimulator {
    private static final double LN10 = Math.log(10);
    private static final Map<Long, double[][]> MASKS = new ConcurrentHashMap<>();
    /** Frame length of the late tail's STFT synthesis (rounded up to a power of two of samples). */
    private static final double TAIL_FRAME_SECONDS = 0.064;

    /**
     * How responses are made.
     *
     * @param transitionMillis  end of the image-source part; {@code NaN} picks {@link #autoTransitionMillis(Room)}
     * @param crossfadeMillis   length of the cross-fade from image sources to the tail, ending at the transition
     * @param lateTail          false: image sources up to the full length, no tail
     * @param lengthFactor      response length as a multiple of the longest band's Eyring RT60 (1 = a 60 dB decay)
     * @param maxLengthSeconds  upper limit of the response length
     * @param maxOrder          highest reflection order kept (0: direct sound only, an anechoic response); -1: all
     */
    public record Settings(double transitionMillis, double crossfadeMillis, boolean lateTail, double lengthFactor,
                           double maxLengthSeconds, int maxOrder) {
        public Settings {
            if (!(Double.isNaN(transitionMillis) || transitionMillis > 0)) {
                throw new ConfigurationException("Transition time must be positive (or NaN for automatic); got "
                        + transitionMillis + " ms");
            }
            if (maxOrder < -1) {
                throw new ConfigurationException("Maximum reflection order must be -1 (all) or at least 0; got " + maxOrder);
            }
            if (maxOrder >= 0 && lateTail) {
                throw new ConfigurationException("A response limited to reflection order " + maxOrder + " cannot have a late tail");
            }
            if (!(crossfadeMillis >= 0) || !(lengthFactor > 0) || !(maxLengthSeconds > 0)) {
                throw new ConfigurationException("Simulator settings need crossfade >= 0, length factor > 0 and a positive "
                        + "maximum length; got " + crossfadeMillis + " ms, " + lengthFactor + ", " + maxLengthSeconds + " s");
            }
        }

        /** Automatic transition, 10 ms cross-fade, late tail on, length = 1.0 × the longest RT60, at most 3 s. */
        public static Settings defaults() {
            return new Settings(Double.NaN, 10, true, 1.0, 3.0, -1);
        }

        /** The direct sound only: a free-field (anechoic) response through the receiver. */
        public static Settings anechoic() {
            return new Settings(Double.NaN, 0, false, 1.0, 3.0, 0);
        }

        public Settings withTransitionMillis(double millis) {
            return new Settings(millis, crossfadeMillis, lateTail, lengthFactor, maxLengthSeconds, maxOrder);
        }

        public Settings withoutLateTail() {
            return new Settings(transitionMillis, crossfadeMillis, false, lengthFactor, maxLengthSeconds, maxOrder);
        }

        public Settings withLength(double factor, double maxSeconds) {
            return new Settings(transitionMillis, crossfadeMillis, lateTail, factor, maxSeconds, maxOrder);
        }
    }

    private RoomSimulator() {
    }

    /**
     * The automatic transition time: Lindau et al.'s predictor of the perceptual mixing time,
     * {@code 20 V/S + 12} ms (V/S in metres), the time after which a room's response is heard as
     * diffuse (Lindau, Kosanke and Weinzierl, JAES 60(11), 2012).
     */
    public static double autoTransitionMillis(Room room) {
        return 20 * room.volumeCubicMeters() / room.surfaceSquareMeters() + 12;
    }

    /** The response length in samples for a room and settings. */
    public static int lengthSamples(Room room, Settings settings, int sampleRateHz) {
        double longest = 0;
        for (double t : room.eyringRt60SecondsPerBand()) {
            longest = Math.max(longest, t);
        }
        double seconds = Math.min(settings.maxLengthSeconds(), settings.lengthFactor() * longest);
        return Math.max(1, (int) Math.ceil(seconds * sampleRateHz));
    }

    /**
     * The impulse response from {@code source} to a receiver at {@code listener}, {@code [channel][sample]},
     * sample 0 being the moment the source emits.
     */
    public static float[][] render(Room room, Vec3 source, Listener listener, Receiver receiver, Settings settings,
                                   long seed) {
        int fs = receiver.sampleRateHz();
        int channels = receiver.layout().channelCount();
        double directDelay = source.minus(listener.position()).norm() / Room.SPEED_OF_SOUND_METERS_PER_SECOND;
        int directEnd = (int) Math.ceil(directDelay * fs) + receiver.responseSamples() + 1;
        int length = settings.maxOrder() == 0 ? directEnd : Math.max(lengthSamples(room, settings, fs), directEnd);
        double transition = settings.lateTail()
                ? (Double.isNaN(settings.transitionMillis()) ? autoTransitionMillis(room) : settings.transitionMillis()) / 1000
                : length / (double) fs;
        if (settings.lateTail()) {
            // the direct sound always belongs to the early part, clear of the cross-fade
            transition = Math.max(transition, directDelay + settings.crossfadeMillis() / 1000 + 0.005);
        }
        double crossfade = settings.lateTail() ? Math.min(settings.crossfadeMillis() / 1000, transition) : 0;
        double fadeStart = transition - crossfade;

        double[][] out = new double[channels][length];
        early(room, source, listener, receiver, transition, fadeStart, crossfade, settings.maxOrder(), out);
        if (settings.lateTail()) {
            tail(room, receiver, fadeStart, crossfade, new SplittableRandom(seed), out);
        }
        float[][] result = new float[channels][length];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < length; i++) {
                result[c][i] = (float) out[c][i];
            }
        }
        return result;
    }

    /** Image sources before {@code transition}, band-filtered, faded out over the cross-fade, added to {@code out}. */
    private static void early(Room room, Vec3 source, Listener listener, Receiver receiver, double transition,
                              double fadeStart, double crossfade, int maxOrder, double[][] out) {
        int fs = receiver.sampleRateHz();
        int channels = out.length;
        int length = out[0].length;
        int span = Math.min(length, (int) Math.ceil(transition * fs) + 1) + receiver.responseSamples() + 1;
        int guard = FftPlans.nextPowerOfTwo((long) Math.ceil(0.05 * fs));
        int fftSize = FftPlans.nextPowerOfTwo((long) span + guard);
        double[][][] bands = new double[OctaveBands.COUNT][channels][fftSize];
        double[] gains = new double[OctaveBands.COUNT];
        ImageSources.visit(room, source, listener.position(), transition, (delay, distance, direction, order, amplitudes) -> {
            int at = (int) Math.round(delay * fs);
            if (at >= span - receiver.responseSamples() || (maxOrder >= 0 && order > maxOrder)) {
                return;
            }
            double weight = 1;
            if (crossfade > 0 && delay > fadeStart) {
                weight = Math.cos(Math.PI / 2 * Math.min(1, (delay - fadeStart) / crossfade));
            }
            for (int b = 0; b < gains.length; b++) {
                gains[b] = amplitudes[b] * weight;
            }
            receiver.addImpulse(bands, at, gains, listener.toHead(direction));
        });
        double[][] masks = masks(fftSize, fs);
        DoubleFFT_1D fft = FftPlans.of(fftSize);
        double[] sum = new double[fftSize];
        int keep = Math.min(length, fftSize - guard / 2);
        for (int c = 0; c < channels; c++) {
            java.util.Arrays.fill(sum, 0);
            for (int b = 0; b < OctaveBands.COUNT; b++) {
                double[] x = bands[b][c];
                fft.realForward(x);
                double[] m = masks[b];
                for (int i = 0; i < fftSize; i++) {
                    sum[i] += m[i] * x[i];
                }
            }
            fft.realInverse(sum, true);
            for (int i = 0; i < keep; i++) {
                out[c][i] += sum[i];
            }
        }
    }

    /**
     * The crossover weight of every band for every value of JTransforms' packed real spectrum of
     * size {@code n} ({@code [band][index]}, so that a spectrum is filtered by multiplying index by index).
     */
    static double[][] masks(int n, int fs) {
        return MASKS.computeIfAbsent(((long) n << 32) | fs, key -> {
            double[][] m = new double[OctaveBands.COUNT][n];
            double[] w = new double[OctaveBands.COUNT];
            for (int k = 0; k <= n / 2; k++) {
                OctaveBands.weights(k * (double) fs / n, w);
                for (int b = 0; b < OctaveBands.COUNT; b++) {
                    if (k == 0) {
                        m[b][0] = w[b];
                    } else if (k == n / 2) {
                        m[b][1] = w[b];
                    } else {
                        m[b][2 * k] = w[b];
                        m[b][2 * k + 1] = w[b];
                    }
                }
            }
            return m;
        });
    }

    /** The diffuse late tail from {@code fadeStart} on, faded in over the cross-fade, added to {@code out}. */
    private static void tail(Room room, Receiver receiver, double fadeStart, double crossfade, SplittableRandom random,
                             double[][] out) {
        int fs = receiver.sampleRateHz();
        int channels = out.length;
        int length = out[0].length;
        int start = (int) Math.floor(fadeStart * fs);
        if (start >= length) {
            return;
        }
        int frame = Math.max(64, Math.max(FftPlans.nextPowerOfTwo((long) Math.ceil(TAIL_FRAME_SECONDS * fs)),
                FftPlans.nextPowerOfTwo(receiver.responseSamples() + 1L)));
        int hop = frame / 4;
        int bins = frame / 2 + 1;
        double[] window = new double[frame];
        for (int i = 0; i < frame; i++) {
            // periodic Hann / sqrt(1.5): its squares sum to 1 at 75 % overlap; sidelobes fall 18 dB per octave,
            // so a slowly decaying low band does not leak into its neighbours' late decay
            window[i] = (0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame)) / Math.sqrt(1.5);
        }
        double[] rt60 = room.eyringRt60SecondsPerBand();
        double[] bandRate = new double[OctaveBands.COUNT];
        for (int b = 0; b < bandRate.length; b++) {
            bandRate[b] = 3 * LN10 / rt60[b]; // amplitude decay rate, 1/s
        }
        double[] decayRate = new double[bins];
        for (int k = 0; k < bins; k++) {
            decayRate[k] = OctaveBands.interpolate(bandRate, k * (double) fs / frame);
        }
        double level = Math.sqrt(Room.SPEED_OF_SOUND_METERS_PER_SECOND / (4 * Math.PI * room.volumeCubicMeters() * fs));
        Receiver.DiffuseColouring colouring = receiver.diffuseColouring(frame);
        DoubleFFT_1D fft = FftPlans.of(frame);
        double[][] spectra = new double[channels][frame];
        double[] re = new double[channels];
        double[] im = new double[channels];
        double sigmaEdge = Math.sqrt(frame);
        double sigmaInner = Math.sqrt(frame / 2.0);
        int firstFrame = Math.max(0, start / hop - 3);
        double[][] acc = new double[channels][];
        for (int c = 0; c < channels; c++) {
            acc[c] = new double[length + 2 * frame];
        }
        for (int f = firstFrame; (long) f * hop < length; f++) {
            int position = f * hop;
            double centre = (position + frame / 2.0) / fs;
            for (int k = 0; k < bins; k++) {
                boolean edge = k == 0 || k == frame / 2;
                for (int c = 0; c < channels; c++) {
                    re[c] = random.nextGaussian() * (edge ? sigmaEdge : sigmaInner);
                    im[c] = edge ? 0 : random.nextGaussian() * sigmaInner;
                }
                colouring.colour(k, re, im);
                double envelope = level * Math.exp(-decayRate[k] * centre);
                for (int c = 0; c < channels; c++) {
                    if (k == 0) {
                        spectra[c][0] = re[c] * envelope;
                    } else if (k == frame / 2) {
                        spectra[c][1] = re[c] * envelope;
                    } else {
                        spectra[c][2 * k] = re[c] * envelope;
                        spectra[c][2 * k + 1] = im[c] * envelope;
                    }
                }
            }
            for (int c = 0; c < channels; c++) {
                fft.realInverse(spectra[c], true);
                double[] a = acc[c];
                for (int i = 0; i < frame; i++) {
                    a[position + i] += spectra[c][i] * window[i];
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            double[] a = acc[c];
            for (int i = start; i < length; i++) {
                double t = i / (double) fs;
                double weight = crossfade > 0 && t < fadeStart + crossfade
                        ? Math.sin(Math.PI / 2 * Math.max(0, (t - fadeStart) / crossfade)) : 1;
                out[c][i] += a[i] * weight;
            }
        }
    }
}
