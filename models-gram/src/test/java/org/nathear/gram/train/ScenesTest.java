package org.nathear.gram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.audio.Signals;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.gram.GramVariant;

/** Scene rendering and mixing against physics and definitions. */
class ScenesTest {
    @TempDir
    Path dir;

    private static double energy(float[] x) {
        double e = 0;
        for (float v : x) {
            e += (double) v * v;
        }
        return e;
    }

    /** Lag (samples) at which {@code b} best matches {@code a} delayed: argmax_k Σ a[n] b[n + k]. */
    private static int lag(float[] a, float[] b, int max) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int k = -max; k <= max; k++) {
            double s = 0;
            for (int n = max; n < a.length - max; n++) {
                s += a[n] * b[n + k];
            }
            if (s > bestValue) {
                bestValue = s;
                best = k;
            }
        }
        return best;
    }

    /** The binaural direct path is each ear's FIR convolved with the signal, cut to the signal's length. */
    @Test
    void binauralDirectPathEqualsTheConvolutionDefinition() {
        float[] x = Signals.whiteNoise(1, 1, 5000, 0.5)[0];
        double[] dir = {0.6, 0.8, 0};
        float[][] ears = new DirectPathRenderer(ChannelLayout.BINAURAL).renderDirection(x, dir, 32000);
        for (int ear = 0; ear < 2; ear++) {
            float[] h = DirectPathRenderer.earResponse(dir, ear == 0, 32000);
            assertEquals(x.length, ears[ear].length);
            for (int n : new int[] {0, 1, h.length - 1, h.length, 4999}) {
                double s = 0;
                for (int k = 0; k <= Math.min(n, h.length - 1); k++) {
                    s += h[k] * x[n - k];
                }
                assertEquals(s, ears[ear][n], 1e-4, "ear " + ear + ", y[" + n + "]");
            }
        }
    }

    @Test
    void aSourceOnTheLeftReachesTheLeftEarFirstByWoodworthsItdAndLouder() {
        DirectPathRenderer r = new DirectPathRenderer(ChannelLayout.BINAURAL);
        float[] s = Signals.whiteNoise(3, 1, 16000, 0.3)[0];
        float[][] ears = r.renderDirection(s, new double[] {0, 1, 0}, 32000);
        // Woodworth: ITD = (a/c)(π/2 + 1) at 90° ≈ 0.656 ms ≈ 21 samples at 32 kHz, right ear later
        double itd = DirectPathRenderer.HEAD_RADIUS_M / DirectPathRenderer.SPEED_OF_SOUND_M_S * (Math.PI / 2 + 1);
        assertEquals(itd, DirectPathRenderer.earDelaySeconds(Math.PI) - DirectPathRenderer.earDelaySeconds(0), 1e-12);
        assertEquals(Math.round(itd * 32000), lag(ears[0], ears[1], 40), 1.0, "right-ear lag in samples");
        assertTrue(energy(ears[0]) > 2 * energy(ears[1]), "head shadow: the far ear is quieter");
        // straight ahead: no interaural difference at all
        float[][] front = r.renderDirection(s, new double[] {1, 0, 0}, 32000);
        assertArrayEquals(front[0], front[1]);
    }

    @Test
    void headShadowFollowsBrownAndDuda() {
        assertEquals(2.0, DirectPathRenderer.shadowAlpha(0), 1e-12);                 // +6 dB at the near ear
        assertEquals(0.1, DirectPathRenderer.shadowAlpha(Math.toRadians(150)), 1e-12); // deepest shadow at 150°
    }

    @Test
    void firstOrderAmbisonicsEncodingIsExact() {
        DirectPathRenderer r = new DirectPathRenderer(ChannelLayout.FOA);
        float[] s = {1f, -2f, 0.5f};
        double[] d = {0.48, -0.6, 0.64};
        float[][] foa = r.renderDirection(s, d, 32000);
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], foa[0][i], 0);                 // W
            assertEquals(d[1] * s[i], foa[1][i], 1e-6);       // Y
            assertEquals(d[2] * s[i], foa[2][i], 1e-6);       // Z
            assertEquals(d[0] * s[i], foa[3][i], 1e-6);       // X
        }
    }

    @Test
    void mixedScenesHaveTheirSnrWithinTheDrawnRangeAndOneGainForBothEars() {
        SceneMixer mixer = new SceneMixer(GramVariant.BINAURAL, new DirectPathRenderer(ChannelLayout.BINAURAL), NoiseSource.generated(),
                10, 20, 32000);
        SceneMixer dry = new SceneMixer(GramVariant.BINAURAL, new DirectPathRenderer(ChannelLayout.BINAURAL), NoiseSource.generated(),
                10, 20, 32000);
        float[] s = Signals.whiteNoise(8, 1, 32000, 0.2)[0];
        for (long seed = 0; seed < 5; seed++) {
            float[][] noisy = mixer.mix(s, false, seed);
            // the same seed without noise: render the source alone through the same renderer and draw
            java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
            rng.nextLong(); // the noise seed
            float[][] clean = new DirectPathRenderer(ChannelLayout.BINAURAL).render(SceneMixer.normalise(s, "s"),
                    new float[s.length], 32000, rng.nextLong()).source();
            double es = energy(clean[0]) + energy(clean[1]);
            double en = 0;
            for (int c = 0; c < 2; c++) {
                float[] diff = new float[s.length];
                for (int i = 0; i < s.length; i++) {
                    diff[i] = noisy[c][i] - clean[c][i];
                }
                en += energy(diff);
            }
            double snr = 10 * Math.log10(es / en);
            assertTrue(snr >= 10 - 1e-3 && snr <= 20 + 1e-3, "scene SNR " + snr + " dB outside 10..20");
        }
        float[][] d = dry.mix(s, true, 1);
        assertArrayEquals(d[0], d[1], "a dry scene is the source in both ears");
    }

    @Test
    void theSnrIsTakenOverTheSamplesWhereTheNoiseIsActiveAsInEvaluation() {
        // noise in the middle quarter only (as a short --noise clip placed at an offset)
        NoiseSource burst = new NoiseSource() {
            @Override
            public float[] noise(int length, int sampleRateHz, long seed) {
                float[] w = Signals.whiteNoise(seed, 1, length, 0.3)[0];
                float[] out = new float[length];
                System.arraycopy(w, length / 2, out, length / 2, length / 4);
                return out;
            }

            @Override
            public String description() {
                return "burst";
            }
        };
        // a renderer that only pans (left full, right at half level), so the noise stays where it was placed
        SceneRenderer pan = new SceneRenderer() {
            @Override
            public ChannelLayout layout() {
                return ChannelLayout.BINAURAL;
            }

            @Override
            public String description() {
                return "pan";
            }

            @Override
            public SpatialScene render(float[] source, float[] noise, int sampleRateHz, long seed) {
                float[] halfS = new float[source.length];
                float[] halfN = new float[noise.length];
                for (int i = 0; i < source.length; i++) {
                    halfS[i] = 0.5f * source[i];
                    halfN[i] = 0.5f * noise[i];
                }
                return new SpatialScene(new float[][] {source, halfS}, new float[][] {noise, halfN}, "pan");
            }
        };
        SceneMixer mixer = new SceneMixer(GramVariant.BINAURAL, pan, burst, 15, 15, 32000);
        float[] s = Signals.whiteNoise(9, 1, 64000, 0.2)[0];
        float[] sn = SceneMixer.normalise(s, "s");
        float[][] clean = pan.render(sn, new float[s.length], 32000, 0).source();
        float[][] noisy = mixer.mix(s, false, 3);
        double es = 0;
        double en = 0;
        double esAll = 0;
        double enAll = 0;
        float[][] noiseAlone = new float[2][s.length];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < s.length; i++) {
                noiseAlone[c][i] = noisy[c][i] - clean[c][i];
            }
        }
        int activeSamples = 0;
        for (int i = 0; i < s.length; i++) {
            // active where the rendered noise is (above float rounding of the subtraction)
            boolean active = Math.abs(noiseAlone[0][i]) > 1e-6 || Math.abs(noiseAlone[1][i]) > 1e-6;
            activeSamples += active ? 1 : 0;
            for (int c = 0; c < 2; c++) {
                double d = noiseAlone[c][i];
                esAll += clean[c][i] * clean[c][i];
                enAll += d * d;
                if (active) {
                    es += clean[c][i] * clean[c][i];
                    en += d * d;
                }
            }
        }
        assertTrue(activeSamples < s.length / 2, "the burst is active in " + activeSamples + " of " + s.length + " samples");
        assertEquals(15.0, 10 * Math.log10(es / en), 0.2, "SNR over the noise-active samples");
        assertEquals(15.0 + 10 * Math.log10(4), 10 * Math.log10(esAll / enAll), 0.3, "over the whole clip the noise is 4x weaker: " + 10 * Math.log10(esAll / enAll)
                + " dB");
    }

    @Test
    void impulseResponsesFromAFolderAreApplied() throws Exception {
        // left: a unit impulse; right: the impulse 5 samples later at half level
        float[][] ir = new float[2][16];
        ir[0][0] = 1f;
        ir[1][5] = 0.5f;
        WavFiles.write(dir.resolve("room-a.wav"), ir, 32000, WavEncoding.FLOAT_32);
        ImpulseResponseFolderRenderer r = new ImpulseResponseFolderRenderer(dir, ChannelLayout.BINAURAL, 32000);
        assertEquals(1, r.size());
        float[] s = Signals.whiteNoise(4, 1, 1000, 0.3)[0];
        float[][] out = r.render(s, s, 32000, 1).source();
        assertArrayEquals(s, out[0], 1e-7f);
        for (int i = 5; i < s.length; i++) {
            assertEquals(0.5f * s[i - 5], out[1][i], 1e-7f);
        }
    }

    @Test
    void impulseResponsesWithTheWrongChannelCountAreRefusedByName() throws Exception {
        WavFiles.write(dir.resolve("stereo.wav"), new float[2][8], 32000, WavEncoding.FLOAT_32);
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> new ImpulseResponseFolderRenderer(dir, ChannelLayout.FOA, 32000));
        assertTrue(e.getMessage().contains("stereo.wav") && e.getMessage().contains("ACN"), e.getMessage());
    }
}
