package org.nathear.runner.metrics.bench;

import java.util.Locale;
import java.util.SplittableRandom;

import org.nathear.api.Metric;
import org.nathear.runner.metrics.Bootstrap;
import org.nathear.runner.metrics.ResampledSceneMetric;
import org.nathear.runner.metrics.SceneMetrics;

/**
 * Cost of a cell's bootstrap interval: {@link ResampledSceneMetric} (counts, no copies) against the
 * reference — the same resample materialised as repeated rows and scored with
 * {@link SceneMetrics#score}, which is what a straightforward bootstrap does. Both compute the same
 * numbers ({@code ResampledSceneMetricTest}). Synthetic, seeded predictions (seed 20250101):
 * an ESC-50-sized cell (5 test folds × 400 clips, 50 classes, top1_acc) and an FSD50K-sized test set
 * (1 fold × 10 000 clips, 200 classes, mAP). Run with tools/bench/bootstrap.sh.
 */
public final class BootstrapBenchmark {
    private BootstrapBenchmark() {
    }

    public static void main(String[] args) {
        int referenceResamples = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.println("| case | metric | resamples | counts (ResampledSceneMetric) | reference (expanded rows + SceneMetrics) | speed-up |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        run("ESC-50-sized: 5 folds x 400 clips, 50 classes", Metric.TOP1_ACC, 5, 400, 50, false, referenceResamples);
        run("FSD50K-sized: 1 fold x 10000 clips, 200 classes", Metric.MAP, 1, 10_000, 200, true, referenceResamples);
    }

    private static void run(String name, Metric metric, int folds, int rows, int classes, boolean multilabel,
                            int referenceResamples) {
        SplittableRandom random = new SplittableRandom(20250101L);
        double[][][] p = new double[folds][rows][classes];
        boolean[][][] t = new boolean[folds][rows][classes];
        for (int f = 0; f < folds; f++) {
            for (int i = 0; i < rows; i++) {
                int label = random.nextInt(classes);
                for (int c = 0; c < classes; c++) {
                    t[f][i][c] = multilabel ? random.nextDouble() < 0.02 || c == label : c == label;
                    p[f][i][c] = random.nextDouble() + (t[f][i][c] ? 0.3 : 0);
                }
            }
        }
        int[] sizes = new int[folds];
        java.util.Arrays.fill(sizes, rows);
        // warm-up, then the timed runs
        fast(metric, p, t, sizes, 50);
        long start = System.nanoTime();
        fast(metric, p, t, sizes, Bootstrap.RESAMPLES);
        double fastSeconds = (System.nanoTime() - start) / 1e9;
        reference(metric, p, t, sizes, 2);
        start = System.nanoTime();
        reference(metric, p, t, sizes, referenceResamples);
        double referencePerResample = (System.nanoTime() - start) / 1e9 / referenceResamples;
        double referenceSeconds = referencePerResample * Bootstrap.RESAMPLES;
        System.out.println(String.format(Locale.ROOT, "| %s | %s | %d | %.2f s | %.1f s (%.3f s per resample x %d, timed on %d) | %.0fx |",
                name, metric.id(), Bootstrap.RESAMPLES, fastSeconds, referenceSeconds, referencePerResample,
                Bootstrap.RESAMPLES, referenceResamples, referenceSeconds / fastSeconds));
    }

    private static double fast(Metric metric, double[][][] p, boolean[][][] t, int[] sizes, int resamples) {
        ResampledSceneMetric[] m = new ResampledSceneMetric[p.length];
        for (int f = 0; f < p.length; f++) {
            m[f] = new ResampledSceneMetric(metric, p[f], t[f]);
        }
        return Bootstrap.interval(metric.id(), sizes, (f, counts) -> m[f].score(counts), 1L, resamples).high();
    }

    private static double reference(Metric metric, double[][][] p, boolean[][][] t, int[] sizes, int resamples) {
        return Bootstrap.interval(metric.id(), sizes, (f, counts) -> {
            int n = 0;
            for (int c : counts) {
                n += c;
            }
            double[][] ep = new double[n][];
            boolean[][] et = new boolean[n][];
            int row = 0;
            for (int i = 0; i < counts.length; i++) {
                for (int k = 0; k < counts[i]; k++) {
                    ep[row] = p[f][i];
                    et[row] = t[f][i];
                    row++;
                }
            }
            return SceneMetrics.score(metric, ep, et);
        }, 1L, resamples).high();
    }
}
