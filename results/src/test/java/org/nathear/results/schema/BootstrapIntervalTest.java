package org.nathear.results.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nathear.results.statistics.Percentiles;

class BootstrapIntervalTest {
    @Test
    void allNanReplicatesGiveNanBounds() {
        BootstrapInterval i = BootstrapInterval.of("top1_acc", 0.95, 3L, new double[] {Double.NaN, Double.NaN});
        assertTrue(Double.isNaN(i.low()) && Double.isNaN(i.high()));
    }

    @Test
    void boundsAreThoseOfTheStoredFloatReplicates() {
        BootstrapInterval i = BootstrapInterval.of("mAP", 0.9, 5L, new double[] {0.1, 0.2, 0.30000000000000004, 0.4});
        assertEquals(List.of(0.1f, 0.2f, 0.3f, 0.4f), i.replicates());
        assertEquals(Percentiles.percentile(i.replicateValues(), 0.05), i.low());
        assertEquals(Percentiles.percentile(i.replicateValues(), 0.95), i.high());
        assertEquals(4, i.resamples());
    }

    @Test
    void rejectsInconsistentFields() {
        assertThrows(ResultFileException.class, () -> new BootstrapInterval("m", 0.95, 3, 1L, 0, 1, List.of(0.1f)));
        assertThrows(ResultFileException.class, () -> new BootstrapInterval("m", 1.5, 1, 1L, 0, 1, List.of(0.1f)));
        assertThrows(ResultFileException.class, () -> new BootstrapInterval("", 0.95, 1, 1L, 0, 1, List.of(0.1f)));
    }

    @Test
    void histogramsBinAsNumpyAndRejectValuesOutsideTheRange() {
        Histogram h = Histogram.of("deg", new double[] {0, 4.9, 5, 179, 180}, List.of(0.0, 5.0, 90.0, 180.0));
        assertEquals(List.of(2L, 1L, 2L), h.counts(), "bins [0,5) [5,90) [90,180], the last one closed");
        assertEquals(5, h.total());
        assertEquals(36, Histogram.doaErrors(new double[] {1, 2}).counts().size());
        ResultFileException e = assertThrows(ResultFileException.class,
                () -> Histogram.doaErrors(new double[] {10, 181}));
        assertTrue(e.getMessage().contains("181.0") && e.getMessage().contains("index 1"), e.getMessage());
        assertThrows(ResultFileException.class, () -> new Histogram("deg", List.of(0.0, 0.0), List.of(1L)));
    }
}
