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
import org.nathear.runner.probe.Probe;
import org.nathear.runner.probe.ProbeInput;
import org.nathear.runner.probe.SgdLinearProbe;
import org.nathear.runner.probe.Standardizer;

/**
 * nathear's linear probe on the problem {@code tools/bench/probe_data.py} writes, timed from
 * standardisation to test predictions (every grid point scored on valid, the best one on test),
 * for the side-by-side with scikit-learn ({@code tools/bench/probe-vs-sklearn.sh}). Prints Markdown
 * table rows. {@code --with-sgd} adds the Tribuo SGD grid of {@code linear-sgd} (minutes).
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
        float[][] xValid = matrix(dir.resolve("x_valid.npy"));
        float[] yValid = matrix(dir.resolve("y_valid.npy"))[0];
        boolean[][] validTargets = new boolean[yValid.length][vocabulary.size()];
        for (int i = 0; i < yValid.length; i++) {
            validTargets[i][vocabulary.indexOf("c" + (int) yValid[i])] = true;
        }
        String data = String.format(Locale.ROOT, "%d x %d, %d classes", xTrain.length, xTrain[0].length, vocabulary.size());
        LinearProbe linear = new LinearProbe();
        String sklearnC1 = Double.toString(1.0 / xTrain.length);
        // warm-up (JIT, native BLAS load), not timed
        time(linear, List.of(Map.of("l2", "0.1")), xTrain, labels, vocabulary, xValid, validTargets, xTest, targets);
        row("nathear linear (L-BFGS), one fit at l2 = 1/rows (scikit-learn's C = 1)", data,
                List.of(Map.of("l2", sklearnC1)), linear, xTrain, labels, vocabulary, xValid, validTargets, xTest, targets, 3);
        row("nathear linear (L-BFGS), the whole l2 path with warm starts, chosen on valid", data,
                linear.grid(TaskKind.SCENE_MULTICLASS), linear, xTrain, labels, vocabulary, xValid, validTargets, xTest, targets, 3);
        if (args.length > 1 && args[1].equals("--with-sgd")) {
            SgdLinearProbe sgd = new SgdLinearProbe();
            row("nathear linear-sgd (Tribuo LinearSGD, AdaGrad), the whole grid, chosen on valid", data,
                    sgd.grid(TaskKind.SCENE_MULTICLASS), sgd, xTrain, labels, vocabulary, xValid, validTargets, xTest, targets, 1);
        }
    }

    private static void row(String name, String data, List<Map<String, String>> grid, Probe probe, float[][] xTrain,
                            List<List<String>> labels, List<String> vocabulary, float[][] xValid, boolean[][] validTargets,
                            float[][] xTest, boolean[][] targets, int reps) {
        double[] best = {Double.POSITIVE_INFINITY, 0};
        List<String> times = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            double[] r = time(probe, grid, xTrain, labels, vocabulary, xValid, validTargets, xTest, targets);
            times.add(String.format(Locale.ROOT, "%.2f", r[0]));
            if (r[0] < best[0]) {
                best = r;
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f s (%s) | %.4f |%n", name, data, grid.size(), best[0],
                reps == 1 ? "1 run" : "min of " + reps + ": " + String.join(", ", times), best[1]);
    }

    /**
     * Seconds for standardise + fit every grid point (each scored on valid) + predict test with the
     * point best on valid, and that point's test accuracy.
     */
    private static double[] time(Probe probe, List<Map<String, String>> grid, float[][] xTrain, List<List<String>> labels,
                                 List<String> vocabulary, float[][] xValid, boolean[][] validTargets, float[][] xTest,
                                 boolean[][] targets) {
        long t0 = System.nanoTime();
        Standardizer s = Standardizer.fit(FeatureRows.of(xTrain));
        FeatureRows train = s.view(FeatureRows.of(xTrain));
        FeatureRows valid = s.view(FeatureRows.of(xValid));
        FeatureRows test = s.view(FeatureRows.of(xTest));
        ProbeInput input = new ProbeInput(TaskKind.SCENE_MULTICLASS, vocabulary, train, labels, null);
        Probe.Predictor chosen = null;
        double bestValid = Double.NEGATIVE_INFINITY;
        for (Map<String, String> point : grid) {
            Probe.Predictor p = probe.fit(input, point, 1);
            double v = SceneMetrics.score(Metric.TOP1_ACC, p.predict(valid), validTargets);
            if (v > bestValid) {
                bestValid = v;
                chosen = p;
            }
        }
        double acc = SceneMetrics.score(Metric.TOP1_ACC, chosen.predict(test), targets);
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
