package org.nathear.runner.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.nathear.api.Metric;
import org.nathear.api.TaskKind;
import org.nathear.runner.metrics.SceneMetrics;
import org.nathear.runner.probe.FeatureRows;
import org.nathear.runner.probe.MlpProbe;
import org.nathear.runner.probe.MlpSettings;
import org.nathear.runner.probe.Probe;
import org.nathear.runner.probe.ProbeInput;
import org.nathear.runner.probe.Standardizer;

/**
 * nathear's MLP probe on the problem {@code tools/bench/probe_data.py} writes: one hidden layer of
 * 1024, BatchNorm, dropout 0.1, Adam lr 1e-3, batches of 1024, a fixed number of epochs, no
 * validation; timed from the first step to test predictions (standardisation before), min of 2
 * runs after a one-epoch warm-up. The PyTorch side is {@code tools/bench/mlp_pytorch.py}; both run
 * from {@code tools/bench/mlp-vs-pytorch.sh}. Prints a Markdown table row.
 *
 * <p>Usage: {@code MlpSpeedBenchmark DATA_DIR [EPOCHS=20]}
 */
public final class MlpSpeedBenchmark {
    private MlpSpeedBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        float[][] xTrain = ProbeSpeedBenchmark.matrix(dir.resolve("x_train.npy"));
        float[][] xTest = ProbeSpeedBenchmark.matrix(dir.resolve("x_test.npy"));
        float[] yTrain = ProbeSpeedBenchmark.matrix(dir.resolve("y_train.npy"))[0];
        float[] yTest = ProbeSpeedBenchmark.matrix(dir.resolve("y_test.npy"))[0];
        TreeSet<Integer> classes = new TreeSet<>();
        for (float y : yTrain) {
            classes.add((int) y);
        }
        List<String> vocabulary = classes.stream().map(c -> "c" + c).toList();
        List<List<String>> labels = new ArrayList<>();
        for (float y : yTrain) {
            labels.add(List.of("c" + (int) y));
        }
        boolean[][] targets = new boolean[yTest.length][vocabulary.size()];
        for (int i = 0; i < yTest.length; i++) {
            targets[i][vocabulary.indexOf("c" + (int) yTest[i])] = true;
        }
        Standardizer s = Standardizer.fit(FeatureRows.of(xTrain));
        FeatureRows train = s.view(FeatureRows.of(xTrain));
        FeatureRows test = s.view(FeatureRows.of(xTest));
        ProbeInput input = new ProbeInput(TaskKind.SCENE_MULTICLASS, vocabulary, train, labels, null);
        Map<String, String> point = Map.of("hiddenLayers", "1", "learningRate", "0.001");
        // warm-up (JIT, native library load), not timed
        new MlpProbe("mlp", new MlpSettings(1024, 0.1, 1024, 1, 1, 1, List.of(1e-3), List.of(1))).fit(input, point, 0)
                .predict(test);
        MlpProbe probe = new MlpProbe("mlp", new MlpSettings(1024, 0.1, 1024, epochs, epochs, 1, List.of(1e-3), List.of(1)));
        List<String> times = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        double acc = Double.NaN;
        for (int rep = 0; rep < 2; rep++) {
            long t0 = System.nanoTime();
            Probe.Predictor p = probe.fit(input, point, rep + 1);
            double[][] scores = p.predict(test);
            double seconds = (System.nanoTime() - t0) / 1e9;
            acc = SceneMetrics.score(Metric.TOP1_ACC, scores, targets);
            times.add(String.format(Locale.ROOT, "%.2f", seconds));
            best = Math.min(best, seconds);
        }
        System.out.printf(Locale.ROOT, "| nathear mlp (%s), %d CPU(s) | %d x %d, %d classes | %d | %.2f s (min of 2: %s) | %.4f |%n",
                MlpProbe.blasImplementation(), Runtime.getRuntime().availableProcessors(), xTrain.length, xTrain[0].length,
                vocabulary.size(), epochs, best, String.join(", ", times), acc);
    }
}
