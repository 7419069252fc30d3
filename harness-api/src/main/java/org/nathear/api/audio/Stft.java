package org.nathear.api.audio;

import org.jtransforms.fft.DoubleFFT_1D;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ConfigurationException;

/**
 * Short-time Fourier transform of one channel with a periodic Hann window, as {@code torch.stft}
 * (one-sided, not normalised) computes it.
 *
 * <p>Frame {@code t} starts at sample {@code t * hop} of the (padded) signal. With {@code center},
 * {@code nFft / 2} samples are padded at both ends, so frame t is centred on input sample
 * {@code t * hop} and there are {@code 1 + floor(n / hop)} frames. Without it, frames lie inside the
 * signal: {@code 1 + floor((n - nFft) / hop)} of them, none when {@code n < nFft}.
 *
 * <p>Not thread-safe: an instance reuses its FFT plan and work buffers. Use one instance per
 * thread; making one costs one FFT plan ({@code O(nFft)}).
 */
public final class Stft {

    /** How the centre padding is filled. */
    public enum PadMode {
        /**
         * Mirror without repeating the edge sample (torch/numpy "reflect": x[-1] = x[1]). Signals
         * shorter than the padding are mirrored repeatedly, as numpy does; torch rejects them.
         */
        REFLECT,
        /** Zeros (torch "constant"; hear-baseline's framing). */
        ZERO
    }

    private final int nFft;
    private final int hopLength;
    private final boolean center;
    private final PadMode padMode;
    private final double[] window;      // nFft long, zero outside the centred winLength samples
    private final int windowStart;      // first nonzero position of the window in the frame
    private final int windowEnd;        // one past the last
    private final DoubleFFT_1D fft;
    private final double[] buffer;

    /**
     * An STFT of {@code nFft} points with a Hann window of {@code winLength} samples centred in the frame, a hop of
     * {@code hopLength} samples, and, when {@code center} is set, the signal padded by nFft/2 on each side with {@code padMode}.
     */
    public Stft(int nFft, int winLength, int hopLength, boolean center, PadMode padMode) {
        if (nFft < 2 || nFft % 2 != 0) {
            throw new ConfigurationException("STFT size nFft=" + nFft + " is invalid; expected an even number >= 2");
        }
        if (winLength < 1 || winLength > nFft) {
            throw new ConfigurationException("STFT window length " + winLength + " is invalid; expected 1.." + nFft);
        }
        if (hopLength < 1) {
            throw new ConfigurationException("STFT hop " + hopLength + " is invalid; expected at least 1 sample");
        }
        if (padMode == null) {
            throw new ConfigurationException("STFT pad mode must be given; expected one of REFLECT, ZERO");
        }
        this.nFft = nFft;
        this.hopLength = hopLength;
        this.center = center;
        this.padMode = padMode;
        this.window = new double[nFft];
        this.windowStart = (nFft - winLength) / 2;
        this.windowEnd = windowStart + winLength;
        double[] hann = periodicHann(winLength);
        System.arraycopy(hann, 0, window, windowStart, winLength);
        this.fft = new DoubleFFT_1D(nFft);
        this.buffer = new double[nFft];
    }

    /** The STFT a mel spectrogram configuration asks for. */
    public Stft(MelSpectrogramConfig config) {
        this(config.nFft(), config.winLength(), config.hopLength(), config.center(), config.padMode());
    }

