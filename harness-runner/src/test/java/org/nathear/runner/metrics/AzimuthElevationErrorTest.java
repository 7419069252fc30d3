package org.nathear.runner.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.api.Metric;

class AzimuthElevationErrorTest {
    private static double[] dir(double azimuthDeg, double elevationDeg) {
        double a = Math.toRadians(azimuthDeg);
        double e = Math.toRadians(elevationDeg);
        return new double[] {Math.cos(e) * Math.cos(a), Math.cos(e) * Math.sin(a), Math.sin(e)};
    }

    @Test
    void azimuthErrorWrapsAroundTheBack() {
        double[][] truth = {dir(170, 0), dir(0, 30), dir(90, -10), dir(0, 90)};
        double[][] predicted = {dir(-170, 0), dir(45, 30), new double[] {0, 0, 0}, dir(120, 60)};
        assertArrayEquals(new double[] {20, 45, 180, 0}, DoaMetrics.azimuthErrorsDegrees(predicted, truth), 1e-9);
    }

    @Test
    void elevationErrorIsTheDifferenceOfElevations() {
        double[][] truth = {dir(10, 20), dir(-100, -30), dir(0, 0)};
        double[][] predicted = {dir(80, 50), dir(-100, 10), new double[] {Double.NaN, 0, 0}};
        assertArrayEquals(new double[] {30, 40, 180}, DoaMetrics.elevationErrorsDegrees(predicted, truth), 1e-9);
    }

    @Test
    void bothAreZeroForEqualDirectionsOfAnyLength() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            double[] t = dir(r.nextDouble(-180, 180), r.nextDouble(-89, 89));
            double[] p = {3 * t[0], 3 * t[1], 3 * t[2]};
            assertEquals(0, DoaMetrics.azimuthErrorsDegrees(new double[][] {p}, new double[][] {t})[0], 1e-9);
            assertEquals(0, DoaMetrics.elevationErrorsDegrees(new double[][] {p}, new double[][] {t})[0], 1e-9);
        }
    }

    @Test
    void theMeanMetricsAverageTheWrappedErrors() {
        double[][] truth = {dir(359, 10), dir(-90, 0)};
        double[][] predicted = {dir(1, 20), dir(-80, -30)};
        assertEquals((2 + 10) / 2.0, DoaMetrics.score(Metric.AZIMUTH_ERROR_MEAN_DEG, predicted, truth), 1e-9,
                "359° vs 1° is 2°");
        assertEquals((10 + 30) / 2.0, DoaMetrics.score(Metric.ELEVATION_ERROR_MEAN_DEG, predicted, truth), 1e-9);
        assertTrue(DoaMetrics.handles(Metric.AZIMUTH_ERROR_MEAN_DEG) && DoaMetrics.handles(Metric.ELEVATION_ERROR_MEAN_DEG));
        assertEquals(Metric.AZIMUTH_ERROR_MEAN_DEG, Metric.fromId("azimuth_error_mean_deg"));
        assertFalse(Metric.ELEVATION_ERROR_MEAN_DEG.higherIsBetter());
    }
}
