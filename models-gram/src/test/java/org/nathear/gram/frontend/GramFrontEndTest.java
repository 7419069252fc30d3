package org.nathear.gram.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.audio.LogMelSpectrogram;
import org.nathear.api.audio.MelFilterbank;
import org.nathear.api.audio.MelSpectrogramConfig;
import org.nathear.api.audio.Signals;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;

class GramFrontEndTest {
    private static final int RATE = GramFrontEnd.SAMPLE_RATE_HZ;

    /** A plane wave from unit direction (x, y, z) in ACN/SN3D: W = s, Y = y s, Z = z s, X = x s. */
    private static float[][] planeWave(float[] s, double x, double y, double z) {
        float[][] out = new float[4][s.length];
        for (int i = 0; i < s.length; i++) {
            out[0][i] = s[i];
            out[1][i] = (float) (y * s[i]);
            out[2][i] = (float) (z * s[i]);
            out[3][i] = (float) (x * s[i]);
        }
        return out;
    }

    @Test
    void acnSn3dBecomesGramsLayoutUpMinusFrontRightInN3d() {
        float[] s = {1f, -0.5f};
        double x = 0.6;
        double y = 0.0;
        double z = 0.8;
        float[][] gram = AmbisonicsLayout.toGram(planeWave(s, x, y, z));
        double r3 = Math.sqrt(3);
        // channel 1 = up (z), channel 2 = -front (-x), channel 3 = right (-y), first order scaled by sqrt(3)
        assertEquals(1f, gram[0][0], 0);
        assertEquals(r3 * z, gram[1][0], 1e-6);
        assertEquals(-r3 * x, gram[2][0], 1e-6);
        assertEquals(0.0, gram[3][0], 1e-6);
        // a source on the left (y = 1) has a negative "right" component
        float[][] left = AmbisonicsLayout.toGram(planeWave(s, 0, 1, 0));
        assertEquals(-r3, left[3][0], 1e-6);
    }

