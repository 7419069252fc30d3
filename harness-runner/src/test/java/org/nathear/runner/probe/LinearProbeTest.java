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
    private static final Map<String, String> HP = Map.of("learningRate", "0.1", "epochs", "40");

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
