package org.nathear.tasks.acoustics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nathear.tasks.spatial.scene.SceneSampler;
import org.nathear.tasks.spatial.scene.SpatialFormat;
import org.nathear.tasks.acoustics.receivers.OmniReceiver;
import org.nathear.tasks.dsp.FftPlans;

class RoomSimulatorTest {
    private static final int FS = 16000;

    /**
     * The evidence the issue asks for: over rooms drawn like Nat-HEAR's (RT60 0.2-1.2 s, frequency-
     * dependent absorption), T30 measured by Schroeder integration in each octave band is within 10 %
     * of Eyring's prediction for that band. The band energy of several responses (several late-tail
     * seeds) is averaged before integration, as measurements average positions, to tame the random
     * fluctuation of narrow-band noise decays. This is the fast version; {@link #rt60EvidenceTable()}
     * is the full table quoted in the docs.
     */
    @Test
    void schroederT30IsWithinTenPercentOfEyringInEveryBandOverSampledRooms() {
        double worst = rt60Check(1, 8, 8000, new int[] {1, 2, 3, 4});
        assertTrue(worst < 0.10, "largest deviation " + worst);
    }

    /** 12 rooms (3 per RT60 stratum) x 5 bands (250 Hz to 4 kHz) x 16 seeds at 16 kHz: the docs' table. */
    @Test
    @Tag("slow")
    void rt60EvidenceTable() {
        double worst = rt60Check(3, 16, 16000, new int[] {1, 2, 3, 4, 5});
        assertTrue(worst < 0.10, "largest deviation " + worst);
    }