    @Test
    void layoutConversionRoundTrips() {
        float[][] acn = Signals.whiteNoise(3, 4, 1000, 0.3);
        float[][] back = AmbisonicsLayout.toAcnSn3d(AmbisonicsLayout.toGram(acn));
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(acn[c], back[c], 1e-6f);
        }
    }

    @Test
    void intensityVectorsOfAPlaneWaveEqualHalfItsGainsTimesTheFilterRowSums() {
        // For a plane wave with GRAM gains g (|g|^2 = 3 for a unit direction), every STFT bin has
        // I_c / E = 2 g_c |S|^2 / ((1 + |g|^2) |S|^2) = g_c / 2 (up to the 1e-6 offset), and the mel
        // projection multiplies that by the sum of the band's filter weights.
        double x = 0.48;
        double y = -0.6;
        double z = 0.64;
        float[] s = Signals.whiteNoise(11, 1, RATE, 0.5)[0];
        GramConfig config = GramConfig.of(GramVariant.AMBISONICS, GramMasking.PATCH, GramSize.TINY);
        GramFrontEnd fe = new GramFrontEnd(config);
        float[][][] f = fe.features(fe.modelChannels(new AudioClip(planeWave(s, x, y, z), RATE, ChannelLayout.FOA)));
        assertEquals(7, f.length);
        assertEquals(1 + RATE / 320, f[0].length);
        MelFilterbank fb = new MelFilterbank(MelSpectrogramConfig.gram());
        double[] g = {Math.sqrt(3) * z, -Math.sqrt(3) * x, -Math.sqrt(3) * y};
        double[][] w = fb.matrix(); // [bin][mel]
        for (int m = 10; m < 128; m += 13) {
            double rowSum = 0;
            for (double[] bin : w) {
                rowSum += bin[m];
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(g[c] / 2 * rowSum, f[4 + c][50][m], 1e-3 * Math.max(1, rowSum), "IV channel " + c + ", band " + m);
            }
        }
    }

    @Test
    void logMelChannelsAreTheSharedToolkitsLogMelWithGramsSettings() {
        float[][] stereo = Signals.whiteNoise(5, 2, RATE / 2, 0.2);
        GramFrontEnd fe = new GramFrontEnd(GramConfig.of(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY));
        float[][][] f = fe.features(stereo);
        float[][] ref = new LogMelSpectrogram(MelSpectrogramConfig.gram()).compute(stereo[1]);
        assertEquals(2, f.length);
        for (int t = 0; t < ref.length; t++) {
            assertArrayEquals(ref[t], f[1][t], 0f);
        }
    }

    @Test
    void monoIsCopiedToAllFourAmbisonicChannelsAsTheReferenceDoes() {
        float[] s = Signals.sine(440, 0.5, 0, 3200, RATE);
        GramFrontEnd fe = new GramFrontEnd(GramConfig.of(GramVariant.AMBISONICS, GramMasking.PATCH, GramSize.TINY));
        float[][] ch = fe.modelChannels(AudioClip.mono(s, RATE));
        assertEquals(4, ch.length);
        for (float[] c : ch) {
            assertArrayEquals(s, c);
        }
    }

    @Test
    void audioAtAnotherRateIsRejectedWithTheRates() {
        GramFrontEnd fe = new GramFrontEnd(GramConfig.of(GramVariant.CLEAN, GramMasking.PATCH, GramSize.TINY));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> fe.modelChannels(AudioClip.mono(new float[100], 16000)));
        assertTrue(e.getMessage().contains("32000") && e.getMessage().contains("16000"), e.getMessage());
    }

    @Test
    void cropsAreStandardisedJointlyOverChannelsBinsAndFrames() {
        float[][][] features = new float[2][250][128];
        for (int c = 0; c < 2; c++) {
            for (int t = 0; t < 250; t++) {
                for (int m = 0; m < 128; m++) {
                    features[c][t][m] = (float) (c * 3 + Math.sin(t * 0.1 + m * 0.01));
                }
            }
        }
        double[][][] crop = Crops.normalisedCrop(features, 30);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (double[][] ch : crop) {
            for (double[] bin : ch) {
                for (double v : bin) {
                    sum += v;
                    sq += v * v;
                    n++;
                }
            }
        }
        assertEquals(0, sum / n, 1e-9);
        assertEquals(1, sq / n, 1e-3); // variance 1 up to the 1e-5 offset
        // channel offsets 0 and 3 average to about 1.5: channel 1 lies above the crop's mean, channel 0 below
        assertTrue(crop[1][5][0] > 0 && crop[0][5][0] < 0, "channel offsets survive normalisation");
    }

    @Test
    void aConstantCropNormalisesToZerosInsteadOfDividingByZero() {
        float[][][] silent = new float[1][200][128];
        for (float[] row : silent[0]) {
            java.util.Arrays.fill(row, (float) Math.log(1e-5));
        }
        double[][][] crop = Crops.normalisedCrop(silent, 0);
        for (double[] bin : crop[0]) {
            for (double v : bin) {
                assertEquals(0.0, v, 0.0);
            }
        }
    }

    @Test
    void patchesAreFrequencyMajorWithValuesInChannelBinFrameOrder() {
        double[][][] crop = new double[2][128][200];
        for (int c = 0; c < 2; c++) {
            for (int m = 0; m < 128; m++) {
                for (int t = 0; t < 200; t++) {
                    crop[c][m][t] = c * 100000 + m * 1000 + t;
                }
            }
        }
        GramMasking pm = GramMasking.PATCH;
        float[] out = new float[pm.patchCount() * 2 * 16 * 8];
        Crops.patchify(crop, pm, out, 0);
        int pv = 2 * 16 * 8;
        // patch p = fi * 25 + ti; take fi = 2, ti = 3: mel 32.., frame 24..
        int p = 2 * 25 + 3;
        assertEquals(32 * 1000 + 24, out[p * pv], 0);
        assertEquals(32 * 1000 + 25, out[p * pv + 1], 0);          // next frame
        assertEquals(33 * 1000 + 24, out[p * pv + 8], 0);          // next mel bin
        assertEquals(100000 + 32 * 1000 + 24, out[p * pv + 128], 0); // next channel
    }
}
