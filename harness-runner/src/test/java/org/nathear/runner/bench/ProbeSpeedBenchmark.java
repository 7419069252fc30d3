package org.nathear.runner.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nathear.api.Metric;
import org.nathear.api.TaskKind;
import org.nathear.runner.metrics.SceneMetrics;
import org.nathear.runner.probe.FeatureRows;
import org.nathear.runner.probe.LinearProbe;
import org.nathear.runner.probe.MlpProbe;
import org.nathear.runner.probe.MlpSettings;
import org.nathear.runner.probe.Probe;
import org.nathear.runner.probe.ProbeInput;
import org.nathear.runner.probe.Standardizer;

/**
 * nathear's probes on the problem {@code tools/bench/probe_data.py} writes, timed from
 * standardisation to test predictions, for the side-by-side with scikit-learn
 * ({@code tools/bench/probe-vs-sklearn.sh}). Prints Markdown table rows.
 */
public final class ProbeSpeedBenchmark {
    private ProbeSpeedBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        float[][] xTrain = matrix(dir.resolve("x_train.npy"));
        float[][] xTest = matrix(dir.resolve("x_test.npy"));
        float[] yTrain = matrix(dir.resolve("y_train.npy"))[0];
        float[] yTest = matrix(dir.resolve("y_test.npy"))[0];
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
        String data = String.format(Locale.ROOT, "%d x %d, %d classes", xTrain.length, xTrain[0].length, vocabulary.size());
        LinearProbe linear = new LinearProbe();
        MlpProbe mlp = new MlpProbe("mlp", new MlpSettings(1024, 0.1, 1024, 20, 20, 1, List.of(1e-3), List.of(1)));
        // warm-up (JIT), not timed
        time(linear, List.of(Map.of("learningRate", "0.01", "epochs", "1")), xTrain, labels, vocabulary, xTest, targets);
        row("nathear linear (Tribuo LinearSGD, AdaGrad), lr 0.01, 10 epochs", data,
                List.of(Map.of("learningRate", "0.01", "epochs", "10")), linear, xTrain, labels, vocabulary, xTest, targets, 3);
        row("nathear linear, its whole grid (lr × epochs)", data, linear.grid(TaskKind.SCENE_MULTICLASS), linear, xTrain,
                labels, vocabulary, xTest, targets, 1);
        row("nathear mlp (1 × 1024, BatchNorm, Adam), lr 1e-3, 20 epochs", data,
                List.of(Map.of("hiddenLayers", "1", "learningRate", "0.001")), mlp, xTrain, labels, vocabulary, xTest, targets, 1);
    }

    private static void row(String name, String data, List<Map<String, String>> grid, Probe probe, float[][] xTrain,
                            List<List<String>> labels, List<String> vocabulary, float[][] xTest, boolean[][] targets,
                            int reps) {
        double[] best = {Double.POSITIVE_INFINITY, 0};
        List<String> times = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            double[] r = time(probe, grid, xTrain, labels, vocabulary, xTest, targets);
            times.add(String.format(Locale.ROOT, "%.2f", r[0]));
            if (r[0] < best[0]) {
                best = r;
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f s (%s) | %.4f |%n", name, data, grid.size(), best[0],
                reps == 1 ? "1 run" : "min of " + reps + ": " + String.join(", ", times), best[1]);
    }

    /** Seconds for standardise + fit every grid point + predict test, and the last point's test accuracy. */
    private static double[] time(Probe probe, List<Map<String, String>> grid, float[][] xTrain, List<List<String>> labels,
                                 List<String> vocabulary, float[][] xTest, boolean[][] targets) {
        long t0 = System.nanoTime();
        Standardizer s = Standardizer.fit(FeatureRows.of(xTrain));
        FeatureRows train = s.view(FeatureRows.of(xTrain));
        FeatureRows test = s.view(FeatureRows.of(xTest));
        double acc = Double.NaN;
        for (Map<String, String> point : grid) {
            Probe.Predictor p = probe.fit(new ProbeInput(TaskKind.SCENE_MULTICLASS, vocabulary, train, labels, null), point, 1);
            acc = SceneMetrics.score(Metric.TOP1_ACC, p.predict(test), targets);
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, acc};
    }

    /** A float32 .npy file as rows (a 1-d array is one row). */
    static float[][] matrix(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": expected a C-order float32 array; header " + header);
        }
        Matcher m = Pattern.compile("'shape': \\((\\d+),\\s*(\\d*)\\)").matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": cannot read the shape from " + header);
        }
        int rows = Integer.parseInt(m.group(1));
        int cols = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
        if (m.group(2).isEmpty()) {
            float[][] one = new float[1][rows];
            data.asFloatBuffer().get(one[0]);
            return one;
        }
        float[][] out = new float[rows][cols];
        var fb = data.asFloatBuffer();
        for (float[] row : out) {
            fb.get(row);
        }
        return out;
    }
}
