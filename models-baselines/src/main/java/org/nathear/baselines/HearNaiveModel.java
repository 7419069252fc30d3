package org.nathear.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.LogMelSpectrogram;
import org.nathear.api.audio.MelFilterbank;
import org.nathear.api.audio.MelSpectrogramConfig;
import org.nathear.api.audio.Stft;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.util.Hashing;

/**
 * HEAR-Naive, the baseline of the HEAR benchmark and the zero point of s(m): a log-mel spectrogram
 * followed by a fixed random projection to 4096 dimensions (after hear-baseline's
 * {@code hearbaseline.naive}, v2021.1.1).
 *
 * <ul>
 *   <li>Input: mono, 44.1 kHz (the runner adapts other layouts and rates).</li>
 *   <li>Frames: 4096 samples (92.9 ms), periodic Hann window, zero-padded by half a frame at both
 *       ends so that frame k is centred on sample {@code k * hop}; {@code 1 + floor(n / hop)} frames.</li>
 *   <li>Features: power spectrum → 256 mel bands, Slaney scale and Slaney (unit-area) norm, 0 Hz to
 *       22.05 kHz (librosa's default filters) → {@code ln(mel + 1e-4)}.</li>
 *   <li>Projection: {@code e = W x}, W 4096 × 256 Gaussian with standard deviation 1/16 from the seed
 *       (option {@code seed}, default 0); see {@link RandomProjection}.</li>
 *   <li>Timestamp embeddings every 50 ms (2205 samples), centre times {@code 50 k} ms, all within the
 *       clip.</li>
 *   <li>Scene embedding: the mean of the embeddings of frames at a 250 ms hop, as hear-baseline does.
 *       The projection is linear, so the mean of {@code W x_t} equals {@code W} times the mean of
 *       {@code x_t}: the model averages the log-mel frames and projects once.</li>
 * </ul>
 *
 * <p>Differences from hear-baseline, on purpose: its projection is {@code torch.rand} (uniform in
 * [0, 1)) / 16 from torch's generator, which Java cannot reproduce; here it is Gaussian with the same
 * scale (zero-mean weights keep the 4096 outputs from all being nearly the same positive mix). The
 * embeddings span the same 256-dimensional space of log-mel frames either way. Everything is computed
 * in double up to the log-mel, float after.
 *
 * <p>The opened model is thread-safe: each call makes its own spectrogram buffers; the projection
 * and filterbank are immutable and shared.
 */
public final class HearNaiveModel implements ModelPlugin {
    public static final String ID = "hear-naive";
    public static final String VERSION = "1.0.0";
    public static final int SAMPLE_RATE_HZ = 44100;
    public static final int N_FFT = 4096;
    public static final int N_MELS = 256;
    public static final int EMBEDDING_SIZE = 4096;
    public static final double LOG_EPSILON = 1e-4;
    public static final int TIMESTAMP_HOP_SAMPLES = 2205;   // 50 ms
    public static final int SCENE_HOP_SAMPLES = 11025;      // 250 ms
    /** Option: the projection seed (a long; default {@value #DEFAULT_SEED}). */
    public static final String OPTION_SEED = "seed";
    public static final long DEFAULT_SEED = 0;

