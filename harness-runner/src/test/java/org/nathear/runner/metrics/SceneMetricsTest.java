package org.nathear.runner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nathear.api.HarnessException;
import org.nathear.api.Metric;

class SceneMetricsTest {
    private static final double EXACT = 1e-12;
    private static final double FIXTURE_TOLERANCE = 1e-9;
    private static final String FIXTURE = "/fixtures/scene-metrics.json";

    private static boolean[][] hot(int[][] rows) {
        boolean[][] out = new boolean[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new boolean[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = rows[i][j] != 0;
            }
        }
        return out;
    }

    /** Puts per-class columns side by side into an N×C matrix. */
    private static double[][] columns(double[]... cols) {
        double[][] out = new double[cols[0].length][cols.length];
        for (int c = 0; c < cols.length; c++) {
            for (int i = 0; i < cols[c].length; i++) {
                out[i][c] = cols[c][i];
            }
        }
        return out;
    }

    private static boolean[][] columns(boolean[]... cols) {
        boolean[][] out = new boolean[cols[0].length][cols.length];
        for (int c = 0; c < cols.length; c++) {
            for (int i = 0; i < cols[c].length; i++) {
                out[i][c] = cols[c][i];
            }
        }
        return out;
    }

    @Test
    void top1CountsRowsWhoseArgmaxMatchesTheTarget() {
        double[][] p = {{0.7, 0.2, 0.1}, {0.3, 0.6, 0.1}, {0.5, 0.4, 0.1}, {0.2, 0.3, 0.5}};
        boolean[][] t = hot(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {1, 0, 0}});
        assertEquals(0.5, SceneMetrics.score(Metric.TOP1_ACC, p, t), EXACT);
        assertEquals(0.5, SceneMetrics.score(Metric.PITCH_ACC, p, t), EXACT);
    }

    @Test
    void top1TakesTheFirstOfTiedPredictionsAndTheFirstPositiveOfAMultiHotTarget() {
        double[][] p = {
            {0.4, 0.4, 0.2},   // tie → class 0
            {0.4, 0.4, 0.2},   // tie → class 0, target 1: wrong
            {0.1, 0.2, 0.7},   // class 2, multi-hot target {1, 2} → argmax 1: wrong
            {0.1, 0.7, 0.2},   // class 1, multi-hot target {1, 2} → 1: right
            {0.6, 0.3, 0.1}};  // class 0, target without positives → 0: right
        boolean[][] t = hot(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 1, 1}, {0, 1, 1}, {0, 0, 0}});
        assertEquals(3.0 / 5.0, SceneMetrics.score(Metric.TOP1_ACC, p, t), EXACT);
    }

    @Test
    void argmaxTreatsNanAsTheMaximumLikeNumpy() {
        assertEquals(1, SceneMetrics.argmax(new double[] {0.9, Double.NaN, 0.95, Double.NaN}));
        assertEquals(2, SceneMetrics.argmax(new double[] {0.1, 0.2, Double.POSITIVE_INFINITY}));
    }

    @Test
    void chromaAccuracyForgivesOctaveErrorsOnly() {
        double[][] p = new double[3][25];
        p[0][14] = 1.0; // target 2: one octave up → chroma right, pitch wrong
        p[1][13] = 1.0; // target 2: a semitone off → both wrong
        p[2][24] = 1.0; // target 0: two octaves → chroma right
        boolean[][] t = new boolean[3][25];
        t[0][2] = true;
        t[1][2] = true;
        t[2][0] = true;
        assertEquals(2.0 / 3.0, SceneMetrics.score(Metric.CHROMA_ACC, p, t), EXACT);
        assertEquals(0.0, SceneMetrics.score(Metric.PITCH_ACC, p, t), EXACT);
    }

    @Test
    void averagePrecisionWeighsPrecisionByRecallIncrements() {
        // thresholds 0.9 (P=1, R=1/2), 0.8, 0.7 (P=2/3, R=1), 0.6 → AP = 1/2 + 1/3 = 5/6
        double ap = SceneMetrics.averagePrecision(new double[] {0.9, 0.8, 0.7, 0.6},
                new boolean[] {true, false, true, false});
        assertEquals(5.0 / 6.0, ap, EXACT);
    }

    @Test
    void averagePrecisionTreatsTiedScoresAsOneThreshold() {
        // all equal: one threshold, precision 2/4 at recall 1 → AP = prevalence (either tie order would differ)
        assertEquals(0.5, SceneMetrics.averagePrecision(new double[] {0.5, 0.5, 0.5, 0.5},
                new boolean[] {true, true, false, false}), EXACT);
        // 0.5 group: P = 1/2 at R = 1/2; 0.1: P = 2/3 at R = 1 → (1/2 + 2/3) / 2 = 7/12
        assertEquals(7.0 / 12.0, SceneMetrics.averagePrecision(new double[] {0.5, 0.5, 0.1},
                new boolean[] {false, true, true}), EXACT);
    }

    @Test
    void averagePrecisionIsZeroWithoutPositivesAndOneWithOnlyPositives() {
        assertEquals(0.0, SceneMetrics.averagePrecision(new double[] {0.9, 0.1}, new boolean[] {false, false}), EXACT);
        assertEquals(1.0, SceneMetrics.averagePrecision(new double[] {0.9, 0.1}, new boolean[] {true, true}), EXACT);
    }

    @Test
    void meanAveragePrecisionCountsAClassWithoutPositivesAsZero() {
        double[][] p = columns(new double[] {0.9, 0.8, 0.7, 0.6}, new double[] {0.3, 0.2, 0.4, 0.1});
        boolean[][] t = columns(new boolean[] {true, false, true, false}, new boolean[] {false, false, false, false});
        assertEquals((5.0 / 6.0 + 0.0) / 2.0, SceneMetrics.score(Metric.MAP, p, t), EXACT);
    }

    @Test
    void rocAucCountsTiedPairsAsOneHalf() {
        // pairs: (0.9,0.8) ✓ (0.9,0.6) ✓ (0.7,0.8) ✗ (0.7,0.6) ✓ → 3/4
        assertEquals(0.75, SceneMetrics.rocAuc(new double[] {0.9, 0.8, 0.7, 0.6},
                new boolean[] {true, false, true, false}), EXACT);
        // pairs: (0.5,0.5) tie → ½, (0.5,0.1) ✓ → 1.5/2
        assertEquals(0.75, SceneMetrics.rocAuc(new double[] {0.5, 0.5, 0.1},
                new boolean[] {true, false, false}), EXACT);
        assertEquals(0.5, SceneMetrics.rocAuc(new double[] {0.3, 0.3, 0.3},
                new boolean[] {true, false, true}), EXACT);
    }

    @Test
    void macroAucAndDPrimeAverageOverClasses() {
        double[][] p = columns(new double[] {0.9, 0.8, 0.7, 0.6}, new double[] {0.2, 0.9, 0.9, 0.1});
        boolean[][] t = columns(new boolean[] {true, false, true, false}, new boolean[] {false, true, true, false});
        // class 0: AUC 3/4; class 1: positives 0.9, 0.9 above negatives 0.2, 0.1 → AUC 1
        assertEquals((0.75 + 1.0) / 2.0, SceneMetrics.score(Metric.AUCROC, p, t), EXACT);
        // AUC 1 makes Φ⁻¹ infinite, so the mean is +∞ (numpy's mean does the same)
        assertEquals(Double.POSITIVE_INFINITY, SceneMetrics.score(Metric.D_PRIME, p, t));
    }

    @Test
    void dPrimeIsRootTwoTimesTheNormalQuantileOfTheAuc() {
        // class 0 has AUC 3/4 → d' = √2 · Φ⁻¹(0.75) = √2 · 0.6744897501960817 (SciPy: 0.9538725524089398)
        double[][] p = {{0.9, 0.5}, {0.8, 0.5}, {0.7, 0.1}, {0.6, 0.1}};
        boolean[][] t = hot(new int[][] {{1, 1}, {0, 0}, {1, 0}, {0, 1}});
        // class 1: positives {0.5, 0.1} vs negatives {0.5, 0.1}: pairs ½, 1, 0, ½ → AUC 1/2 → d' = 0
        assertEquals(0.5, SceneMetrics.rocAuc(new double[] {0.5, 0.5, 0.1, 0.1},
                new boolean[] {true, false, false, true}), EXACT);
        double expected = (Math.sqrt(2.0) * 0.6744897501960817 + 0.0) / 2.0;
        assertEquals(expected, SceneMetrics.score(Metric.D_PRIME, p, t), 1e-15);
    }

    @Test
    void aucAndDPrimeAreNanWhenAClassLacksPositivesOrNegatives() {
        double[][] p = {{0.9, 0.2}, {0.1, 0.8}, {0.6, 0.4}};
        boolean[][] noPositives = hot(new int[][] {{1, 0}, {0, 0}, {1, 0}});
        boolean[][] noNegatives = hot(new int[][] {{1, 1}, {0, 1}, {1, 1}});
        for (boolean[][] t : List.of(noPositives, noNegatives)) {
            assertTrue(Double.isNaN(SceneMetrics.score(Metric.AUCROC, p, t)));
            assertTrue(Double.isNaN(SceneMetrics.score(Metric.D_PRIME, p, t)));
            assertFalse(Double.isNaN(SceneMetrics.score(Metric.MAP, p, t)));
        }
        // class 1 of noNegatives has only positives → AP 1; class 0 scores 0.9, 0.6 positive, 0.1 not → AP 1
        assertEquals(1.0, SceneMetrics.score(Metric.MAP, p, noNegatives), EXACT);
    }

    @Test
    void rankingMetricsAreNanForNonFinitePredictions() {
        double[][] p = {{0.9, Double.NaN}, {0.1, 0.8}};
        boolean[][] t = hot(new int[][] {{1, 0}, {0, 1}});
        assertTrue(Double.isNaN(SceneMetrics.score(Metric.MAP, p, t)));
        assertTrue(Double.isNaN(SceneMetrics.score(Metric.AUCROC, p, t)));
        assertTrue(Double.isNaN(SceneMetrics.score(Metric.D_PRIME, p, t)));
        // numpy's argmax picks the NaN in row 0 (class 1, target 0): wrong; row 1 right
        assertEquals(0.5, SceneMetrics.score(Metric.TOP1_ACC, p, t), EXACT);
    }

    @Test
    void scoresReturnsEveryRequestedMetricInOrder() {
        double[][] p = {{0.7, 0.3}, {0.4, 0.6}, {0.6, 0.4}};
        boolean[][] t = hot(new int[][] {{1, 0}, {0, 1}, {0, 1}});
        Map<Metric, Double> s = SceneMetrics.scores(List.of(Metric.MAP, Metric.TOP1_ACC, Metric.AUCROC), p, t);
        assertEquals(List.of(Metric.MAP, Metric.TOP1_ACC, Metric.AUCROC), new ArrayList<>(s.keySet()));
        assertEquals(2.0 / 3.0, s.get(Metric.TOP1_ACC), EXACT);
        // class 0: positive 0.7 above negatives 0.4, 0.6 → 1; class 1: positive 0.6 > 0.3, 0.4 > 0.3 → 1
        assertEquals(1.0, s.get(Metric.AUCROC), EXACT);
    }

    @Test
    void rejectsMismatchedShapesNamingBothSizes() {
        double[][] p = {{0.7, 0.3}, {0.4, 0.6}};
        HarnessException rows = assertThrows(HarnessException.class,
                () -> SceneMetrics.score(Metric.MAP, p, new boolean[3][2]));
        assertTrue(rows.getMessage().contains("2 rows") && rows.getMessage().contains("3"), rows.getMessage());
        HarnessException cols = assertThrows(HarnessException.class,
                () -> SceneMetrics.score(Metric.TOP1_ACC, p, new boolean[][] {{true, false}, {true, false, false}}));
        assertTrue(cols.getMessage().contains("targets row 1 has 3 columns"), cols.getMessage());
        assertThrows(HarnessException.class, () -> SceneMetrics.score(Metric.TOP1_ACC, new double[0][], new boolean[0][]));
    }

    @Test
    void rejectsNonSceneMetricsListingTheSupportedOnes() {
        HarnessException e = assertThrows(HarnessException.class, () -> SceneMetrics.score(
                Metric.SEGMENT_1S_ER, new double[][] {{1.0}}, new boolean[][] {{true}}));
        assertTrue(e.getMessage().contains("segment_1s_er") && e.getMessage().contains("mAP"), e.getMessage());
    }

    @TestFactory
    List<DynamicTest> matchesScikitLearnOnSeededProblems() throws IOException {
        JsonNode doc;
        try (InputStream in = SceneMetricsTest.class.getResourceAsStream(FIXTURE)) {
            assertNotNull(in, "test resource " + FIXTURE + " (regenerate: /usr/bin/python3 tools/fixtures/make_metric_fixture.py)");
            doc = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : doc.get("cases")) {
            double[][] p = toDoubles(c.get("predictions"));
            boolean[][] t = toBooleans(c.get("targets"));
            c.get("expected").properties().forEach(e -> {
                Metric metric = Metric.fromId(e.getKey());
                double expected = parse(e.getValue());
                tests.add(DynamicTest.dynamicTest(c.get("name").asText() + " " + metric.id(), () -> {
                    double actual = SceneMetrics.score(metric, p, t);
                    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
                        assertEquals(expected, actual, metric.id());
                    } else {
                        assertEquals(expected, actual, FIXTURE_TOLERANCE, metric.id());
                    }
                }));
            });
        }
        assertEquals(6 * 6, tests.size(), "fixture cases × metrics");
        return tests;
    }

    private static double parse(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        return switch (v.asText()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("unexpected expected value " + v);
        };
    }

    private static double[][] toDoubles(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = rows.get(i);
            out[i] = new double[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = row.get(j).asDouble();
            }
        }
        return out;
    }

    private static boolean[][] toBooleans(JsonNode rows) {
        boolean[][] out = new boolean[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = rows.get(i);
            out[i] = new boolean[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = row.get(j).asInt() != 0;
            }
        }
        return out;
    }
}
