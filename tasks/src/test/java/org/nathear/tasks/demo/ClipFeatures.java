package org.nathear.tasks.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deliberately simple hand-made audio features and classifiers for sanity checks of the demo
 * generator: if these separate the classes, the labels and the audio agree.
 */
final class ClipFeatures {
    private static final int FRAME = 512;
    private static final int HOP = 256;
    private static final int BANDS = 16;
    private static final int RATE_HZ = 16000;

    private ClipFeatures() {
    }

    private static final Map<Integer, double[][]> TWIDDLES = new java.util.concurrent.ConcurrentHashMap<>();

    /** In-place radix-2 FFT of (re, im), length a power of two. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        double[][] tw = TWIDDLES.computeIfAbsent(n, size -> {
            double[][] t = new double[2][size / 2];
            for (int k = 0; k < size / 2; k++) {
                t[0][k] = Math.cos(-2 * Math.PI * k / size);
                t[1][k] = Math.sin(-2 * Math.PI * k / size);
            }
            return t;
        });
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int stride = n / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = tw[0][k * stride];
                    double wi = tw[1][k * stride];
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /** Magnitude spectrum of the whole clip, zero-padded to {@code size} (a power of two). */
    static double[] magnitude(float[] x, int size) {
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < Math.min(size, x.length); i++) {
            re[i] = x[i];
        }
        fft(re, im);
        double[] mag = new double[size / 2 + 1];
        for (int k = 0; k < mag.length; k++) {
            mag[k] = Math.hypot(re[k], im[k]);
        }
        return mag;
    }

    /**
     * The MIDI note among {@code lowest..lowest+count-1} whose harmonic series (first six
     * partials, ±25 cents) collects the most spectral magnitude.
     */
    static int harmonicSumMidi(float[] x, int lowest, int count) {
        int size = 1 << 14;
        double[] mag = magnitude(x, size);
        double hzPerBin = RATE_HZ / (double) size;
        int best = -1;
        double bestScore = -1;
        for (int m = lowest; m < lowest + count; m++) {
            double f0 = 440 * Math.pow(2, (m - 69) / 12.0);
            double score = 0;
            for (int k = 1; k <= 6; k++) {
                int lo = (int) Math.floor(k * f0 * Math.pow(2, -25 / 1200.0) / hzPerBin);
                int hi = (int) Math.ceil(k * f0 * Math.pow(2, 25 / 1200.0) / hzPerBin);
                double peak = 0;
                for (int b = lo; b <= Math.min(hi, mag.length - 1); b++) {
                    peak = Math.max(peak, mag[b]);
                }
                score += Math.sqrt(peak);
            }
            if (score > bestScore) {
                bestScore = score;
                best = m;
            }
        }
        return best;
    }

    /**
     * A small feature vector: the spectral shape (mean log power in 16 log-spaced bands, level
     * removed), and how the frame energy varies (spread, peakiness, onset position).
     */
    static double[] features(float[] x) {
        int frames = 1 + (x.length - FRAME) / HOP;
        double[] hann = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FRAME);
        }
        double[] edges = new double[BANDS + 1];
        for (int b = 0; b <= BANDS; b++) {
            edges[b] = 60 * Math.pow(7900 / 60.0, b / (double) BANDS);
        }
        double[] bandSum = new double[BANDS];
        double[] frameEnergy = new double[frames];
        for (int f = 0; f < frames; f++) {
            double[] re = new double[FRAME];
            double[] im = new double[FRAME];
            for (int i = 0; i < FRAME; i++) {
                re[i] = x[f * HOP + i] * hann[i];
            }
            fft(re, im);
            double[] band = new double[BANDS];
            for (int k = 1; k <= FRAME / 2; k++) {
                double hz = k * RATE_HZ / (double) FRAME;
                double p = re[k] * re[k] + im[k] * im[k];
                frameEnergy[f] += p;
                for (int b = 0; b < BANDS; b++) {
                    if (hz >= edges[b] && hz < edges[b + 1]) {
                        band[b] += p;
                    }
                }
            }
            for (int b = 0; b < BANDS; b++) {
                bandSum[b] += band[b];
            }
        }
        double[] out = new double[BANDS + 3];
        double meanLog = 0;
        for (int b = 0; b < BANDS; b++) {
            out[b] = Math.log10(bandSum[b] / frames + 1e-12);
            meanLog += out[b] / BANDS;
        }
        for (int b = 0; b < BANDS; b++) {
            out[b] -= meanLog;
        }
        double[] logE = new double[frames];
        double mean = 0;
        int loudest = 0;
        for (int f = 0; f < frames; f++) {
            logE[f] = Math.log10(frameEnergy[f] + 1e-12);
            mean += logE[f] / frames;
            if (logE[f] > logE[loudest]) {
                loudest = f;
            }
        }
        double var = 0;
        for (double v : logE) {
            var += (v - mean) * (v - mean) / frames;
        }
        out[BANDS] = Math.sqrt(var);
        out[BANDS + 1] = logE[loudest] - mean;
        double[] sorted = logE.clone();
        java.util.Arrays.sort(sorted);
        out[BANDS + 2] = sorted[frames - 1] - sorted[frames / 2];
        return out;
    }

    /** A labelled feature vector. */
    record Example(String label, String fold, double[] features) {
    }

    /**
     * Accuracy of a nearest-centroid classifier on standardised features, each fold scored by a
     * model fitted on the other folds.
     */
    static double crossValidatedNearestCentroidAccuracy(List<Example> examples, List<String> folds) {
        return crossValidate(examples, folds, false);
    }

    /** Like {@link #crossValidatedNearestCentroidAccuracy} but the mean of per-class recalls (chance = 1/classes). */
    static double crossValidatedNearestCentroidBalancedAccuracy(List<Example> examples, List<String> folds) {
        return crossValidate(examples, folds, true);
    }

    private static double crossValidate(List<Example> examples, List<String> folds, boolean balanced) {
        int correct = 0;
        Map<String, int[]> perClass = new java.util.TreeMap<>(); // label -> {correct, total}
        for (String testFold : folds) {
            List<Example> train = new ArrayList<>();
            List<Example> test = new ArrayList<>();
            for (Example e : examples) {
                (e.fold().equals(testFold) ? test : train).add(e);
            }
            int dim = train.get(0).features().length;
            double[] mean = new double[dim];
            double[] sd = new double[dim];
            for (Example e : train) {
                for (int d = 0; d < dim; d++) {
                    mean[d] += e.features()[d] / train.size();
                }
            }
            for (Example e : train) {
                for (int d = 0; d < dim; d++) {
                    sd[d] += Math.pow(e.features()[d] - mean[d], 2) / train.size();
                }
            }
            for (int d = 0; d < dim; d++) {
                sd[d] = Math.sqrt(sd[d]) + 1e-9;
            }
            Map<String, double[]> centroid = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            for (Example e : train) {
                double[] c = centroid.computeIfAbsent(e.label(), k -> new double[dim]);
                for (int d = 0; d < dim; d++) {
                    c[d] += (e.features()[d] - mean[d]) / sd[d];
                }
                counts.merge(e.label(), 1, Integer::sum);
            }
            centroid.forEach((label, c) -> {
                for (int d = 0; d < dim; d++) {
                    c[d] /= counts.get(label);
                }
            });
            for (Example e : test) {
                String best = null;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (Map.Entry<String, double[]> c : centroid.entrySet()) {
                    double dist = 0;
                    for (int d = 0; d < dim; d++) {
                        double z = (e.features()[d] - mean[d]) / sd[d] - c.getValue()[d];
                        dist += z * z;
                    }
                    if (dist < bestDistance || (dist == bestDistance && c.getKey().compareTo(best) < 0)) {
                        bestDistance = dist;
                        best = c.getKey();
                    }
                }
                int[] tally = perClass.computeIfAbsent(e.label(), k -> new int[2]);
                tally[1]++;
                if (e.label().equals(best)) {
                    correct++;
                    tally[0]++;
                }
            }
        }
        if (!balanced) {
            return correct / (double) examples.size();
        }
        return perClass.values().stream().mapToDouble(t -> t[0] / (double) t[1]).average().orElse(0);
    }
}
