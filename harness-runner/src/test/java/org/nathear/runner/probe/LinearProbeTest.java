package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.api.TaskKind;

class LinearProbeTest {
    private static final Map<String, String> HP = Map.of("l2", "0.001");

    /** Three Gaussian blobs in 20 dimensions; class c has mean 3 on dimension c. */
    private static double[][] blobs(long seed, int n, List<List<String>> labels) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][20];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int j = 0; j < 20; j++) {
                x[i][j] = r.nextDouble(-1, 1) + (j == c ? 3 : 0);
            }
            labels.add(List.of("c" + c));
        }
        return x;
    }

    @Test
    void multiclassProbeSeparatesBlobsAndGivesProbabilities() {
        List<List<String>> yTrain = new ArrayList<>();
        List<List<String>> yTest = new ArrayList<>();
        double[][] train = blobs(1, 90, yTrain);
        double[][] test = blobs(2, 60, yTest);
        LinearProbe probe = new LinearProbe();
        Map<String, String> hp = HP;
        double[][] p = probe.fit(TaskKind.SCENE_MULTICLASS, train, yTrain, List.of("c0", "c1", "c2"), hp, 5).predict(test);
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            assertEquals(1.0, p[i][0] + p[i][1] + p[i][2], 1e-6, "softmax scores sum to 1");
            int best = p[i][0] >= p[i][1] && p[i][0] >= p[i][2] ? 0 : p[i][1] >= p[i][2] ? 1 : 2;
            correct += yTest.get(i).get(0).equals("c" + best) ? 1 : 0;
        }
        assertTrue(correct >= 57, "accuracy on separable blobs: " + correct + "/60");
    }

    @Test
    void multilabelProbeGivesIndependentScoresForEveryLabel() {
        List<List<String>> yTrain = new ArrayList<>();
        double[][] train = blobs(3, 90, yTrain);
        // label "any" is on every example as well as its class
        List<List<String>> multi = yTrain.stream().map(l -> List.of(l.get(0), "any")).toList();
        LinearProbe probe = new LinearProbe();
        double[][] p = probe.fit(TaskKind.SCENE_MULTILABEL, train, multi, List.of("any", "c0", "c1", "c2"),
                HP, 5).predict(train);
        for (int i = 0; i < p.length; i++) {
            assertTrue(p[i][0] > 0.5, "'any' is predicted for every example");
            int c = Integer.parseInt(yTrain.get(i).get(0).substring(1));
            assertTrue(p[i][1 + c] > 0.5, "own class predicted");
        }
    }

    @Test
    void aPathPointIsTheSameWhetherReachedThroughTheGridOrAlone() {
        List<List<String>> y = new ArrayList<>();
        double[][] x = blobs(7, 90, y);
        ProbeInput input = new ProbeInput(TaskKind.SCENE_MULTICLASS, List.of("c0", "c1", "c2"), FeatureRows.of(x), y, null);
        LinearProbe inTurn = new LinearProbe();
        Probe.Predictor last = null;
        for (Map<String, String> point : inTurn.grid(TaskKind.SCENE_MULTICLASS)) {
            last = inTurn.fit(input, point, 1);
        }
        Map<String, String> weakest = inTurn.grid(TaskKind.SCENE_MULTICLASS).get(LinearProbe.PATH.size() - 1);
        Probe.Predictor alone = new LinearProbe().fit(input, weakest, 2);
        double[][] a = last.rankingScores(FeatureRows.of(x));
        double[][] b = alone.rankingScores(FeatureRows.of(x));
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
        assertEquals("true", last.trainingDetails().get("converged"), last.trainingDetails().toString());
    }

    @Test
    void theSolutionIsAStationaryPointOfThePenalisedObjective() {
        List<List<String>> y = new ArrayList<>();
        double[][] x = blobs(8, 60, y);
        for (boolean softmax : new boolean[] {true, false}) {
            ProbeInput input = new ProbeInput(softmax ? TaskKind.SCENE_MULTICLASS : TaskKind.SCENE_MULTILABEL,
                    List.of("c0", "c1", "c2"), FeatureRows.of(x), y, null);
            LinearProbe.Objective f = new LinearProbe.Objective(input, softmax);
            f.l2 = 0.01;
            double[] theta = new double[f.parameters()];
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < theta.length; i++) {
                theta[i] = 0.1 * r.nextGaussian();
            }
            // the analytic gradient against central differences of the objective
            double[] g = new double[theta.length];
            f.valueAndGradient(theta, g);
            double[] scratch = new double[theta.length];
            for (int i = 0; i < theta.length; i += 7) {
                double h = 1e-3;
                double keep = theta[i];
                theta[i] = keep + h;
                double plus = f.valueAndGradient(theta, scratch);
                theta[i] = keep - h;
                double minus = f.valueAndGradient(theta, scratch);
                theta[i] = keep;
                assertEquals((plus - minus) / (2 * h), g[i], 1e-4, "gradient component " + i + ", softmax " + softmax);
            }
            java.util.Arrays.fill(theta, 0);
            Lbfgs.Result result = new Lbfgs(10, 500, 1e-5, 0).minimise(f, theta);
            f.valueAndGradient(theta, g);
            double largest = java.util.Arrays.stream(g).map(Math::abs).max().orElseThrow();
            assertTrue(result.converged() && largest <= 1e-5, "largest gradient component at the optimum " + largest);
        }
    }

    @Test
    void lbfgsFindsTheRosenbrockMinimum() {
        // f(a, b) = (1 - a)² + 100 (b - a²)², minimum 0 at (1, 1): a classic test of quasi-Newton methods
        Lbfgs.Objective rosenbrock = (p, g) -> {
            double a = p[0];
            double b = p[1];
            g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
            g[1] = 200 * (b - a * a);
            return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
        };
        double[] p = {-1.2, 1.0};
        Lbfgs.Result r = new Lbfgs(5, 1000, 1e-9, 0).minimise(rosenbrock, p);
        assertTrue(r.converged(), r.toString());
        assertEquals(1.0, p[0], 1e-6);
        assertEquals(1.0, p[1], 1e-6);
    }

    @Test
    void everyGridPointIsAWellFormedTrainerConfiguration() {
        LinearProbe probe = new LinearProbe();
        List<List<String>> y = new ArrayList<>();
        double[][] x = blobs(6, 30, y);
        for (Map<String, String> point : probe.grid(TaskKind.SCENE_MULTICLASS)) {
            double[][] p = probe.fit(TaskKind.SCENE_MULTICLASS, x, y, List.of("c0", "c1", "c2"), point, 1).predict(x);
            assertEquals(30, p.length, "predictions for " + point);
        }
    }

    @Test
    void theSameSeedGivesTheSameScores() {
        List<List<String>> y = new ArrayList<>();
        double[][] x = blobs(4, 60, y);
        LinearProbe probe = new LinearProbe();
        Map<String, String> hp = probe.grid(TaskKind.SCENE_MULTICLASS).get(0);
        double[][] a = probe.fit(TaskKind.SCENE_MULTICLASS, x, y, List.of("c0", "c1", "c2"), hp, 11).predict(x);
        double[][] b = probe.fit(TaskKind.SCENE_MULTICLASS, x, y, List.of("c0", "c1", "c2"), hp, 11).predict(x);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
    }
}
