package org.nathear.results.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    /**
     * Values from numpy 2.4 (default method "linear"): {@code np.percentile([3, 1, 2, 4], [0, 25, 50, 97.5, 100])} =
     * [1, 1.75, 2.5, 3.925, 4]; {@code np.percentile(np.arange(1, 1001), [2.5, 97.5])} = [25.975, 975.025].
     */
    @Test
    void percentilesFollowNumpysLinearRule() {
        double[] small = {3, 1, 2, 4};
        assertEquals(1.0, Percentiles.percentile(small, 0.0));
        assertEquals(1.75, Percentiles.percentile(small, 0.25), 1e-12);
        assertEquals(2.5, Percentiles.percentile(small, 0.5), 1e-12);
        assertEquals(3.925, Percentiles.percentile(small, 0.975), 1e-12);
        assertEquals(4.0, Percentiles.percentile(small, 1.0));
        double[] big = new double[1000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i + 1;
        }
        assertEquals(25.975, Percentiles.percentile(big, 0.025), 1e-9);
        assertEquals(975.025, Percentiles.percentile(big, 0.975), 1e-9);
    }

    @Test
    void nanValuesAreLeftOutAndAllNanGivesNan() {
        assertEquals(1.75, Percentiles.percentile(new double[] {3, Double.NaN, 1, 2, 4}, 0.25), 1e-12);
        assertTrue(Double.isNaN(Percentiles.percentile(new double[] {Double.NaN}, 0.5)));
        Percentiles.Interval none = Percentiles.interval(new double[] {Double.NaN, Double.NaN}, 0.95);
        assertTrue(Double.isNaN(none.low()) && Double.isNaN(none.high()));
    }

    /** {@code np.percentile(np.arange(1, 1001), [2.5, 97.5])} = [25.975, 975.025], the bounds of a 95 % interval. */
    @Test
    void intervalBoundsAreTheTwoTailPercentilesBitForBit() {
        double[] big = new double[1000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (i * 7919) % 1000 + 1; // 1..1000 in shuffled order
        }
        Percentiles.Interval i = Percentiles.interval(big, 0.95);
        assertEquals(25.975, i.low(), 1e-9);
        assertEquals(975.025, i.high(), 1e-9);
        double alpha = (1 - 0.9) / 2;
        Percentiles.Interval ninety = Percentiles.interval(big, 0.9);
        assertEquals(Percentiles.percentile(big, alpha), ninety.low());
        assertEquals(Percentiles.percentile(big, 1 - alpha), ninety.high());
    }

    @Test
    void quantilesAndLevelsOutsideTheirRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(new double[] {1}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(new double[] {1}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.interval(new double[] {1}, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.interval(new double[] {1}, 0.0));
    }
}
