package org.nathear.api.audio;

import java.util.Arrays;
import org.nathear.api.ConfigurationException;

/**
 * Triangular mel filters over the one-sided FFT bins, built as
 * {@code torchaudio.functional.melscale_fbanks} builds them (and, for the Slaney scale and norm,
 * as {@code librosa.filters.mel} does):
 * <ol>
 *   <li>{@code nMels + 2} points equally spaced in mel from {@code mel(fMin)} to {@code mel(fMax)},
 *       converted back to Hz: {@code f[0..nMels+1]};</li>
 *   <li>bin {@code k} sits at {@code k * sampleRate / nFft} Hz;</li>
 *   <li>filter {@code m} rises linearly from 0 at {@code f[m]} to 1 at {@code f[m+1]} and falls to
 *       0 at {@code f[m+2]}: {@code w = max(0, min((fk - f[m]) / (f[m+1] - f[m]), (f[m+2] - fk) / (f[m+2] - f[m+1])))};</li>
 *   <li>with {@link Norm#SLANEY}, filter m is scaled by {@code 2 / (f[m+2] - f[m])} (equal area).</li>
 * </ol>
 * A filter narrower than the bin spacing can be all zeros (torchaudio warns about it); that is
 * allowed here and shows in {@link #emptyFilterCount()}.
 *
 * <p>Immutable and thread-safe. Weights are stored sparsely: each filter keeps its first nonzero
 * bin and the run of weights from there.
 */
public final class MelFilterbank {

    /** Hz-to-mel mapping of the band edges. */
    public enum Scale {
        /** {@code mel = 2595 log10(1 + f / 700)} (HTK; torchaudio's default). */
        HTK,
        /** Slaney's Auditory Toolbox: linear below 1 kHz (f / (200/3)), logarithmic above (librosa's default). */
        SLANEY
    }

    /** Filter normalisation. */
    public enum Norm {
        /** Peak 1 (torchaudio's default). */
        NONE,
        /** Each filter divided by its width in Hz / 2, so all have the same area (librosa's default). */
        SLANEY
    }

    private static final double SLANEY_HZ_PER_MEL = 200.0 / 3;
    private static final double SLANEY_MIN_LOG_HZ = 1000;
    private static final double SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_HZ_PER_MEL;
    private static final double SLANEY_LOG_STEP = Math.log(6.4) / 27;

    private final int binCount;
    private final int nMels;
    private final double[] edgesHz;
    private final int[] firstBin;
    private final double[][] weights;

    /**
     * Builds the filters for {@code nFft} (one-sided: {@code nFft / 2 + 1} bins) at
     * {@code sampleRateHz}, with {@code nMels} bands spanning {@code fMinHz..fMaxHz}.
     */
    public MelFilterbank(int sampleRateHz, int nFft, int nMels, double fMinHz, double fMaxHz, Scale scale, Norm norm) {
        if (sampleRateHz <= 0 || nFft < 2 || nMels < 1) {
            throw new ConfigurationException("Invalid mel filterbank: sampleRateHz=" + sampleRateHz + ", nFft=" + nFft
                    + ", nMels=" + nMels + "; expected a positive rate, nFft >= 2 and at least one band");
        }
        if (!(fMinHz >= 0 && fMinHz < fMaxHz && fMaxHz <= sampleRateHz / 2.0)) {
            throw new ConfigurationException("Invalid mel range " + fMinHz + ".." + fMaxHz + " Hz; expected 0 <= fMin < fMax <= "
                    + sampleRateHz / 2.0 + " Hz");
        }
        if (scale == null || norm == null) {
            throw new ConfigurationException("Mel scale and norm must be given; got " + scale + ", " + norm);
        }
        this.binCount = nFft / 2 + 1;
        this.nMels = nMels;
        double melMin = hzToMel(fMinHz, scale);
        double melMax = hzToMel(fMaxHz, scale);
        edgesHz = new double[nMels + 2];
        for (int i = 0; i < nMels + 2; i++) {
            edgesHz[i] = melToHz(melMin + (melMax - melMin) * i / (nMels + 1), scale);
        }
        firstBin = new int[nMels];
        weights = new double[nMels][];
        double binHz = (double) sampleRateHz / nFft;
        double[] row = new double[binCount];
        for (int m = 0; m < nMels; m++) {
            double lo = edgesHz[m];
            double peak = edgesHz[m + 1];
            double hi = edgesHz[m + 2];
            double scaleBy = norm == Norm.SLANEY ? 2.0 / (hi - lo) : 1.0;
            int first = -1;
            int last = -1;
            for (int k = 0; k < binCount; k++) {
                double f = k * binHz;
                double up = (f - lo) / (peak - lo);
                double down = (hi - f) / (hi - peak);
                double w = Math.max(0, Math.min(up, down));
                row[k] = w * scaleBy;
                if (w > 0) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                firstBin[m] = 0;
                weights[m] = new double[0];
            } else {
                firstBin[m] = first;
                weights[m] = Arrays.copyOfRange(row, first, last + 1);
            }
        }
    }

