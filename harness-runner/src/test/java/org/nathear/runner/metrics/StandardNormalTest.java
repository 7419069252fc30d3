package org.nathear.runner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandardNormalTest {
    @Test
    void quantileMatchesScipyInTheCentreAndBothTails() {
        // reference values: scipy.stats.norm.ppf (SciPy 1.10.1)
        double[][] cases = {
            {0.5, 0.0},
            {0.75, 0.6744897501960817},
            {0.975, 1.959963984540054},
            {0.025, -1.9599639845400545},
            {0.9999, 3.719016485455709},
            {1e-10, -6.361340902404056},
            {1e-20, -9.262340089798409},
        };
        for (double[] c : cases) {
            assertEquals(c[1], StandardNormal.quantile(c[0]), 1e-14 * Math.max(1.0, Math.abs(c[1])), "p=" + c[0]);
        }
    }

    @Test
    void quantileIsAntisymmetricAroundOneHalf() {
        for (double p = 0.001; p < 0.5; p += 0.0137) {
            assertEquals(-StandardNormal.quantile(p), StandardNormal.quantile(1.0 - p), 1e-12, "p=" + p);
        }
    }

    @Test
    void quantileIsInfiniteAtTheEndsAndNanOutside() {
        assertEquals(Double.NEGATIVE_INFINITY, StandardNormal.quantile(0.0));
        assertEquals(Double.POSITIVE_INFINITY, StandardNormal.quantile(1.0));
        assertTrue(Double.isNaN(StandardNormal.quantile(1.5)));
        assertTrue(Double.isNaN(StandardNormal.quantile(-0.1)));
        assertTrue(Double.isNaN(StandardNormal.quantile(Double.NaN)));
    }
}
