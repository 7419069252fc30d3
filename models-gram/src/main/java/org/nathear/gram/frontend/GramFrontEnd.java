package org.nathear.gram.frontend;

import java.util.stream.IntStream;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.audio.LogMelSpectrogram;
import org.nathear.api.audio.MelFilterbank;
import org.nathear.api.audio.MelSpectrogramConfig;
import org.nathear.api.audio.Stft;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramVariant;

/**
 * GRAM's input features, as the reference implementation computes them.
 *
 * <p>All variants: 32 kHz audio, STFT with n_fft 1024, periodic Hann 1024, hop 320 (10 ms), centred
 * frames with reflect padding, 128 HTK mel bands 50 Hz–16 kHz without normalisation
 * ({@link MelSpectrogramConfig#gram()}).
 * <ul>
 *   <li>Binaural / clean: per channel {@code ln(mel power + eps)}, eps = {@link GramConfig#logEpsilon()}.</li>
 *   <li>Ambisonics (4 channels in GRAM's layout, see {@link AmbisonicsLayout}): per channel
 *       {@code ln(mel power + 1e-6)}, then three active intensity-vector channels: per STFT bin
 *       {@code I_c = 2 Re(conj(W) X_c) / (1e-6 + |W|² + Σ|X_c|²)} for the channels 1–3, projected on
 *       the same mel filters (no log). 7 channels in the order [logmel 0..3, IV 1..3].</li>
 * </ul>
 *
 * <p>Output: {@code float[channel][frame][mel]}. Instances are immutable and thread-safe (each call
 * makes its own STFT buffers); the filterbank is shared.
 */
public final class GramFrontEnd {
    /** Sample rate every GRAM model takes. */
    public static final int SAMPLE_RATE_HZ = 32000;
    /** Offset in the intensity-vector energy denominator (the reference's extractor eps). */
    public static final double INTENSITY_EPSILON = 1e-6;

    private final GramVariant variant;
    private final MelSpectrogramConfig melConfig;
    private final MelFilterbank filterbank;

    public GramFrontEnd(GramConfig config) {
        this.variant = config.variant();
        this.melConfig = MelSpectrogramConfig.gram().withLogEpsilon(config.logEpsilon());
        this.filterbank = new MelFilterbank(melConfig);
    }

    public GramVariant variant() {
        return variant;
    }

    /** The mel settings (for provenance). */
    public MelSpectrogramConfig melConfig() {
        return melConfig;
    }

    /** Frames produced for a signal of {@code samples} samples (1 + samples / 320). */
    public int frameCount(int samples) {
        return melConfig.frameCount(samples);
    }

