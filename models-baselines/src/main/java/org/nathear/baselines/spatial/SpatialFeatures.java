package org.nathear.baselines.spatial;

import org.jtransforms.fft.DoubleFFT_1D;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.audio.MelFilterbank;
import org.nathear.api.audio.Stft;

/**
 * The hand-made features of the spatial baseline, computed from one STFT of every channel (32 kHz,
 * 1024-point periodic Hann frames, 10 ms hop, centred with zero padding), aggregated over any run of
 * frames.
 *
 * <ul>
 *   <li><b>Spectral</b> (every channel): the mean over frames of the natural log of 64 mel-band
 *       powers (Slaney mel scale and norm, 50 Hz to 16 kHz) plus 1e-8.</li>
 *   <li><b>FOA spatial</b>: the active intensity vector {@code I = Re(W* · [X, Y, Z])} of every
 *       time-frequency bin, mel-weighted per band; per band, the direction of the summed intensity
 *       (unit vector) and the mean of the per-frame unit vectors (its length says how steady the
 *       direction is): 6 × 64 values.</li>
 *   <li><b>Binaural spatial</b>: per band, the interaural level difference (dB of the summed powers,
 *       divided by 10), the mean unit phasor of the interaural cross-spectrum (cos and sin of the
 *       IPD) and the interaural coherence; plus the GCC-PHAT cross-correlation of the whole run at
 *       lags −40..40 samples (±1.25 ms): 4 × 64 + 81 values.</li>
 * </ul>
 */
final class SpatialFeatures {
    static final int SAMPLE_RATE_HZ = 32000;
    static final int N_FFT = 1024;
    static final int HOP = 320;
    static final int N_MELS = 64;
    static final int MAX_LAG = 40;
    static final double LOG_EPSILON = 1e-8;

    private static final MelFilterbank MELS = new MelFilterbank(SAMPLE_RATE_HZ, N_FFT, N_MELS, 50, 16000,
            MelFilterbank.Scale.SLANEY, MelFilterbank.Norm.SLANEY);
    private static final double[] WINDOW = Stft.periodicHann(N_FFT);

    private final ChannelLayout layout;
    private final int frames;
    private final int bins = N_FFT / 2 + 1;
    /** [channel][frame][2 * bin]: re, im. */
    private final double[][][] spectra;

    SpatialFeatures(AudioClip clip) {
        if (clip.sampleRateHz() != SAMPLE_RATE_HZ || clip.layout() == ChannelLayout.MONO) {
            throw new AudioFormatException("Model '" + SpatialNaiveModel.ID + "' takes binaural or FOA audio at "
                    + SAMPLE_RATE_HZ + " Hz; got " + clip.layout() + " at " + clip.sampleRateHz()
                    + " Hz (the runner's channel adapter and resampler convert it)");
        }
        this.layout = clip.layout();
        this.frames = 1 + clip.frameCount() / HOP;
        this.spectra = new double[clip.channelCount()][frames][];
        DoubleFFT_1D fft = new DoubleFFT_1D(N_FFT);
        for (int c = 0; c < clip.channelCount(); c++) {
            float[] x = clip.channel(c);
            for (int t = 0; t < frames; t++) {
                double[] buf = new double[N_FFT];
                int start = t * HOP - N_FFT / 2;
                for (int i = 0; i < N_FFT; i++) {
                    int j = start + i;
                    buf[i] = j >= 0 && j < x.length ? x[j] * WINDOW[i] : 0;
                }
                fft.realForward(buf);
                double[] s = new double[2 * bins];
                s[0] = buf[0];
                s[2 * (bins - 1)] = buf[1];
                for (int k = 1; k < bins - 1; k++) {
                    s[2 * k] = buf[2 * k];
                    s[2 * k + 1] = buf[2 * k + 1];
                }
                spectra[c][t] = s;
            }
        }
    }

    int frameCount() {
        return frames;
    }

    static int spectralSize(ChannelLayout layout) {
        return layout.channelCount() * N_MELS;
    }

    static int spatialSize(ChannelLayout layout) {
        return layout == ChannelLayout.FOA ? 6 * N_MELS : 4 * N_MELS + 2 * MAX_LAG + 1;
    }

    /** The mean log-mel of every channel over frames [from, to). */
    float[] spectral(int from, int to) {
        int channels = spectra.length;
        float[] out = new float[channels * N_MELS];
        double[] power = new double[bins];
        double[] mel = new double[N_MELS];
        for (int c = 0; c < channels; c++) {
            double[] sum = new double[N_MELS];
            for (int t = from; t < to; t++) {
                double[] s = spectra[c][t];
                for (int k = 0; k < bins; k++) {
                    power[k] = s[2 * k] * s[2 * k] + s[2 * k + 1] * s[2 * k + 1];
                }
                MELS.apply(power, mel);
                for (int m = 0; m < N_MELS; m++) {
                    sum[m] += Math.log(mel[m] + LOG_EPSILON);
                }
            }
            for (int m = 0; m < N_MELS; m++) {
                out[c * N_MELS + m] = (float) (sum[m] / (to - from));
            }
        }
        return out;
    }

    /** The layout's spatial features over frames [from, to). */
    float[] spatial(int from, int to) {
        return layout == ChannelLayout.FOA ? intensity(from, to) : interaural(from, to);
    }

