package org.nathear.runner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nathear.api.Metric;

class MetricOrderTest {
    @Test
    void higherIsBetterForAccuracyAndLowerForErrorRate() {
        assertTrue(MetricOrder.better(Metric.MAP, 0.8, 0.7));
        assertFalse(MetricOrder.better(Metric.MAP, 0.7, 0.8));
        assertTrue(MetricOrder.better(Metric.SEGMENT_1S_ER, 0.2, 0.3));
        assertFalse(MetricOrder.better(Metric.SEGMENT_1S_ER, 0.3, 0.2));
    }

    @Test
    void tiesAreNotBetterAndNanLosesToAnyNumber() {
        assertFalse(MetricOrder.better(Metric.TOP1_ACC, 0.5, 0.5));
        assertTrue(MetricOrder.better(Metric.TOP1_ACC, 0.0, Double.NaN));
        assertFalse(MetricOrder.better(Metric.TOP1_ACC, Double.NaN, 0.0));
        assertFalse(MetricOrder.better(Metric.SEGMENT_1S_ER, Double.NaN, 5.0));
        assertFalse(MetricOrder.better(Metric.TOP1_ACC, Double.NaN, Double.NaN));
    }

    @Test
    void bestFirstSortsNanLastAndKeepsTiesInOrder() {
        List<Double> scores = new ArrayList<>(List.of(0.3, Double.NaN, 0.1, 0.3, 0.2));
        scores.sort(MetricOrder.bestFirst(Metric.DOA_ERROR_MEAN_DEG));
        assertEquals(List.of(0.1, 0.2, 0.3, 0.3, Double.NaN), scores);
    }
}
