package org.nathear.runner.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;
import org.nathear.api.Metric;

class DoaMetricsTest {
    private static final double[][] TRUTH = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {-1, 0, 0}};

    @Test
    void errorsAreTheAnglesBetweenRenormalisedPredictionsAndTruths() {
        double[][] predicted = {{2, 2, 0}, {0, 5, 0}, {0, 0, -1}, {0, 0, 0}};
        // 45 deg, 0 deg, 180 deg, and a zero prediction (no direction) counts 180 deg
        assertArrayEquals(new double[] {45, 0, 180, 180}, DoaMetrics.errorsDegrees(predicted, TRUTH), 1e-9);
        assertEquals(101.25, DoaMetrics.score(Metric.DOA_ERROR_MEAN_DEG, predicted, TRUTH), 1e-9);
        assertEquals(112.5, DoaMetrics.score(Metric.DOA_ERROR_MEDIAN_DEG, predicted, TRUTH), 1e-9, "mean of 45 and 180");
        assertEquals(0.25, DoaMetrics.score(Metric.DOA_ACC_20DEG, predicted, TRUTH), 1e-12);
    }

    @Test
    void accuracyCountsErrorsOfAtMostTwentyDegrees() {
        double twenty = Math.toRadians(20);
        double[][] predicted = {{Math.cos(twenty), Math.sin(twenty), 0}, {0, 1, 0.4}};
        double[][] truth = {{1, 0, 0}, {0, 1, 0}};
        double[] errors = DoaMetrics.errorsDegrees(predicted, truth);
        assertEquals(20, errors[0], 1e-9);
        assertEquals(Math.toDegrees(Math.atan(0.4)), errors[1], 1e-9);
        assertEquals(0.5, DoaMetrics.score(Metric.DOA_ACC_20DEG, predicted, truth), 1e-12, "21.8 deg misses, 20 deg hits");
    }

    @Test
    void frontBackConfusionsArePredictionsInTheOtherHalfForTargetsClearOfTheFrontalPlane() {
        double[][] truth = {{1, 0.2, 0}, {-1, 0.3, 0.1}, {0.05, 1, 0}, {0.7, -0.7, 0}};
        double[][] predicted = {{-1, 0.2, 0}, {-0.5, 0.5, 0}, {-1, 0, 0}, {-0.1, -1, 0}};
        // clip 0 confused, clip 1 not, clip 2 is within 10 deg of the frontal plane (not counted), clip 3 confused
        assertEquals(2 / 3.0, DoaMetrics.frontBackConfusionRate(predicted, truth), 1e-12);
        assertEquals(2 / 3.0, DoaMetrics.score(Metric.FRONT_BACK_CONFUSION, predicted, truth), 1e-12);
        assertTrue(Double.isNaN(DoaMetrics.frontBackConfusionRate(new double[][] {{1, 0, 0}}, new double[][] {{0, 1, 0}})));
    }

    @Test
    void rejectsClassificationMetricsAndMismatchedInputs() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> DoaMetrics.score(Metric.TOP1_ACC, TRUTH, TRUTH));
        assertTrue(e.getMessage().contains("top1_acc"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> DoaMetrics.errorsDegrees(new double[][] {{1, 0}}, new double[][] {{1, 0, 0}}));
        assertThrows(ConfigurationException.class, () -> DoaMetrics.errorsDegrees(new double[0][], new double[0][]));
    }
}