    private static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ID, VERSION, SAMPLE_RATE_HZ,
            Set.of(ChannelLayout.MONO), EMBEDDING_SIZE, EMBEDDING_SIZE, TIMESTAMP_HOP_SAMPLES * 1000.0 / SAMPLE_RATE_HZ,
            "HEAR-Naive baseline: 256-band log-mel (44.1 kHz, 4096-sample frames) and a seeded random projection to 4096 dims");

    /** The log-mel settings at the timestamp hop (50 ms). */
    public static MelSpectrogramConfig logMelConfig() {
        return new MelSpectrogramConfig(SAMPLE_RATE_HZ, N_FFT, N_FFT, TIMESTAMP_HOP_SAMPLES, N_MELS, 0, SAMPLE_RATE_HZ / 2.0,
                2.0, true, Stft.PadMode.ZERO, MelFilterbank.Scale.SLANEY, MelFilterbank.Norm.SLANEY, LOG_EPSILON);
    }

    @Override
    public ModelDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of(OPTION_SEED);
    }

    @Override
    public OpenedModel open(ModelOptions options) {
        options.requireKnown(ID, optionNames());
        return new Opened(seed(options));
    }

    /**
     * The weights are generated, not loaded: this is the SHA-256 of the canonical description of how
     * they are made ({@link #weightsDescription(long)}), so any change to seed, sizes, generator or
     * front end gives a new value.
     */
    @Override
    public String weightsSha256(ModelOptions options) {
        return Hashing.sha256(weightsDescription(seed(options)));
    }

    /** The canonical text {@link #weightsSha256} hashes. */
    public static String weightsDescription(long seed) {
        return ID + ":version=" + VERSION + ":projection=gaussian(0,1/sqrt(" + N_MELS + ")):generator=java.util.Random"
                + ":order=out-major:seed=" + seed + ":in=" + N_MELS + ":dims=" + EMBEDDING_SIZE
                + ":scene-hop=" + SCENE_HOP_SAMPLES + ":" + logMelConfig().canonical();
    }

    private static long seed(ModelOptions options) {
        return options.getLong(OPTION_SEED, DEFAULT_SEED);
    }

    /** The opened model: the projection and the filterbank, both immutable. */
    static final class Opened implements OpenedModel {
        private final RandomProjection projection;
        private final MelSpectrogramConfig timestampConfig;
        private final MelSpectrogramConfig sceneConfig;
        private final MelFilterbank filterbank;

        Opened(long seed) {
            this.projection = RandomProjection.gaussian(seed, N_MELS, EMBEDDING_SIZE);
            this.timestampConfig = logMelConfig();
            this.sceneConfig = timestampConfig.withHopLength(SCENE_HOP_SAMPLES);
            this.filterbank = new MelFilterbank(timestampConfig);
        }

        RandomProjection projection() {
            return projection;
        }

        /**
         * 0: HEAR-Naive learns nothing. Its fixed random projection (256 × 4096 numbers drawn from the
         * seed) is not counted, as no training set it.
         */
        @Override
        public OptionalLong parameterCount() {
            return OptionalLong.of(0);
        }

        @Override
        public ModelDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public float[][] sceneEmbeddings(List<AudioClip> clips) {
            LogMelSpectrogram logMel = new LogMelSpectrogram(sceneConfig, filterbank);
            float[][] means = new float[clips.size()][];
            for (int c = 0; c < clips.size(); c++) {
                float[][] frames = logMel.compute(mono(clips.get(c), c));
                double[] sum = new double[N_MELS];
                for (float[] frame : frames) {
                    for (int m = 0; m < N_MELS; m++) {
                        sum[m] += frame[m];
                    }
                }
                float[] mean = new float[N_MELS];
                for (int m = 0; m < N_MELS; m++) {
                    mean[m] = (float) (sum[m] / frames.length);
                }
                means[c] = mean;
            }
            return projection.project(means);
        }

        @Override
        public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
            LogMelSpectrogram logMel = new LogMelSpectrogram(timestampConfig, filterbank);
            List<FrameEmbeddings> out = new ArrayList<>(clips.size());
            for (int c = 0; c < clips.size(); c++) {
                float[][] frames = logMel.compute(mono(clips.get(c), c));
                double[] timestamps = new double[frames.length];
                for (int k = 0; k < frames.length; k++) {
                    timestamps[k] = k * (double) TIMESTAMP_HOP_SAMPLES * 1000.0 / SAMPLE_RATE_HZ;
                }
                out.add(new FrameEmbeddings(projection.project(frames), timestamps));
            }
            return out;
        }

        private static float[] mono(AudioClip clip, int index) {
            if (clip.layout() != ChannelLayout.MONO || clip.sampleRateHz() != SAMPLE_RATE_HZ) {
                throw new AudioFormatException("Model '" + ID + "' takes mono audio at " + SAMPLE_RATE_HZ
                        + " Hz; clip " + index + " is " + clip.layout() + " at " + clip.sampleRateHz()
                        + " Hz (the runner's channel adapter and resampler convert it)");
            }
            return clip.channel(0);
        }
    }
}
