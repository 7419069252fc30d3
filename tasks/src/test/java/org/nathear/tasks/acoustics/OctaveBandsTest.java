package org.nathear.tasks.acoustics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OctaveBandsTest {

    @Test
    void crossoverWeightsAreNonNegativeAndSumToOneEverywhere() {
        double[] w = new double[OctaveBands.COUNT];
        for (double f = 0; f <= 24000; f += 7.3) {
            OctaveBands.weights(f, w);
            double sum = 0;
            for (double v : w) {
                assertTrue(v >= 0, "weight at " + f + " Hz");
                sum += v;
            }
            assertEquals(1, sum, 1e-12, "sum of weights at " + f + " Hz");
        }
    }

    @Test
    void eachBandIsWhollyItselfAtItsCentreAndValuesInterpolateBetweenCentres() {
        double[] values = {1, 2, 3, 4, 5, 6, 7};
        for (int b = 0; b < OctaveBands.COUNT; b++) {
            assertEquals(values[b], OctaveBands.interpolate(values, OctaveBands.centreHz(b)), 1e-12);
        }
        // half way (geometric mean) between 1 and 2 kHz the two bands weigh cos^2(pi/4) = 1/2 each
        assertEquals(4.5, OctaveBands.interpolate(values, Math.sqrt(1000 * 2000.0)), 1e-12);
        assertEquals(1, OctaveBands.interpolate(values, 20), 1e-12);
        assertEquals(7, OctaveBands.interpolate(values, 20000), 1e-12);
    }
}