    private static double rt60Check(int roomsPerStratum, int seeds, int fs, int[] bands) {
        SplittableRandom random = new SplittableRandom(2024);
        double[][] strata = {{0.2, 0.3}, {0.45, 0.55}, {0.75, 0.85}, {1.1, 1.2}};
        double worst = 0;
        for (int i = 0; i < strata.length * roomsPerStratum; i++) {
            double[] stratum = strata[i / roomsPerStratum];
            SceneSampler sampler = new SceneSampler(rt60Range(stratum[0], stratum[1]), RoomSimulator.Settings.defaults());
            SceneSampler.Scene scene = sampler.sample(random, SpatialFormat.FOA, "omni");
            float[][] h = new float[seeds][];
            for (int k = 0; k < h.length; k++) {
                h[k] = RoomSimulator.render(scene.room(), scene.source(), scene.listener(), new OmniReceiver(fs),
                        RoomSimulator.Settings.defaults().withLength(1.2, 4), 100L * i + k)[0];
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s:", scene.room()));
            for (int b : bands) {
                double eyring = scene.room().eyringRt60Seconds(b);
                float[] energy = new float[h[0].length];
                for (float[] response : h) {
                    float[] band = narrowBand(response, OctaveBands.centreHz(b), fs);
                    for (int t = 0; t < energy.length; t++) {
                        energy[t] += band[t] * band[t];
                    }
                }
                for (int t = 0; t < energy.length; t++) {
                    energy[t] = (float) Math.sqrt(energy[t]); // ReverbTime squares its input
                }
                double t30 = ReverbTime.t30Seconds(energy, fs);
                double deviation = t30 / eyring - 1;
                worst = Math.max(worst, Math.abs(deviation));
                line.append(String.format(Locale.ROOT, " %.0f Hz %.3f/%.3f s (%+.1f%%)", OctaveBands.centreHz(b), t30, eyring,
                        100 * deviation));
            }
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "RT60 check at %d Hz: %d rooms x %d bands, %d seeds each: largest |T30 / Eyring - 1| = %.1f%%%n",
                fs, strata.length * roomsPerStratum, bands.length, seeds, 100 * worst);
        return worst;
    }

    @Test
    void specularImageSourcesAloneDecayMoreSlowlyThanEyringAsShoeboxTheoryExpects() {
        Room room = Room.uniform(8, 5, 3, 0.2);
        Listener listener = new Listener(new Vec3(6.3, 3.6, 1.5), 0);
        float[] h = RoomSimulator.render(room, new Vec3(1.3, 1.1, 1.2), listener, new OmniReceiver(8000),
                RoomSimulator.Settings.defaults().withoutLateTail().withLength(0.8, 2), 1)[0];
        double ratio = ReverbTime.t20Seconds(h, 8000) / room.eyringRt60Seconds(3);
        System.out.printf(Locale.ROOT, "pure image sources, %s: T20 / Eyring = %.2f%n", room, ratio);
        assertTrue(ratio > 1.3 && ratio < 1.8, "T20 / Eyring = " + ratio);
    }

    @Test
    void theSameSeedGivesTheSameResponseAndAnotherSeedOnlyAnotherTail() {
        Room room = Room.uniform(6, 5, 3, 0.25);
        Listener listener = new Listener(new Vec3(3, 2.5, 1.5), 40);
        Vec3 source = new Vec3(1.2, 1.4, 1.1);
        RoomSimulator.Settings s = RoomSimulator.Settings.defaults();
        float[] a = RoomSimulator.render(room, source, listener, new OmniReceiver(FS), s, 5)[0];
        float[] b = RoomSimulator.render(room, source, listener, new OmniReceiver(FS), s, 5)[0];
        float[] c = RoomSimulator.render(room, source, listener, new OmniReceiver(FS), s, 6)[0];
        assertArrayEquals(a, b);
        double transition = RoomSimulator.autoTransitionMillis(room) - s.crossfadeMillis();
        int early = (int) (transition / 1000 * FS) - 1;
        assertArrayEquals(Arrays.copyOf(a, early), Arrays.copyOf(c, early), 1e-9f, "early part does not depend on the seed");
        assertFalse(Arrays.equals(a, c), "the late tail does");
    }

    @Test
    void anAnechoicResponseIsTheDirectSoundAlone() {
        Room room = Room.uniform(6, 5, 3, 0.25);
        Listener listener = new Listener(new Vec3(3, 2.5, 1.5), 0);
        Vec3 source = new Vec3(1, 2.5, 1.5); // 2 m in front... behind: 2 m along -x
        float[] h = RoomSimulator.render(room, source, listener, new OmniReceiver(FS), RoomSimulator.Settings.anechoic(), 1)[0];
        int at = (int) Math.round(2.0 / 343 * FS);
        double sum = 0;
        for (float v : h) {
            sum += v * v;
        }
        double expected = 1 / (4 * Math.PI * 2.0);
        assertEquals(expected, h[at], 0.02 * expected, "the direct impulse, 1/(4 pi r)");
        assertEquals(expected * expected, sum, 0.05 * expected * expected, "and nothing else");
    }

    private static SceneSampler.Settings rt60Range(double min, double max) {
        SceneSampler.Settings p = SceneSampler.Settings.nathear();
        return new SceneSampler.Settings(p.minDistanceMeters(), p.maxDistanceMeters(), min, max, p.minLengthMeters(),
                p.maxLengthMeters(), p.minWidthMeters(), p.maxWidthMeters(), p.minHeightMeters(), p.maxHeightMeters(),
                p.listenerHeightMeters(), p.wallMarginMeters(), p.localizedNoiseProbability(), p.minDiffuseSources(),
                p.maxDiffuseSources(), p.minSnrDb(), p.maxSnrDb());
    }

    /**
     * The response through a narrow band-pass around {@code centreHz}: a Hann window over ±1/3 octave
     * on a log-frequency axis (smooth, so the filter's own ringing stays short).
     */
    static float[] narrowBand(float[] h, double centreHz, int fs) {
        int n = FftPlans.nextPowerOfTwo(4L * h.length); // room for the filter's acausal ringing, discarded
        double[] x = new double[n];
        for (int i = 0; i < h.length; i++) {
            x[i] = h[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForward(x);
        for (int k = 0; k <= n / 2; k++) {
            double f = k * (double) fs / n;
            double u = f > 0 ? Math.log(f / centreHz) / Math.log(2) * 3 : -1; // in thirds of an octave
            double w = Math.abs(u) < 1 ? 0.5 + 0.5 * Math.cos(Math.PI * u) : 0;
            if (k == 0) {
                x[0] *= w;
            } else if (k == n / 2) {
                x[1] *= w;
            } else {
                x[2 * k] *= w;
                x[2 * k + 1] *= w;
            }
        }
        fft.realInverse(x, true);
        float[] out = new float[h.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
