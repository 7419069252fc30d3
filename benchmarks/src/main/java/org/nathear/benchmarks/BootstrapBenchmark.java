package org.nathear.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nathear.api.Metric;
import org.nathear.runner.metrics.Bootstrap;
import org.nathear.runner.metrics.ResampledSceneMetric;
import org.nathear.runner.metrics.SceneMetrics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of a cell's bootstrap interval: {@link ResampledSceneMetric} (counts, no copies; {@link #counts}, all
 * {@value Bootstrap#RESAMPLES} resamples) against the reference, the same resamples materialised as repeated
 * rows and scored with {@link SceneMetrics#score}, which is what a straightforward bootstrap does
 * ({@link #expandedRows}, {@link #referenceResamples} resamples: scale to 1000). Both compute the same numbers
 * ({@code ResampledSceneMetricTest}). Synthetic, seeded predictions (seed 20250101): {@code esc50}, an
 * ESC-50-sized cell (5 test folds × 400 clips, 50 classes, top1_acc), and {@code fsd50k}, an FSD50K-sized
 * test set (1 fold × 10 000 clips, 200 classes, mAP). Run with {@code tools/bench/bootstrap.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class BootstrapBenchmark {
    @Param({"esc50", "fsd50k"})
    public String size;

    /** Resamples of the reference per call (it is about 1000 times slower than {@link #counts}). */
    @Param("10")
    public int referenceResamples;

    private Metric metric;
    private double[][][] predictions;
    private boolean[][][] targets;
    private int[] sizes;
    private ResampledSceneMetric[] resampled;

    @Setup
    public void prepare() {
        boolean fsd = switch (size) {
            case "esc50" -> false;
            case "fsd50k" -> true;
            default -> throw new IllegalArgumentException("size is esc50 or fsd50k, not " + size);
        };
        metric = fsd ? Metric.MAP : Metric.TOP1_ACC;
        int folds = fsd ? 1 : 5;
        int rows = fsd ? 10_000 : 400;
        int classes = fsd ? 200 : 50;
        SplittableRandom random = new SplittableRandom(20250101L);
        predictions = new double[folds][rows][classes];
        targets = new boolean[folds][rows][classes];
        for (int f = 0; f < folds; f++) {
            for (int i = 0; i < rows; i++) {
                int label = random.nextInt(classes);
                for (int c = 0; c < classes; c++) {
                    targets[f][i][c] = fsd ? random.nextDouble() < 0.02 || c == label : c == label;
                    predictions[f][i][c] = random.nextDouble() + (targets[f][i][c] ? 0.3 : 0);
                }
            }
        }
        sizes = new int[folds];
        Arrays.fill(sizes, rows);
        resampled = new ResampledSceneMetric[folds];
        for (int f = 0; f < folds; f++) {
            resampled[f] = new ResampledSceneMetric(metric, predictions[f], targets[f]);
        }
    }

    @Benchmark
    public double counts() {
        return Bootstrap.interval(metric.id(), sizes, (f, counts) -> resampled[f].score(counts), 1L, Bootstrap.RESAMPLES).high();
    }

    @Benchmark
    public double expandedRows() {
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
                    ep[row] = predictions[f][i];
                    et[row] = targets[f][i];
                    row++;
                }
            }
            return SceneMetrics.score(metric, ep, et);
        }, 1L, referenceResamples).high();
    }
}
