package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.api.TaskKind;

/**
 * Every probe's ranking scores are its pre-activation values: exp(log-softmax) and sigmoid(logit)
 * give back the predicted probabilities, and they still separate rows whose probabilities are
 * equal in double precision (saturated at 1).
 */
class RankingScoresTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");

    /** Blobs so far apart that most probabilities round to exactly 1.0 or 0.0. */
    private static float[][] farBlobs(int n, List<List<String>> labels) {
        SplittableRandom r = new SplittableRandom(3);
        float[][] x = new float[n][8];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int j = 0; j < 8; j++) {
                x[i][j] = (float) (50 * r.nextGaussian() + (j == c ? 2000 : 0));
            }
            labels.add(List.of(CLASSES.get(c)));
        }
        return x;
    }

    private static void check(Probe probe, Map<String, String> point, TaskKind kind, boolean saturates) {
        List<List<String>> labels = new ArrayList<>();
        float[][] x = farBlobs(90, labels);
        FeatureRows rows = FeatureRows.of(x);
        Probe.Predictor p = probe.fit(new ProbeInput(kind, CLASSES, rows, labels, null), point, 5);
        double[][] prob = p.predict(rows);
        double[][] rank = p.rankingScores(rows);
        int tiedProbabilitiesSeparated = 0;
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < CLASSES.size(); c++) {
                double back = kind == TaskKind.SCENE_MULTICLASS ? Math.exp(rank[i][c]) : 1 / (1 + Math.exp(-rank[i][c]));
                assertEquals(prob[i][c], back, 1e-6 + 1e-6 * prob[i][c], probe.name() + " row " + i + " class " + c);
            }
            for (int k = 0; k < i; k++) {
                for (int c = 0; c < CLASSES.size(); c++) {
                    if (prob[i][c] != prob[k][c]) {
                        assertEquals(Double.compare(prob[i][c], prob[k][c]), Double.compare(rank[i][c], rank[k][c]),
                                probe.name() + ": ranking order of rows " + i + ", " + k + " for class " + c);
                    } else if (rank[i][c] != rank[k][c]) {
                        tiedProbabilitiesSeparated++;
                    }
                }
            }
        }
        assertTrue(!saturates || tiedProbabilitiesSeparated > 0, probe.name() + ": saturated probabilities should tie somewhere and "
                + "ranking scores separate them");
    }

    @Test
    void linearProbeRanksWithLogSoftmaxAndLogits() {
        LinearProbe linear = new LinearProbe();
        check(linear, linear.grid(TaskKind.SCENE_MULTICLASS).get(8), TaskKind.SCENE_MULTICLASS, false);
        check(linear, linear.grid(TaskKind.SCENE_MULTILABEL).get(8), TaskKind.SCENE_MULTILABEL, false);
        SgdLinearProbe sgd = new SgdLinearProbe();
        check(sgd, sgd.grid(TaskKind.SCENE_MULTICLASS).get(7), TaskKind.SCENE_MULTICLASS, true);
        check(sgd, sgd.grid(TaskKind.SCENE_MULTILABEL).get(7), TaskKind.SCENE_MULTILABEL, true);
    }

    @Test
    void mlpProbeRanksWithLogSoftmaxAndLogits() {
        MlpProbe mlp = new MlpProbe("mlp", new MlpSettings(32, 0.0, 32, 200, 3, 5, List.of(0.1), List.of(1)));
        check(mlp, Map.of("hiddenLayers", "1", "learningRate", "0.1"), TaskKind.SCENE_MULTICLASS, false);
        check(mlp, Map.of("hiddenLayers", "1", "learningRate", "0.1"), TaskKind.SCENE_MULTILABEL, false);
    }

    @Test
    void mlpLogitsSeparateRowsWhoseSigmoidRoundsToOne() {
        MlpNetwork net = new MlpNetwork(4, 8, 2, 1, MlpNetwork.Head.SIGMOID, 0f, new SplittableRandom(1));
        net.biases[1][0] = 80f; // every row's first probability is 1.0 in double precision
        float[] x = new float[6 * 4];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        double[][] p = new double[6][2];
        double[][] z = new double[6][2];
        net.predict(x, 6, p);
        net.rankingScores(x, 6, z);
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            assertEquals(1.0, p[i][0], 0.0);
            distinct.add(z[i][0]);
        }
        assertTrue(distinct.size() > 1, "logits differ where probabilities are all 1.0: " + distinct);
    }
}