    /** The filterbank a mel spectrogram configuration asks for. */
    public MelFilterbank(MelSpectrogramConfig c) {
        this(c.sampleRateHz(), c.nFft(), c.nMels(), c.fMinHz(), c.fMaxHz(), c.melScale(), c.melNorm());
    }

    /** Hz to mel on the given scale. */
    public static double hzToMel(double hz, Scale scale) {
        if (scale == Scale.HTK) {
            return 2595.0 * Math.log10(1.0 + hz / 700.0);
        }
        if (hz < SLANEY_MIN_LOG_HZ) {
            return hz / SLANEY_HZ_PER_MEL;
        }
        return SLANEY_MIN_LOG_MEL + Math.log(hz / SLANEY_MIN_LOG_HZ) / SLANEY_LOG_STEP;
    }

    /** Mel to Hz on the given scale (inverse of {@link #hzToMel}). */
    public static double melToHz(double mel, Scale scale) {
        if (scale == Scale.HTK) {
            return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        }
        if (mel < SLANEY_MIN_LOG_MEL) {
            return mel * SLANEY_HZ_PER_MEL;
        }
        return SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_MIN_LOG_MEL));
    }

    /** Number of frequency bins of the spectrum the filterbank takes (n_fft / 2 + 1). */
    public int binCount() {
        return binCount;
    }

    /** Number of mel bands it returns. */
    public int melCount() {
        return nMels;
    }

    /** The {@code nMels + 2} band edges in Hz: filter m spans edges m..m+2 and peaks at m+1. */
    public double[] edgesHz() {
        return edgesHz.clone();
    }

    /** The weight of bin {@code bin} in filter {@code mel}. */
    public double weight(int bin, int mel) {
        int i = bin - firstBin[mel];
        double[] w = weights[mel];
        return i >= 0 && i < w.length ? w[i] : 0;
    }

    /** The dense matrix {@code [bin][mel]} (torchaudio's {@code (n_freqs, n_mels)} orientation). */
    public double[][] matrix() {
        double[][] out = new double[binCount][nMels];
        for (int m = 0; m < nMels; m++) {
            for (int i = 0; i < weights[m].length; i++) {
                out[firstBin[m] + i][m] = weights[m][i];
            }
        }
        return out;
    }

    /** Number of filters with no nonzero weight (narrower than the bin spacing). */
    public int emptyFilterCount() {
        int count = 0;
        for (double[] w : weights) {
            if (w.length == 0) {
                count++;
            }
        }
        return count;
    }

    /** {@code out[m] = sum_k spectrum[k] * weight(k, m)}; {@code spectrum} has {@link #binCount()} values. */
    public void apply(double[] spectrum, double[] out) {
        for (int m = 0; m < nMels; m++) {
            double[] w = weights[m];
            int k0 = firstBin[m];
            double acc = 0;
            for (int i = 0; i < w.length; i++) {
                acc += spectrum[k0 + i] * w[i];
            }
            out[m] = acc;
        }
    }
}
