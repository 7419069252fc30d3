package org.nathear.api.audio;

import java.util.Locale;
import org.nathear.api.ConfigurationException;

/**
 * Settings of a (log-)mel spectrogram, with torchaudio's {@code MelSpectrogram} as the model.
 *
 * <p>The window is always a periodic Hann window of {@code winLength} samples (torch's
 * {@code hann_window(winLength)} default), centred in the {@code nFft}-sample frame when shorter.
 * The log is natural: {@code ln(mel + logEpsilon)}.
 *
 * @param sampleRateHz  rate of the input audio
 * @param nFft          FFT size in samples, even; {@code nFft / 2 + 1} frequency bins
 * @param winLength     Hann window length in samples, 1..nFft
 * @param hopLength     samples between frame starts
 * @param nMels         number of mel bands
 * @param fMinHz        lower edge of the lowest mel band
 * @param fMaxHz        upper edge of the highest mel band, at most the Nyquist frequency
 * @param power         exponent of the magnitude: 2 = power spectrum, 1 = magnitude
 * @param center        pad {@code nFft / 2} samples at both ends so frame t is centred on sample
 *                      {@code t * hopLength}; then there are {@code 1 + floor(n / hopLength)} frames
 * @param padMode       how the centre padding is filled
 * @param melScale      Hz to mel mapping of the band edges
 * @param melNorm       filter normalisation
 * @param logEpsilon    added before the log; positive
 */
public record MelSpectrogramConfig(int sampleRateHz, int nFft, int winLength, int hopLength, int nMels,
                                   double fMinHz, double fMaxHz, double power, boolean center,
                                   Stft.PadMode padMode, MelFilterbank.Scale melScale, MelFilterbank.Norm melNorm,
                                   double logEpsilon) {

    /**
     * float32 machine epsilon (2^-23 ≈ 1.19e-7), the log offset GRAM's HEAR wrapper uses, whereas its
     * pre-training used {@code 1e-5} (see {@link #gram()}).
     */
    public static final double FLOAT32_EPSILON = Math.ulp(1.0f);

    /** Checks every size, rate and frequency (an even n_fft, the window within it, 0 &le; f_min &lt; f_max &le; Nyquist), naming the field that is wrong. */
    public MelSpectrogramConfig {
        if (sampleRateHz <= 0) {
            throw invalid("sampleRateHz", sampleRateHz, "a positive rate in Hz");
        }
        if (nFft < 2 || nFft % 2 != 0) {
            throw invalid("nFft", nFft, "an even number >= 2");
        }
        if (winLength < 1 || winLength > nFft) {
            throw invalid("winLength", winLength, "1.." + nFft + " (at most nFft)");
        }
        if (hopLength < 1) {
            throw invalid("hopLength", hopLength, "at least 1 sample");
        }
        if (nMels < 1) {
            throw invalid("nMels", nMels, "at least 1");
        }
        double nyquist = sampleRateHz / 2.0;
        if (!(fMinHz >= 0 && fMinHz < fMaxHz && fMaxHz <= nyquist)) {
            throw new ConfigurationException("Invalid mel range fMinHz=" + fMinHz + ", fMaxHz=" + fMaxHz
                    + "; expected 0 <= fMinHz < fMaxHz <= " + nyquist + " (the Nyquist frequency)");
        }
        if (!(power > 0) || Double.isInfinite(power)) {
            throw invalid("power", power, "a positive exponent (2 = power, 1 = magnitude)");
        }
        if (padMode == null || melScale == null || melNorm == null) {
            throw new ConfigurationException("padMode, melScale and melNorm must be given; got " + padMode + ", "
                    + melScale + ", " + melNorm);
        }
        if (!(logEpsilon > 0) || Double.isInfinite(logEpsilon)) {
            throw invalid("logEpsilon", logEpsilon, "a positive offset (e.g. 1e-5)");
        }
    }

    /**
     * GRAM's front end: 32 kHz, n_fft 1024, periodic Hann 1024 (32 ms), hop 320 (10 ms), 128 HTK
     * mel bands from 50 Hz to 16 kHz, no filter normalisation, power 2, centre frames with reflect
     * padding, natural log with offset {@code 1e-5} as in GRAM's pre-training. (GRAM's HEAR wrapper
     * uses {@link #FLOAT32_EPSILON} instead: use {@code gram().withLogEpsilon(FLOAT32_EPSILON)} to
     * match it; the two differ only where the mel power is below about 1e-4.)
     */
    public static MelSpectrogramConfig gram() {
        return new MelSpectrogramConfig(32000, 1024, 1024, 320, 128, 50, 16000, 2.0, true,
                Stft.PadMode.REFLECT, MelFilterbank.Scale.HTK, MelFilterbank.Norm.NONE, 1e-5);
    }

    /** This configuration with another hop. */
    public MelSpectrogramConfig withHopLength(int hop) {
        return new MelSpectrogramConfig(sampleRateHz, nFft, winLength, hop, nMels, fMinHz, fMaxHz, power, center,
                padMode, melScale, melNorm, logEpsilon);
    }

    /** This configuration with another log offset. */
    public MelSpectrogramConfig withLogEpsilon(double epsilon) {
        return new MelSpectrogramConfig(sampleRateHz, nFft, winLength, hopLength, nMels, fMinHz, fMaxHz, power, center,
                padMode, melScale, melNorm, epsilon);
    }

    /** Number of one-sided frequency bins, {@code nFft / 2 + 1}. */
    public int binCount() {
        return nFft / 2 + 1;
    }

    /** Frames for a signal of {@code samples} samples (see {@link Stft#frameCount(int)}). */
    public int frameCount(int samples) {
        return Stft.frameCount(samples, nFft, hopLength, center);
    }

    /** The hop in milliseconds. */
    public double hopMillis() {
        return hopLength * 1000.0 / sampleRateHz;
    }

    /** A stable one-line text form, for cache keys and provenance. */
    public String canonical() {
        return String.format(Locale.ROOT,
                "logmel:sr=%d:nfft=%d:win=hann-periodic-%d:hop=%d:mels=%d:fmin=%s:fmax=%s:power=%s:center=%s:pad=%s"
                        + ":scale=%s:norm=%s:log=ln(x+%s)",
                sampleRateHz, nFft, winLength, hopLength, nMels, fMinHz, fMaxHz, power, center, padMode, melScale,
                melNorm, logEpsilon);
    }

    private static ConfigurationException invalid(String field, Object value, String expected) {
        return new ConfigurationException("Invalid mel spectrogram setting " + field + "=" + value + "; expected " + expected);
    }
}