    /** Periodic Hann window {@code 0.5 - 0.5 cos(2 pi i / length)} (torch.hann_window's default). */
    public static double[] periodicHann(int length) {
        double[] w = new double[length];
        if (length == 1) {
            w[0] = 1; // torch.hann_window(1) is [1]
            return w;
        }
        for (int i = 0; i < length; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / length);
        }
        return w;
    }

    /** Number of frames for {@code samples} input samples; see the class comment. */
    public static int frameCount(int samples, int nFft, int hopLength, boolean center) {
        if (center) {
            long padded = (long) samples + 2L * (nFft / 2);
            return (int) (1 + (padded - nFft) / hopLength);
        }
        return samples < nFft ? 0 : 1 + (samples - nFft) / hopLength;
    }

    /** Number of frames this STFT makes of a signal of {@code samples} samples. */
    public int frameCount(int samples) {
        return frameCount(samples, nFft, hopLength, center);
    }

    /** {@code nFft / 2 + 1}. */
    public int binCount() {
        return nFft / 2 + 1;
    }

    /** FFT length in samples. */
    public int nFft() {
        return nFft;
    }

    /** Hop between frames in samples. */
    public int hopLength() {
        return hopLength;
    }

    /** The analysis window as applied to the {@code nFft}-sample frame (a copy). */
    public double[] window() {
        return window.clone();
    }

    /**
     * Computes the one-sided spectrum of frame {@code frame} into {@code out}, as power
     * {@code |X_k|^power}: {@code out[k]} for {@code k = 0..nFft/2}.
     */
    public void frameSpectrum(float[] signal, int frame, double power, double[] out) {
        loadFrame(signal, frame);
        fft.realForward(buffer);
        double[] b = buffer;
        int half = nFft / 2;
        // JTransforms' packed layout: b[0] = Re X_0, b[1] = Re X_{n/2}, b[2k], b[2k+1] = Re, Im X_k
        if (power == 2.0) {
            out[0] = b[0] * b[0];
            out[half] = b[1] * b[1];
            for (int k = 1; k < half; k++) {
                double re = b[2 * k];
                double im = b[2 * k + 1];
                out[k] = re * re + im * im;
            }
        } else {
            double e = power / 2;
            out[0] = Math.pow(b[0] * b[0], e);
            out[half] = Math.pow(b[1] * b[1], e);
            for (int k = 1; k < half; k++) {
                double re = b[2 * k];
                double im = b[2 * k + 1];
                out[k] = power == 1.0 ? Math.sqrt(re * re + im * im) : Math.pow(re * re + im * im, e);
            }
        }
    }

    /**
     * Computes the complex one-sided spectrum of frame {@code frame}: {@code re[k] + i im[k]} for
     * {@code k = 0..nFft/2} (torch.stft's sign convention, {@code X_k = sum x_n e^{-2 pi i k n / nFft}}).
     * Both arrays need at least {@link #binCount()} elements.
     */
    public void frameComplex(float[] signal, int frame, double[] re, double[] im) {
        loadFrame(signal, frame);
        fft.realForward(buffer);
        double[] b = buffer;
        int half = nFft / 2;
        re[0] = b[0];
        im[0] = 0;
        re[half] = b[1];
        im[half] = 0;
        for (int k = 1; k < half; k++) {
            re[k] = b[2 * k];
            im[k] = b[2 * k + 1];
        }
    }

    /** The whole spectrogram, {@code [frame][bin]}, as {@code |X|^power}. */
    public double[][] spectrogram(float[] signal, double power) {
        checkSignal(signal);
        double[][] out = new double[frameCount(signal.length)][binCount()];
        for (int t = 0; t < out.length; t++) {
            frameSpectrum(signal, t, power, out[t]);
        }
        return out;
    }

    /** Rejects signals the padding cannot handle. */
    void checkSignal(float[] signal) {
        if (signal == null) {
            throw new AudioFormatException("STFT input is null; expected a float array of samples");
        }
        if (center && padMode == PadMode.REFLECT && signal.length == 0) {
            throw new AudioFormatException("Cannot reflect-pad an empty signal; expected at least 1 sample");
        }
    }

    /** Copies the windowed samples of one frame into the FFT buffer. */
    private void loadFrame(float[] signal, int frame) {
        int n = signal.length;
        // index into the unpadded signal of the frame's first sample
        long first = (long) frame * hopLength - (center ? nFft / 2 : 0);
        double[] b = buffer;
        double[] w = window;
        if (first + windowStart >= 0 && first + windowEnd <= n) {
            int f = (int) first;
            for (int j = 0; j < windowStart; j++) {
                b[j] = 0;
            }
            for (int j = windowStart; j < windowEnd; j++) {
                b[j] = signal[f + j] * w[j];
            }
            for (int j = windowEnd; j < nFft; j++) {
                b[j] = 0;
            }
            return;
        }
        for (int j = 0; j < nFft; j++) {
            if (j < windowStart || j >= windowEnd) {
                b[j] = 0;
                continue;
            }
            long i = first + j;
            double x;
            if (i >= 0 && i < n) {
                x = signal[(int) i];
            } else if (padMode == PadMode.ZERO) {
                x = 0;
            } else {
                x = signal[reflect(i, n)];
            }
            b[j] = x * w[j];
        }
    }

    /** numpy "reflect": mirror at the first and last sample without repeating them, as often as needed. */
    static int reflect(long i, int n) {
        if (n == 1) {
            return 0;
        }
        long period = 2L * (n - 1);
        long m = Math.floorMod(i, period);
        return (int) (m < n ? m : period - m);
    }
}
