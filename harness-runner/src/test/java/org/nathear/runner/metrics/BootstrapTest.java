package org.nathear.runner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.nathear.api.HarnessException;
import org.nathear.results.schema.BootstrapInterval;

class BootstrapTest {
    @Test
    void resamplesDependOnlyOnTheSeedAndFoldSizesSoModelsArePaired() {
        List<int[]> seenByA = new ArrayList<>();
        List<int[]> seenByB = new ArrayList<>();
        long seed = Bootstrap.seedFor("esc50-v2.0.0-full");
        Bootstrap.interval("top1_acc", new int[] {7, 5}, (f, c) -> {
            seenByA.add(c.clone());
            return 0.5;
        }, seed, 20);
        Bootstrap.interval("top1_acc", new int[] {7, 5}, (f, c) -> {
            seenByB.add(c.clone());
            return 0.9;
        }, seed, 20);
        assertEquals(40, seenByA.size());
        for (int i = 0; i < seenByA.size(); i++) {
            assertTrue(Arrays.equals(seenByA.get(i), seenByB.get(i)), "resample " + i + " is the same for both models");
            assertEquals(i % 2 == 0 ? 7 : 5, IntStream.of(seenByA.get(i)).sum(), "a fold's resample has the fold's size");
        }
        assertNotEquals(seed, Bootstrap.seedFor("other-task"));
        assertEquals(seed, Bootstrap.seedFor("esc50-v2.0.0-full"), "a pure function of the task id");
    }

    /** Closed form: the accuracy of 80 correct of 100 has standard error √(0.8·0.2/100) = 0.04. */
    @Test
    void anAccuracyIntervalMatchesTheBinomialStandardError() {
        boolean[] correct = new boolean[100];
        for (int i = 0; i < 80; i++) {
            correct[i] = true;
        }
        BootstrapInterval ci = Bootstrap.interval("top1_acc", new int[] {100}, (f, c) -> {
            int hits = 0;
            for (int i = 0; i < c.length; i++) {
                hits += correct[i] ? c[i] : 0;
            }
            return hits / 100.0;
        }, 42L, Bootstrap.RESAMPLES);
        assertEquals(1000, ci.resamples());
        assertEquals(0.8 - 1.96 * 0.04, ci.low(), 0.015);
        assertEquals(0.8 + 1.96 * 0.04, ci.high(), 0.015);
        double mean = Arrays.stream(ci.replicateValues()).average().orElseThrow();
        assertEquals(0.8, mean, 0.005, "the bootstrap mean of a mean is unbiased");
    }

    @Test
    void theCellReplicateAveragesFoldsAndSkipsNanFoldsAsTheCellScoreDoes() {
        BootstrapInterval ci = Bootstrap.interval("d_prime", new int[] {3, 3, 3},
                (f, c) -> f == 1 ? Double.NaN : f, 1L, 10);
        for (double r : ci.replicateValues()) {
            assertEquals(1.0, r, 0.0, "mean of folds 0 and 2, fold 1 NaN skipped");
        }
        assertThrows(HarnessException.class, () -> Bootstrap.interval("m", new int[] {0}, (f, c) -> 0, 1L, 10));
        assertThrows(HarnessException.class, () -> Bootstrap.interval("m", new int[] {2}, (f, c) -> 0, 1L, 0));
    }

    @Test
    void weightedMeanAndMedianEqualThoseOfTheExpandedValues() {
        SplittableRandom r = new SplittableRandom(7L);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(12);
            double[] values = new double[n];
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = Math.round(r.nextDouble() * 180 * 4) / 4.0;
                counts[i] = r.nextInt(3);
            }
            counts[r.nextInt(n)]++;
            List<Double> expanded = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < counts[i]; k++) {
                    expanded.add(values[i]);
                }
            }
            expanded.sort(Double::compare);
            int m = expanded.size();
            double median = m % 2 == 1 ? expanded.get(m / 2) : (expanded.get(m / 2 - 1) + expanded.get(m / 2)) / 2;
            double mean = expanded.stream().mapToDouble(Double::doubleValue).sum() / m;
            int[] order = IntStream.range(0, n).boxed().sorted((a, b) -> Double.compare(values[a], values[b]))
                    .mapToInt(Integer::intValue).toArray();
            assertEquals(median, Bootstrap.weightedMedian(values, counts, order), 0.0, "trial " + trial);
            assertEquals(mean, Bootstrap.weightedMean(values, counts), 1e-12, "trial " + trial);
        }
    }
}
