package org.nathear.runner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nathear.api.HarnessException;
import org.nathear.api.Metric;

/** The fast resampled metrics equal {@link SceneMetrics} on the data set with rows actually repeated. */
class ResampledSceneMetricTest {
    private static final List<Metric> METRICS = List.of(Metric.TOP1_ACC, Metric.PITCH_ACC, Metric.CHROMA_ACC, Metric.MAP,
            Metric.AUCROC, Metric.D_PRIME);

    /** Scores on a 0.1 grid, so that ties (one threshold group) are common. */
    private static double[][] predictions(SplittableRandom r, int n, int c) {
        double[][] p = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                p[i][j] = Math.round(r.nextDouble() * 10) / 10.0;
            }
        }
        return p;
    }

    private static boolean[][] targets(SplittableRandom r, int n, int c, boolean multilabel) {
        boolean[][] t = new boolean[n][c];
        for (int i = 0; i < n; i++) {
            if (multilabel) {
                for (int j = 0; j < c; j++) {
                    t[i][j] = r.nextDouble() < 0.4;
                }
            } else {
                t[i][r.nextInt(c)] = true;
            }
        }
        return t;
    }

    private static int[] multinomial(SplittableRandom r, int n) {
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[r.nextInt(n)]++;
        }
        return counts;
    }

    private static <T> List<T> expand(T[] rows, int[] counts) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < counts[i]; k++) {
                out.add(rows[i]);
            }
        }
        return out;
    }

    @Test
    void everyMetricEqualsSceneMetricsOnTheExpandedDataExactly() {
        SplittableRandom r = new SplittableRandom(20250101L);
        int checked = 0;
        for (int trial = 0; trial < 40; trial++) {
            int n = 5 + r.nextInt(40);
            int c = 2 + r.nextInt(14);
            boolean multilabel = trial % 2 == 1;
            double[][] p = predictions(r, n, c);
            boolean[][] t = targets(r, n, c, multilabel);
            for (Metric m : METRICS) {
                ResampledSceneMetric fast = new ResampledSceneMetric(m, p, t);
                for (int s = 0; s < 5; s++) {
                    int[] counts = multinomial(r, n);
                    double[][] ep = expand(p, counts).toArray(new double[0][]);
                    boolean[][] et = expand(t, counts).toArray(new boolean[0][]);
                    double expected = SceneMetrics.score(m, ep, et);
                    assertEquals(expected, fast.score(counts), 0.0, () -> "metric " + m.id() + " (seed 20250101, trial) n=" + n);
                    checked++;
                }
                int[] ones = new int[n];
                java.util.Arrays.fill(ones, 1);
                assertEquals(SceneMetrics.score(m, p, t), fast.score(ones), 0.0, "all-ones counts give the plain score");
            }
        }
        assertEquals(40 * 6 * 5, checked);
    }

    @Test
    void aNonFiniteRowCountsOnlyWhenItIsDrawn() {
        double[][] p = {{0.9, 0.1}, {Double.NaN, 0.5}, {0.2, 0.8}, {0.6, 0.4}};
        boolean[][] t = {{true, false}, {false, true}, {false, true}, {true, false}};
        ResampledSceneMetric map = new ResampledSceneMetric(Metric.MAP, p, t);
        assertTrue(Double.isNaN(map.score(new int[] {1, 1, 1, 1})));
        double withoutNan = map.score(new int[] {2, 0, 1, 1});
        assertEquals(SceneMetrics.score(Metric.MAP, new double[][] {p[0], p[0], p[2], p[3]},
                new boolean[][] {t[0], t[0], t[2], t[3]}), withoutNan, 0.0);
        assertTrue(Double.isNaN(new ResampledSceneMetric(Metric.AUCROC, p, t).score(new int[] {4, 0, 0, 0})),
                "a resample without negatives has no AUC, as sklearn");
    }

    @Test
    void rejectsCountsOfTheWrongShape() {
        ResampledSceneMetric acc = new ResampledSceneMetric(Metric.TOP1_ACC, new double[][] {{1, 0}}, new boolean[][] {{true, false}});
        assertThrows(HarnessException.class, () -> acc.score(new int[] {1, 1}));
        assertThrows(HarnessException.class, () -> acc.score(new int[] {0}));
        assertThrows(HarnessException.class, () -> new ResampledSceneMetric(Metric.DOA_ERROR_MEAN_DEG,
                new double[][] {{1, 0}}, new boolean[][] {{true, false}}));
    }
}