    private float[] intensity(int from, int to) {
        double[][] sum = new double[3][N_MELS];
        double[][] unitMean = new double[3][N_MELS];
        double[][] bandIv = new double[3][N_MELS];
        double[][] iv = new double[3][bins];
        int[] acn = {3, 1, 2}; // x, y, z live in ACN channels X=3, Y=1, Z=2
        for (int t = from; t < to; t++) {
            double[] w = spectra[0][t];
            for (int a = 0; a < 3; a++) {
                double[] d = spectra[acn[a]][t];
                for (int k = 0; k < bins; k++) {
                    iv[a][k] = w[2 * k] * d[2 * k] + w[2 * k + 1] * d[2 * k + 1]; // Re(W* D)
                }
                MELS.apply(iv[a], bandIv[a]);
            }
            for (int m = 0; m < N_MELS; m++) {
                double n = Math.sqrt(sq(bandIv[0][m]) + sq(bandIv[1][m]) + sq(bandIv[2][m]));
                for (int a = 0; a < 3; a++) {
                    sum[a][m] += bandIv[a][m];
                    if (n > 0) {
                        unitMean[a][m] += bandIv[a][m] / n;
                    }
                }
            }
        }
        float[] out = new float[6 * N_MELS];
        for (int m = 0; m < N_MELS; m++) {
            double n = Math.sqrt(sq(sum[0][m]) + sq(sum[1][m]) + sq(sum[2][m]));
            for (int a = 0; a < 3; a++) {
                out[a * N_MELS + m] = n > 0 ? (float) (sum[a][m] / n) : 0;
                out[(3 + a) * N_MELS + m] = (float) (unitMean[a][m] / (to - from));
            }
        }
        return out;
    }

    private float[] interaural(int from, int to) {
        double[] pl = new double[bins];
        double[] pr = new double[bins];
        double[] cre = new double[bins];
        double[] cim = new double[bins];
        double[] mpl = new double[N_MELS];
        double[] mpr = new double[N_MELS];
        double[] mre = new double[N_MELS];
        double[] mim = new double[N_MELS];
        double[] sumL = new double[N_MELS];
        double[] sumR = new double[N_MELS];
        double[] sumRe = new double[N_MELS];
        double[] sumIm = new double[N_MELS];
        double[] phasorRe = new double[N_MELS];
        double[] phasorIm = new double[N_MELS];
        double[] phatRe = new double[bins];
        double[] phatIm = new double[bins];
        for (int t = from; t < to; t++) {
            double[] l = spectra[0][t];
            double[] r = spectra[1][t];
            for (int k = 0; k < bins; k++) {
                double lr = l[2 * k];
                double li = l[2 * k + 1];
                double rr = r[2 * k];
                double ri = r[2 * k + 1];
                pl[k] = lr * lr + li * li;
                pr[k] = rr * rr + ri * ri;
                cre[k] = lr * rr + li * ri;  // L conj(R)
                cim[k] = li * rr - lr * ri;
                double mag = Math.hypot(cre[k], cim[k]);
                if (mag > 0) {
                    phatRe[k] += cre[k] / mag;
                    phatIm[k] += cim[k] / mag;
                }
            }
            MELS.apply(pl, mpl);
            MELS.apply(pr, mpr);
            MELS.apply(cre, mre);
            MELS.apply(cim, mim);
            for (int m = 0; m < N_MELS; m++) {
                sumL[m] += mpl[m];
                sumR[m] += mpr[m];
                sumRe[m] += mre[m];
                sumIm[m] += mim[m];
                double mag = Math.hypot(mre[m], mim[m]);
                if (mag > 0) {
                    phasorRe[m] += mre[m] / mag;
                    phasorIm[m] += mim[m] / mag;
                }
            }
        }
        int n = to - from;
        float[] out = new float[spatialSize(ChannelLayout.BINAURAL)];
        for (int m = 0; m < N_MELS; m++) {
            double ild = 10 * Math.log10((sumL[m] + 1e-12) / (sumR[m] + 1e-12));
            out[m] = (float) (Math.max(-40, Math.min(40, ild)) / 10);
            out[N_MELS + m] = (float) (phasorRe[m] / n);
            out[2 * N_MELS + m] = (float) (phasorIm[m] / n);
            double coherence = Math.hypot(sumRe[m], sumIm[m]) / Math.sqrt(sumL[m] * sumR[m] + 1e-24);
            out[3 * N_MELS + m] = (float) coherence;
        }
        // GCC-PHAT: inverse transform of the summed unit cross-spectrum, lags -MAX_LAG..MAX_LAG
        double[] packed = new double[N_FFT];
        packed[0] = phatRe[0] / n;
        packed[1] = phatRe[bins - 1] / n;
        for (int k = 1; k < bins - 1; k++) {
            packed[2 * k] = phatRe[k] / n;
            packed[2 * k + 1] = phatIm[k] / n;
        }
        new DoubleFFT_1D(N_FFT).realInverse(packed, true);
        for (int lag = -MAX_LAG; lag <= MAX_LAG; lag++) {
            out[4 * N_MELS + lag + MAX_LAG] = (float) (packed[Math.floorMod(lag, N_FFT)] * N_FFT / (double) bins);
        }
        return out;
    }

    private static double sq(double v) {
        return v * v;
    }
}
