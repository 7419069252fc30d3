package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;
import org.nathear.api.TaskKind;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

class ProbeMemoryTest {

    @Test
    void aFitThatDoesNotFitFailsNamingTheNeedAndXmx() {
        ProbeMemory.Shape shape = new ProbeMemory.Shape(2_000, 2_000, 768, 50_000);
        long need = ProbeMemory.linearSgd(shape);
        assertTrue(need > 1_000_000_000L, "50,000 classes × 769 weights × 4 copies alone exceed 1 GB: " + need);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ProbeMemory.require("linear", shape, need, () -> 512L << 20));
        String m = e.getMessage();
        assertTrue(m.contains("'linear'") && m.contains("50,000 outputs") && m.contains("-Xmx") && m.contains("GiB")
                && m.contains("512 MiB"), m);
        ProbeMemory.require("linear", shape, need, () -> 16L << 30); // fits: no exception
    }

    @Test
    void theMlpEstimateGrowsWithHiddenWidthAndDepth() {
        ProbeMemory.Shape shape = new ProbeMemory.Shape(5_000, 5_000, 768, 10);
        long one = ProbeMemory.mlp(shape, 1024, 1, 1024);
        long two = ProbeMemory.mlp(shape, 1024, 2, 1024);
        assertTrue(one > 6L * 4 * 768 * 1024, "six float copies of the first layer: " + one);
        assertTrue(two - one >= 6L * 4 * 1024 * 1024, "a second hidden layer adds its 1024 × 1024 weights six times");
    }

    @Test
    void aFiftyThousandLabelVocabularyFailsBeforeTrainingUnderASmallHeapCap() {
        int n = 40;
        float[][] x = new float[n][64];
        List<List<String>> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x[i][i % 64] = 1f;
            labels.add(List.of("l" + (i % 7)));
        }
        List<String> vocabulary = IntStream.range(0, 50_000).mapToObj(i -> "l" + i).toList();
        String before = System.getProperty(ProbeMemory.HEAP_CAP_PROPERTY);
        System.setProperty(ProbeMemory.HEAP_CAP_PROPERTY, Long.toString(64L << 20));
        try {
            for (Probe probe : List.of(new LinearProbe(), new SgdLinearProbe(), new MlpProbe())) {
                Map<String, String> point = probe.grid(TaskKind.SCENE_MULTILABEL).get(0);
                long t0 = System.nanoTime();
                ConfigurationException e = assertThrows(ConfigurationException.class, () -> probe.fit(
                        new ProbeInput(TaskKind.SCENE_MULTILABEL, vocabulary, FeatureRows.of(x), labels, null), point, 1));
                assertTrue(e.getMessage().contains("-Xmx") && e.getMessage().contains("50,000 outputs"), e.getMessage());
                assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused before training");
            }
        } finally {
            if (before == null) {
                System.clearProperty(ProbeMemory.HEAP_CAP_PROPERTY);
            } else {
                System.setProperty(ProbeMemory.HEAP_CAP_PROPERTY, before);
            }
        }
    }

    @Test
    void linearScoresFromTheWeightsEqualTribuosOwnPredictions() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 60;
        float[][] x = new float[n][12];
        List<Label> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 12; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j == i % 3 ? 2 : 0));
            }
            outputs.add(new Label("c" + (i % 3)));
        }
        List<String> vocabulary = List.of("c0", "c1", "c2", "unseen");
        EmbeddingDataset<Label> data = new EmbeddingDataset<>(new LabelFactory(), FeatureRows.of(x), outputs,
                List.of(new Label("c0"), new Label("c1"), new Label("c2")), "test");
        SgdLinearProbe probe = new SgdLinearProbe();
        Model<Label> model = probe.multiclassTrainer(probe.grid(TaskKind.SCENE_MULTICLASS).get(2), 3, n).train(data);
        double[][] ours = TribuoProbe.scores(model, FeatureRows.of(x), vocabulary);
        List<Prediction<Label>> theirs = model.predict(data);
        for (int i = 0; i < n; i++) {
            Map<String, Label> byName = theirs.get(i).getOutputScores();
            double[] expected = {byName.get("c0").getScore(), byName.get("c1").getScore(), byName.get("c2").getScore(), 0.0};
            assertArrayEquals(expected, ours[i], 1e-9, "row " + i);
        }
    }
}