    /**
     * Converts a clip to the audio channels the variant's front end takes, following the reference
     * wrapper where layouts differ: binaural takes L/R (mono is duplicated, FOA gives W twice);
     * Ambisonics takes FOA converted to GRAM's layout (mono is copied to all four channels, as the
     * reference does for dry audio); clean takes mono (binaural gives the mean of L/R, FOA gives W).
     */
    public float[][] modelChannels(AudioClip clip) {
        if (clip.sampleRateHz() != SAMPLE_RATE_HZ) {
            throw new AudioFormatException("GRAM takes audio at " + SAMPLE_RATE_HZ + " Hz; got " + clip.sampleRateHz()
                    + " Hz (resample with org.nathear.api.audio.Resampler first)");
        }
        float[][] s = clip.samples();
        ChannelLayout layout = clip.layout();
        return switch (variant) {
            case BINAURAL -> switch (layout) {
                case BINAURAL -> new float[][] {s[0], s[1]};
                case MONO -> new float[][] {s[0], s[0]};
                case FOA -> new float[][] {s[0], s[0]};
            };
            case AMBISONICS -> switch (layout) {
                case FOA -> AmbisonicsLayout.toGram(s);
                case MONO -> new float[][] {s[0], s[0], s[0], s[0]};
                case BINAURAL -> throw new AudioFormatException("GRAM-Ambisonics cannot take a binaural clip: there is no "
                        + "conversion from two ears to first-order Ambisonics; use gram-binaural");
            };
            case CLEAN -> switch (layout) {
                case MONO -> new float[][] {s[0]};
                case BINAURAL -> {
                    float[] mean = new float[s[0].length];
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] = 0.5f * (s[0][i] + s[1][i]);
                    }
                    yield new float[][] {mean};
                }
                case FOA -> new float[][] {s[0]};
            };
        };
    }

    /**
     * Features of the variant's audio channels ({@link #modelChannels}): {@code [channel][frame][mel]}
     * with {@link GramVariant#featureChannels()} channels.
     */
    public float[][][] features(float[][] audio) {
        if (audio.length != variant.audioChannels()) {
            throw new AudioFormatException("GRAM-" + variant.id() + " front end takes " + variant.audioChannels()
                    + " audio channel(s); got " + audio.length);
        }
        int n = audio[0].length;
        if (n == 0) {
            throw new AudioFormatException("GRAM-" + variant.id() + " front end got an empty clip (0 samples)");
        }
        for (float[] channel : audio) {
            if (channel.length != n) {
                throw new AudioFormatException("All channels must have the same length; got " + channel.length + " and " + n);
            }
        }
        if (variant != GramVariant.AMBISONICS) {
            float[][][] out = new float[audio.length][][];
            for (int c = 0; c < audio.length; c++) {
                out[c] = new LogMelSpectrogram(melConfig, filterbank).compute(audio[c]);
            }
            return out;
        }
        return ambisonicFeatures(audio);
    }

    private float[][][] ambisonicFeatures(float[][] audio) {
        int frames = melConfig.frameCount(audio[0].length);
        int bins = melConfig.binCount();
        int mels = melConfig.nMels();
        float[][][] out = new float[7][frames][mels];
        Stft[] stft = new Stft[4];
        for (int c = 0; c < 4; c++) {
            stft[c] = new Stft(melConfig);
        }
        double[][] re = new double[4][bins];
        double[][] im = new double[4][bins];
        double[] power = new double[bins];
        double[] intensity = new double[bins];
        double[] energy = new double[bins];
        double[] mel = new double[mels];
        double eps = melConfig.logEpsilon();
        for (int t = 0; t < frames; t++) {
            for (int c = 0; c < 4; c++) {
                if (c > 0 && audio[c] == audio[0]) {
                    // dry mono copied to every channel (the reference's handling of mono): one STFT serves all
                    System.arraycopy(re[0], 0, re[c], 0, bins);
                    System.arraycopy(im[0], 0, im[c], 0, bins);
                    System.arraycopy(out[0][t], 0, out[c][t], 0, mels);
                    continue;
                }
                stft[c].frameComplex(audio[c], t, re[c], im[c]);
                for (int k = 0; k < bins; k++) {
                    power[k] = re[c][k] * re[c][k] + im[c][k] * im[c][k];
                }
                filterbank.apply(power, mel);
                for (int m = 0; m < mels; m++) {
                    out[c][t][m] = (float) Math.log(mel[m] + eps);
                }
            }
            for (int k = 0; k < bins; k++) {
                double e = INTENSITY_EPSILON;
                for (int d = 0; d < 4; d++) {
                    e += re[d][k] * re[d][k] + im[d][k] * im[d][k];
                }
                energy[k] = e;
            }
            for (int c = 1; c < 4; c++) {
                for (int k = 0; k < bins; k++) {
                    // Re(conj(W) X) = Re W Re X + Im W Im X
                    intensity[k] = 2 * (re[0][k] * re[c][k] + im[0][k] * im[c][k]) / energy[k];
                }
                filterbank.apply(intensity, mel);
                for (int m = 0; m < mels; m++) {
                    out[3 + c][t][m] = (float) mel[m];
                }
            }
        }
        return out;
    }

    /** Features of many clips' audio channels in parallel (each clip independent). */
    public float[][][][] featuresParallel(float[][][] audios) {
        float[][][][] out = new float[audios.length][][][];
        IntStream.range(0, audios.length).parallel().forEach(i -> out[i] = features(audios[i]));
        return out;
    }
}
