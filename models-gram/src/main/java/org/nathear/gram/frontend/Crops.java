package org.nathear.gram.frontend;

import org.nathear.api.AudioFormatException;
import org.nathear.gram.GramMasking;

/**
 * Cutting features into 2 s crops, normalising each crop, and cutting a crop into patches.
 *
 * <p>Normalisation follows the reference's {@code LayerNorm([C, 128, 200], elementwise_affine=False)}:
 * one mean and one (biased) variance over every channel, mel bin and frame of the crop, then
 * {@code (x - mean) / sqrt(var + 1e-5)}. A constant crop (e.g. digital silence) becomes all zeros.
 *
 * <p>Patch order is the reference's: patches frequency-major ({@code p = fi * timePatches + ti}),
 * and the values of one patch ordered (channel, mel bin, frame), which is also the order of the
 * weights of its {@code Conv2d} patch embedding flattened to a matrix.
 */
public final class Crops {
    /** The LayerNorm epsilon of the reference (torch's default). */
    public static final double NORM_EPSILON = 1e-5;

    private Crops() {
    }

    /**
     * Frames {@code [start, start + 200)} of every channel, normalised, as {@code [channel][mel][frame]}
     * (frequency-major, the layout patches are cut from). Frames past the end of the features are
     * zero (the reference pads the log-mel with zeros).
     */
    public static double[][][] normalisedCrop(float[][][] features, int start) {
        int channels = features.length;
        int frames = features[0].length;
        int mels = GramMasking.MEL_BINS;
        int len = GramMasking.CROP_FRAMES;
        if (start < 0 || start >= Math.max(frames, 1)) {
            throw new AudioFormatException("Crop start " + start + " lies outside features of " + frames + " frames");
        }
        double[][][] crop = new double[channels][mels][len];
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            for (int t = 0; t < len; t++) {
                int src = start + t;
                if (src >= frames) {
                    continue;
                }
                float[] row = features[c][src];
                if (row.length != mels) {
                    throw new AudioFormatException("Features must have " + mels + " mel bins; got " + row.length);
                }
                for (int m = 0; m < mels; m++) {
                    crop[c][m][t] = row[m];
                    sum += row[m];
                }
            }
        }
        double count = (double) channels * mels * len;
        double mean = sum / count;
        double sq = 0;
        for (double[][] ch : crop) {
            for (double[] bin : ch) {
                for (double v : bin) {
                    double d = v - mean;
                    sq += d * d;
                }
            }
        }
        double scale = 1.0 / Math.sqrt(sq / count + NORM_EPSILON);
        for (double[][] ch : crop) {
            for (double[] bin : ch) {
                for (int t = 0; t < len; t++) {
                    bin[t] = (bin[t] - mean) * scale;
                }
            }
        }
        return crop;
    }

    /**
     * Writes the patches of a normalised crop into {@code out} at {@code offset}:
     * {@code patchCount × (channels · patchBins · patchFrames)} floats, patch-major.
     */
    public static void patchify(double[][][] crop, GramMasking masking, float[] out, int offset) {
        int pf = masking.patchFrequencyBins();
        int pt = masking.patchFrames();
        int nf = masking.frequencyPatches();
        int nt = masking.timePatches();
        int channels = crop.length;
        int o = offset;
        for (int fi = 0; fi < nf; fi++) {
            for (int ti = 0; ti < nt; ti++) {
                for (int c = 0; c < channels; c++) {
                    for (int a = 0; a < pf; a++) {
                        double[] bin = crop[c][fi * pf + a];
                        for (int b = 0; b < pt; b++) {
                            out[o++] = (float) bin[ti * pt + b];
                        }
                    }
                }
            }
        }
    }

    /** Number of 200-frame chunks that cover {@code frames} frames (at least 1). */
    public static int chunkCount(int frames) {
        return Math.max(1, (frames + GramMasking.CROP_FRAMES - 1) / GramMasking.CROP_FRAMES);
    }
}
