package org.nathear.api.audio;

import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ConfigurationException;

/**
 * Log-mel spectrogram of one channel: {@code ln(melFilters · |STFT|^power + logEpsilon)}, with the
 * STFT and filters of a {@link MelSpectrogramConfig}. Matches {@code torchaudio.transforms.MelSpectrogram}
 * followed by {@code torch.log(x + eps)} (computed in double precision, returned as float).
 *
 * <p>Orientation: results are {@code float[frame][mel]} (time-major, one row per frame, the
 * {@code (T, F)} layout GRAM feeds its encoder). Frame t is centred on sample {@code t * hop} when
 * {@code center}; see {@link Stft}.
 *
 * <p>Not thread-safe: an instance reuses its FFT plan and buffers across frames and calls, so that
 * a call allocates only its result. Use one instance per thread (e.g. a {@code ThreadLocal}, or
 * one per worker); the filterbank is immutable and can be shared via
 * {@link #LogMelSpectrogram(MelSpectrogramConfig, MelFilterbank)}.
 */
public final class LogMelSpectrogram {
    private final MelSpectrogramConfig config;
    private final MelFilterbank filterbank;
    private final Stft stft;
    private final double[] spectrum;
    private final double[] mel;

    /** A log-mel front end for {@code config}: the STFT and the mel filterbank are built once and reused. */
    public LogMelSpectrogram(MelSpectrogramConfig config) {
        this(config, new MelFilterbank(config));
    }

    /** Shares an already built filterbank (immutable) between instances; it must fit the config. */
    public LogMelSpectrogram(MelSpectrogramConfig config, MelFilterbank filterbank) {
        if (filterbank.binCount() != config.binCount() || filterbank.melCount() != config.nMels()) {
            throw new ConfigurationException("Filterbank of " + filterbank.binCount() + " bins x "
                    + filterbank.melCount() + " mels does not fit the config (" + config.binCount() + " bins x "
                    + config.nMels() + " mels)");
        }
        this.config = config;
        this.filterbank = filterbank;
        this.stft = new Stft(config);
        this.spectrum = new double[config.binCount()];
        this.mel = new double[config.nMels()];
    }

    /** The configuration this front end was built with. */
    public MelSpectrogramConfig config() {
        return config;
    }

    /** The mel filterbank applied to the power spectrum. */
    public MelFilterbank filterbank() {
        return filterbank;
    }

    /** Frames produced for {@code samples} input samples. */
    public int frameCount(int samples) {
        return stft.frameCount(samples);
    }

    /** Log-mel of one channel of a clip, which must be at the configured rate. */
    public float[][] compute(AudioClip clip, int channel) {
        if (clip.sampleRateHz() != config.sampleRateHz()) {
            throw new AudioFormatException("Log-mel configured for " + config.sampleRateHz() + " Hz got a clip at "
                    + clip.sampleRateHz() + " Hz; resample it first (Resampler.resample)");
        }
        return compute(clip.channel(channel));
    }

    /** Log-mel of a signal at the configured rate: {@code [frame][mel]}. */
    public float[][] compute(float[] signal) {
        stft.checkSignal(signal);
        float[][] out = new float[stft.frameCount(signal.length)][config.nMels()];
        double eps = config.logEpsilon();
        for (int t = 0; t < out.length; t++) {
            melFrame(signal, t);
            float[] row = out[t];
            for (int m = 0; m < mel.length; m++) {
                row[m] = (float) Math.log(mel[m] + eps);
            }
        }
        return out;
    }

    /** Mel power (before the log) in double precision, {@code [frame][mel]}; for checks and tools. */
    public double[][] melPower(float[] signal) {
        stft.checkSignal(signal);
        double[][] out = new double[stft.frameCount(signal.length)][];
        for (int t = 0; t < out.length; t++) {
            melFrame(signal, t);
            out[t] = mel.clone();
        }
        return out;
    }

    private void melFrame(float[] signal, int frame) {
        stft.frameSpectrum(signal, frame, config.power(), spectrum);
        filterbank.apply(spectrum, mel);
    }
}
