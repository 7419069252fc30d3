package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.runner.cache.EmbeddingMatrix;

class LocalizationCellEvaluatorTest {

    private static TaskDescriptor task() {
        return new TaskDescriptor("loc-v1-full", "v1", TaskKind.LOCALIZATION, ChannelLayout.BINAURAL,
                List.of(Metric.DOA_ERROR_MEAN_DEG, Metric.DOA_ERROR_MEDIAN_DEG, Metric.DOA_ACC_20DEG, Metric.FRONT_BACK_CONFUSION),
                SplitMode.TRAIN_VALID_TEST, List.of("train", "valid", "test"), List.of(), 1.0, "test task");
    }

    @TempDir
    Path dir;

    private LocalizationCellEvaluator.Outcome evaluate(boolean informative, long dataSeed, long cellSeed) {
        Map<String, EmbeddingExtractor.SplitRows> splits = splits(informative, dataSeed);
        try {
            return LocalizationCellEvaluator.evaluate(task(), splits, LocalizationProbeChoice.forProbe("linear").probe(), cellSeed);
        } finally {
            splits.values().forEach(s -> s.features().close());
        }
    }

    /** Embeddings (memory-mapped, as the runner makes them) that hold the direction (plus noise dimensions), or nothing about it. */
    private Map<String, EmbeddingExtractor.SplitRows> splits(boolean informative, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, EmbeddingExtractor.SplitRows> out = new LinkedHashMap<>();
        int[] sizes = {200, 60, 80};
        String[] names = {"train", "valid", "test"};
        for (int s = 0; s < 3; s++) {
            List<String> ids = new ArrayList<>();
            List<Label> labels = new ArrayList<>();
            float[][] x = new float[sizes[s]][20];
            for (int i = 0; i < sizes[s]; i++) {
                double az = 360 * r.nextDouble();
                double el = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
                Label.DirectionLabel d = Label.DirectionLabel.fromDegrees(az, el);
                ids.add(names[s] + i + ".wav");
                labels.add(d);
                for (int j = 0; j < 20; j++) {
                    x[i][j] = (float) r.nextGaussian();
                }
                if (informative) {
                    x[i][0] = (float) d.x();
                    x[i][1] = (float) d.y();
                    x[i][2] = (float) d.z();
                }
            }
            try (EmbeddingMatrix.Writer w = EmbeddingMatrix.createTemporary(dir, names[s], 20)) {
                for (float[] row : x) {
                    w.append(row);
                }
                out.put(names[s], new EmbeddingExtractor.SplitRows(names[s], ids, labels, w.finish()));
            }
        }
        return out;
    }

    @Test
    void aProbeOnEmbeddingsThatHoldTheDirectionLocalisesWell() {
        LocalizationCellEvaluator.Outcome o = evaluate(true, 1, 7);
        double mean = o.metrics().get("doa_error_mean_deg").mean();
        assertTrue(mean < 15, "mean DoA error " + mean);
        assertTrue(o.metrics().get("doa_acc_20deg").mean() > 0.7, o.metrics().toString());
        assertEquals("linear-regression", o.probe().name());
        assertEquals(8, o.probe().grid().size(), "learning rates x epochs tried on valid");
        assertEquals(1, o.folds().size());
        assertEquals(o.probe().chosen().get("epochs"), o.folds().get(0).hyperparameters().get("epochs"));
        assertEquals(o.probe().chosen().get("learningRate"), o.folds().get(0).hyperparameters().get("learningRate"));
        // a bootstrap interval over the test clips around the score, and every test clip's error in the histogram
        assertTrue(o.primaryInterval().low() <= mean && mean <= o.primaryInterval().high(), o.primaryInterval().toString());
        assertTrue(o.primaryInterval().high() - o.primaryInterval().low() > 0);
        assertEquals(80, o.allErrorsDegrees().length);
        assertEquals(80, org.nathear.results.schema.Histogram.doaErrors(o.allErrorsDegrees()).total());
    }

    @Test
    void embeddingsWithoutDirectionGiveTheChanceErrorOfAboutNinetyDegrees() {
        LocalizationCellEvaluator.Outcome o = evaluate(false, 2, 7);
        double mean = o.metrics().get("doa_error_mean_deg").mean();
        assertTrue(mean > 70 && mean < 110, "mean DoA error " + mean);
        double confusion = o.metrics().get("front_back_confusion").mean();
        assertTrue(confusion > 0.25 && confusion < 0.75, "front-back confusion near chance: " + confusion);
    }

    @Test
    void theSameSeedGivesTheSameScores() {
        var a = evaluate(true, 3, 11).metrics();
        var b = evaluate(true, 3, 11).metrics();
        assertEquals(a, b);
    }
}
