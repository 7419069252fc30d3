package org.nathear.tasks.acoustics.receivers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.tasks.acoustics.Listener;
import org.nathear.tasks.acoustics.Room;
import org.nathear.tasks.acoustics.RoomSimulator;
import org.nathear.tasks.acoustics.Vec3;
import org.nathear.tasks.dsp.FftConvolver;
import org.nathear.tasks.spatial.scene.SceneSampler;
import org.nathear.tasks.spatial.scene.SpatialFormat;

class FoaReceiverTest {
    private static final int FS = 16000;

    @Test
    void encodesAPlaneWaveWithTheAcnSn3dGains() {
        assertArrayEquals(new double[] {1, 0, 0, 1}, FoaReceiver.encode(new Vec3(1, 0, 0)), 1e-12, "front: W and X");
        assertArrayEquals(new double[] {1, 1, 0, 0}, FoaReceiver.encode(new Vec3(0, 1, 0)), 1e-12, "left: W and Y");
        assertArrayEquals(new double[] {1, 0, 1, 0}, FoaReceiver.encode(new Vec3(0, 0, 1)), 1e-12, "up: W and Z");
        double s = Math.sqrt(0.5);
        assertArrayEquals(new double[] {1, 0, s, -s}, FoaReceiver.encode(Vec3.fromDegrees(180, 45)), 1e-12);
    }

    /**
     * Evidence for the issue: without reverberation the intensity vector of a rendered source points
     * at its labelled direction within 5° (every direction tried); with reverberation (rooms drawn as
     * for Nat-HEAR) the median error is reported.
     */
    @Test
    void intensityVectorsRecoverTheLabelledDirectionWithinFiveDegreesWithoutReverberation() {
        SplittableRandom random = new SplittableRandom(11);
        float[] source = noise(random, FS / 2);
        Room room = Room.uniform(12, 12, 12, 0.3);
        Listener listener = new Listener(new Vec3(6, 6, 6), 0);
        double worst = 0;
        for (int i = 0; i < 40; i++) {
            Vec3 label = Vec3.fromDegrees(360 * random.nextDouble(), Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)));
            Vec3 position = listener.position().plus(label.times(1.5 + 2 * random.nextDouble()));
            float[][] rir = RoomSimulator.render(room, position, listener, new FoaReceiver(FS), RoomSimulator.Settings.anechoic(), i);
            float[][] foa = FftConvolver.convolve(source, rir, source.length);
            double error = IntensityVectors.angleDegrees(IntensityVectors.direction(foa), label);
            worst = Math.max(worst, error);
            assertTrue(error < 5, "direction " + label + ": error " + error + " degrees");
        }
        System.out.printf(Locale.ROOT, "FOA intensity vectors, anechoic: largest error %.3f deg over 40 directions%n", worst);
    }

    @Test
    void reportsTheMedianIntensityVectorErrorInReverberantScenes() {
        SplittableRandom random = new SplittableRandom(12);
        float[] source = noise(random, FS);
        SceneSampler sampler = new SceneSampler(SceneSampler.Settings.nathear(), RoomSimulator.Settings.defaults());
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            SceneSampler.Scene scene = sampler.sample(random, SpatialFormat.FOA, "foa");
            float[][] rir = RoomSimulator.render(scene.room(), scene.source(), scene.listener(), new FoaReceiver(FS),
                    RoomSimulator.Settings.defaults(), i);
            float[][] foa = FftConvolver.convolve(source, rir, source.length);
            Vec3 label = scene.listener().toHead(scene.source().minus(scene.listener().position()));
            errors.add(IntensityVectors.angleDegrees(IntensityVectors.direction(foa), label));
        }
        Collections.sort(errors);
        double median = 0.5 * (errors.get(14) + errors.get(15));
        System.out.printf(Locale.ROOT, "FOA intensity vectors, reverberant scenes (RT60 0.2-1.2 s, 1.5-5 m, no noise): "
                + "median error %.1f deg, 90th percentile %.1f deg over 30 scenes%n", median, errors.get(26));
        assertTrue(median < 45, "reverberation biases the broadband intensity but it still points the right way: " + median);
    }

    static float[] noise(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.1 * random.nextGaussian());
        }
        return x;
    }
}
