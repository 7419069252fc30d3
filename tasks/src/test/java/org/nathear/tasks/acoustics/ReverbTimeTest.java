package org.nathear.tasks.acoustics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;

class ReverbTimeTest {

    @Test
    void sabineAndEyringMatchHandComputedValues() {
        // 10 x 8 x 3 m: V = 240 m^3, S = 2 (80 + 30 + 24) = 268 m^2, 24 ln 10 / 343 = 0.161114 s/m
        double k = 24 * Math.log(10) / 343;
        assertEquals(0.161114, k, 1e-6);
        assertEquals(k * 240 / (268 * 0.2), ReverbTime.sabineSeconds(240, 268, 0.2), 1e-12);
        assertEquals(0.721405, ReverbTime.sabineSeconds(240, 268, 0.2), 1e-6);
        assertEquals(k * 240 / (268 * -Math.log(0.8)), ReverbTime.eyringSeconds(240, 268, 0.2), 1e-12);
        assertEquals(0.646584, ReverbTime.eyringSeconds(240, 268, 0.2), 1e-6);
        Room room = Room.uniform(10, 8, 3, 0.2);
        assertEquals(240, room.volumeCubicMeters(), 1e-12);
        assertEquals(268, room.surfaceSquareMeters(), 1e-12);
        assertEquals(0.646584, room.eyringRt60Seconds(3), 1e-6);
        assertEquals(0.2, ReverbTime.eyringAbsorption(240, 268, 0.646584), 1e-6, "Eyring inverted");
    }

    @Test
    void schroederIntegrationRecoversTheDecayOfAnExponentialNoiseTail() {
        int fs = 16000;
        double t60 = 0.7;
        SplittableRandom r = new SplittableRandom(3);
        float[] h = new float[(int) (1.2 * t60 * fs)];
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) (r.nextGaussian() * Math.pow(10, -3.0 * i / (fs * t60)));
        }
        assertEquals(t60, ReverbTime.t30Seconds(h, fs), 0.02 * t60);
        assertEquals(t60, ReverbTime.t20Seconds(h, fs), 0.03 * t60);
    }

    @Test
    void aResponseThatNeverDecaysFarEnoughIsAnError() {
        float[] flat = new float[1000];
        java.util.Arrays.fill(flat, 1);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ReverbTime.t30Seconds(flat, 1000));
        assertEquals(true, e.getMessage().contains("-35"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> ReverbTime.t30Seconds(new float[10], 1000));
    }
}
