package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.api.Metric;
import org.nathear.api.TaskKind;
import org.nathear.runner.metrics.SceneMetrics;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class MlpProbeTest {
    private static final List<String> CLASSES = List.of("c0", "c1", "c2");
    /** Small and fast: the architecture of HEAR's probe at a tenth of the width. */
    private static final MlpSettings SMALL = new MlpSettings(64, 0.1, 32, 60, 3, 5, List.of(1e-2, 1e-3), List.of(1, 2));

    /** Three Gaussian blobs in 20 dimensions whose class is not linearly separable from one coordinate alone. */
    private static float[][] blobs(long seed, int n, List<List<String>> labels) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][20];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int j = 0; j < 20; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j == c ? 2.5 : 0) + (j == c + 3 ? -2.5 : 0));
            }
            labels.add(List.of("c" + c));
        }
        return x;
    }

    private static boolean[][] onehot(List<List<String>> labels) {
        boolean[][] t = new boolean[labels.size()][CLASSES.size()];
        for (int i = 0; i < labels.size(); i++) {
            for (String l : labels.get(i)) {
                t[i][CLASSES.indexOf(l)] = true;
            }
        }
        return t;
    }

    @Test
    void multiclassMlpSeparatesBlobsWithSoftmaxScores() {
        List<List<String>> yTrain = new ArrayList<>();
        List<List<String>> yTest = new ArrayList<>();
        float[][] train = blobs(1, 150, yTrain);
        float[][] test = blobs(2, 90, yTest);
        MlpProbe probe = new MlpProbe("mlp", SMALL);
        Probe.Predictor p = probe.fit(new ProbeInput(TaskKind.SCENE_MULTICLASS, CLASSES, FeatureRows.of(train), yTrain, null),
                Map.of("hiddenLayers", "1", "learningRate", "0.01"), 3);
        double[][] scores = p.predict(FeatureRows.of(test));
        for (double[] row : scores) {
            assertEquals(1.0, row[0] + row[1] + row[2], 1e-6);
        }
        double acc = SceneMetrics.score(Metric.TOP1_ACC, scores, onehot(yTest));
        assertTrue(acc > 0.9, "accuracy on blobs " + acc);
        assertEquals("60", p.trainingDetails().get("epochsTrained"), "no validation: every epoch runs");
    }

    @Test
    void multilabelMlpScoresEveryClassIndependently() {
        List<List<String>> y = new ArrayList<>();
        float[][] x = blobs(3, 150, y);
        List<List<String>> multi = y.stream().map(l -> List.of(l.get(0), "any")).toList();
        List<String> vocabulary = List.of("any", "c0", "c1", "c2", "never");
        double[][] s = new MlpProbe("mlp", SMALL).fit(new ProbeInput(TaskKind.SCENE_MULTILABEL, vocabulary,
                FeatureRows.of(x), multi, null), Map.of("hiddenLayers", "2", "learningRate", "0.01"), 4)
                .predict(FeatureRows.of(x));
        int right = 0;
        for (int i = 0; i < s.length; i++) {
            assertTrue(s[i][0] > 0.5, "'any' on every example");
            assertTrue(s[i][4] < 0.5, "a class without examples is scored low: " + s[i][4]);
            right += s[i][1 + Integer.parseInt(y.get(i).get(0).substring(1))] > 0.5 ? 1 : 0;
        }
        assertTrue(right > 135, "own class above 0.5 for " + right + "/150");
    }

    @Test
    void theSameSeedGivesBitIdenticalScoresAndAnotherSeedDoesNot() {
        List<List<String>> y = new ArrayList<>();
        float[][] x = blobs(5, 90, y);
        MlpProbe probe = new MlpProbe("mlp", SMALL);
        Map<String, String> hp = probe.grid(TaskKind.SCENE_MULTICLASS).get(0);
        ProbeInput input = new ProbeInput(TaskKind.SCENE_MULTICLASS, CLASSES, FeatureRows.of(x), y, null);
        double[][] a = probe.fit(input, hp, 11).predict(FeatureRows.of(x));
        double[][] b = probe.fit(input, hp, 11).predict(FeatureRows.of(x));
        double[][] c = probe.fit(input, hp, 12).predict(FeatureRows.of(x));
        boolean differs = false;
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
            differs |= !java.util.Arrays.equals(a[i], c[i]);
        }
        assertTrue(differs, "another seed gives another network");
    }

    @Test
    void earlyStoppingKeepsTheBestValidationEpochAndStopsAfterThePatience() {
        List<List<String>> yTrain = new ArrayList<>();
        List<List<String>> yValid = new ArrayList<>();
        float[][] train = blobs(6, 90, yTrain);
        float[][] valid = blobs(7, 60, yValid);
        boolean[][] targets = onehot(yValid);
        List<Double> seen = new ArrayList<>();
        ProbeInput.Validation validation = new ProbeInput.Validation(FeatureRows.of(valid), Metric.TOP1_ACC, p -> {
            double v = SceneMetrics.score(Metric.TOP1_ACC, p, targets);
            seen.add(v);
            return v;
        });
        MlpSettings settings = new MlpSettings(64, 0.1, 32, 300, 2, 4, List.of(1e-2), List.of(1));
        Probe.Predictor p = new MlpProbe("mlp", settings).fit(new ProbeInput(TaskKind.SCENE_MULTICLASS, CLASSES,
                FeatureRows.of(train), yTrain, validation), Map.of("hiddenLayers", "1", "learningRate", "0.01"), 8);
        int epochs = Integer.parseInt(p.trainingDetails().get("epochsTrained"));
        int best = Integer.parseInt(p.trainingDetails().get("bestEpoch"));
        assertTrue(epochs < 300, "stopped early after " + epochs + " epochs");
        assertEquals(epochs / 2, seen.size(), "validated every 2 epochs");
        double bestSeen = seen.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(bestSeen, seen.get(best / 2 - 1), 0.0, "kept epoch has the first best validation score");
        assertTrue(seen.subList(best / 2, seen.size()).stream().allMatch(v -> v <= bestSeen));
        assertEquals(4, seen.size() - best / 2, "stopped after 4 validations without improvement");
        double kept = SceneMetrics.score(Metric.TOP1_ACC, p.predict(FeatureRows.of(valid)), targets);
        assertEquals(bestSeen, kept, 0.0, "the model holds the best epoch's weights");
    }

    @Test
    void theTrainerAlsoTrainsOnAnOrdinaryTribuoDatasetWithTheSameResult() {
        List<List<String>> y = new ArrayList<>();
        float[][] x = blobs(9, 60, y);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> plain = new MutableDataset<>(new SimpleDataSourceProvenance("test", factory), factory);
        String[] names = TribuoProbe.featureNames(20);
        List<Label> outputs = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double[] d = new double[20];
            for (int j = 0; j < 20; j++) {
                d[j] = x[i][j];
            }
            plain.add(new ArrayExample<>(new Label(y.get(i).get(0)), names, d));
            outputs.add(new Label(y.get(i).get(0)));
        }
        EmbeddingDataset<Label> mapped = new EmbeddingDataset<>(factory, FeatureRows.of(x), outputs, List.of(), "test");
        MlpTrainer<Label> trainer = new MlpTrainer<>(SMALL, 1, 1e-2, 21, null);
        MlpModel<Label> a = trainer.train(plain);
        MlpModel<Label> b = trainer.train(mapped);
        assertEquals(MlpTrainer.columnNames(plain.getOutputIDInfo()), a.outputNames());
        List<Prediction<Label>> pa = a.predict(plain);
        List<Prediction<Label>> pb = b.predict(mapped);
        Set<String> names0 = new HashSet<>(a.outputNames());
        assertEquals(names0, new HashSet<>(b.outputNames()));
        int same = 0;
        for (int i = 0; i < pa.size(); i++) {
            if (a.outputNames().equals(b.outputNames())) {
                assertEquals(pa.get(i).getOutput().getScore(), pb.get(i).getOutput().getScore(), 0.0);
            }
            same += pa.get(i).getOutput().getLabel().equals(pb.get(i).getOutput().getLabel()) ? 1 : 0;
        }
        assertEquals(pa.size(), same, "same labels predicted through both dataset kinds");
        assertFalse(a.getProvenance().getTrainerProvenance().toString().isEmpty());
    }
}
