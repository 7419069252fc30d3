package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nathear.api.ChannelLayout;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.runner.probe.LinearProbe;
import org.nathear.runner.probe.Probe;
import org.nathear.runner.probe.ProbeInput;

class SceneProbeEvaluationTest {

    /** The linear probe behind a wrapper that counts the copies made and fitted, or refuses to be copied. */
    private static final class CountingProbe implements Probe {
        private final Probe inner = new LinearProbe();
        private final boolean copyable;
        private final AtomicInteger copyFits;
        private final boolean isCopy;

        CountingProbe(boolean copyable, AtomicInteger copyFits, boolean isCopy) {
            this.copyable = copyable;
            this.copyFits = copyFits;
            this.isCopy = isCopy;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public List<Map<String, String>> grid(TaskKind kind) {
            return inner.grid(kind);
        }

        @Override
        public Predictor fit(TaskKind kind, double[][] features, List<List<String>> labels, List<String> vocabulary,
                             Map<String, String> hyperparameters, long seed) {
            throw new UnsupportedOperationException("the protocol fits rows");
        }

        @Override
        public Predictor fit(ProbeInput input, Map<String, String> hyperparameters, long seed) {
            if (isCopy) {
                copyFits.incrementAndGet();
            }
            return inner.fit(input, hyperparameters, seed);
        }

        @Override
        public Optional<Probe> independentCopy() {
            return copyable ? Optional.of(new CountingProbe(true, copyFits, true)) : Optional.empty();
        }
    }

    /** Five folds of 30 noisy clips in 24 dimensions, three classes that overlap (so the folds differ). */
    private static Map<String, SplitEmbeddings> folds() {
        SplittableRandom r = new SplittableRandom(21);
        Map<String, SplitEmbeddings> splits = new LinkedHashMap<>();
        for (int f = 0; f < 5; f++) {
            List<String> ids = new ArrayList<>();
            List<Label> labels = new ArrayList<>();
            float[][] x = new float[30][24];
            for (int i = 0; i < 30; i++) {
                int c = r.nextInt(3);
                ids.add("f" + f + "-" + i);
                labels.add(new Label.SingleLabel("c" + c));
                for (int j = 0; j < 24; j++) {
                    x[i][j] = (float) (r.nextGaussian() * 2 + (j % 3 == c ? 1 : 0));
                }
            }
            splits.put("fold0" + f, new SplitEmbeddings("fold0" + f, ids, labels, x));
        }
        return splits;
    }

    @Test
    void rotationsFittedInParallelScoreExactlyAsOneAfterAnother() {
        TaskDescriptor task = new TaskDescriptor("test-kfold", "1", TaskKind.SCENE_MULTICLASS, ChannelLayout.MONO,
                List.of(Metric.TOP1_ACC, Metric.MAP), SplitMode.NEW_SPLIT_KFOLD,
                List.of("fold00", "fold01", "fold02", "fold03", "fold04"), List.of("c0", "c1", "c2"), 1.0, "noisy blobs");
        Map<String, SplitEmbeddings> splits = folds();
        AtomicInteger copyFits = new AtomicInteger();
        SceneProbeEvaluation.Outcome parallel = SceneProbeEvaluation.evaluate(task, splits,
                new CountingProbe(true, copyFits, false), 9);
        SceneProbeEvaluation.Outcome sequential = SceneProbeEvaluation.evaluate(task, splits,
                new CountingProbe(false, new AtomicInteger(), false), 9);
        assertEquals(4, copyFits.get(), "each rotation after the first is fitted once, by its own copy");
        assertEquals(5, parallel.folds().size());
        assertEquals(sequential.folds(), parallel.folds(), "test scores, valid scores, iterations and seeds of every fold");
        assertEquals(sequential.metrics(), parallel.metrics());
        assertEquals(sequential.primaryInterval(), parallel.primaryInterval());
        assertEquals(sequential.probe(), parallel.probe());
        for (int f = 0; f < 5; f++) {
            assertEquals(sequential.hearFolds().get(f).testScores(), parallel.hearFolds().get(f).testScores());
        }
    }
}
