package org.nathear.results.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricSummaryTest {
    @Test
    void meanAndSampleStandardDeviationMatchHandComputation() {
        MetricSummary s = MetricSummary.of(List.of(0.5, 0.7, 0.9));
        assertEquals(0.7, s.mean(), 1e-12);
        assertEquals(0.2, s.std(), 1e-12); // sqrt((0.04 + 0 + 0.04) / 2)
    }

    @Test
    void nanFoldsAreSkippedAsPandasDoesButKeptInTheRawValues() {
        MetricSummary s = MetricSummary.of(List.of(1.0, Double.NaN, 3.0));
        assertEquals(2.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2.0), s.std(), 1e-12);
        assertTrue(Double.isNaN(s.perFold().get(1)));
    }

    @Test
    void aSingleRotationHasZeroSpreadAndAllNanGivesNan() {
        assertEquals(0.0, MetricSummary.of(List.of(0.4)).std());
        assertTrue(Double.isNaN(MetricSummary.of(List.of(Double.NaN, Double.NaN)).mean()));
        assertTrue(Double.isNaN(MetricSummary.of(List.of(Double.NaN, 0.5)).std()));
    }
}
