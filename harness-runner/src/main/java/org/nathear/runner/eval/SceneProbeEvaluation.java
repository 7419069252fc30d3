package org.nathear.runner.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.TaskDescriptor;
import org.nathear.results.BootstrapInterval;
import org.nathear.results.FoldResult;
import org.nathear.results.MetricSummary;
import org.nathear.results.ProbeInfo;
import org.nathear.runner.metrics.Bootstrap;
import org.nathear.runner.metrics.MetricOrder;
import org.nathear.runner.metrics.ResampledSceneMetric;
import org.nathear.runner.metrics.SceneMetrics;
import org.nathear.runner.probe.Probe;
import org.nathear.runner.probe.Standardizer;
import org.nathear.runner.util.Seeds;

/**
 * The HEAR protocol for scene tasks on frozen embeddings: for each rotation, features standardised
 * on train, a probe trained on train, the grid searched on the first rotation's valid split only
 * (its choice reused on the others), and every metric scored on test; the primary score gets a
 * bootstrap interval over the test clips ({@link Bootstrap}).
 */
public final class SceneProbeEvaluation {

    /**
     * What the evaluation produced.
     *
     * @param primaryInterval bootstrap interval of the primary score over the test clips ({@link Bootstrap})
     */
    public record Outcome(List<FoldResult> folds, Map<String, MetricSummary> metrics, ProbeInfo probe,
                          BootstrapInterval primaryInterval) {
    }

    private SceneProbeEvaluation() {
    }

    public static Outcome evaluate(TaskDescriptor task, Map<String, SplitEmbeddings> splits, Probe probe, long cellSeed) {
        List<Rotation> rotations = Rotation.of(task);
        Metric primary = task.primaryMetric();
        List<ProbeInfo.GridPoint> gridScores = new ArrayList<>();
        Map<String, String> chosen = null;
        double chosenScore = Double.NaN;
        List<FoldResult> folds = new ArrayList<>();
        Map<Metric, List<Double>> perMetric = new LinkedHashMap<>();
        for (Metric m : task.metrics()) {
            perMetric.put(m, new ArrayList<>());
        }
        List<ResampledSceneMetric> primaryPerFold = new ArrayList<>();
        for (int r = 0; r < rotations.size(); r++) {
            Rotation rotation = rotations.get(r);
            Data train = Data.concat(rotation.train().stream().map(splits::get).toList(), task);
            Data valid = Data.concat(List.of(splits.get(rotation.valid())), task);
            Data test = Data.concat(List.of(splits.get(rotation.test())), task);
            Standardizer standardizer = Standardizer.fit(train.features);
            double[][] xTrain = standardizer.apply(train.features);
            double[][] xValid = standardizer.apply(valid.features);
            double[][] xTest = standardizer.apply(test.features);
            long seed = Seeds.derive(cellSeed, "rotation/" + r);
            Probe.Predictor predictor = null;
            double validScore;
            if (r == 0) {
                for (Map<String, String> point : probe.grid(task.kind())) {
                    Probe.Predictor candidate = probe.fit(task.kind(), xTrain, train.labels, task.labelVocabulary(), point, seed);
                    double score = SceneMetrics.score(primary, candidate.predict(xValid), valid.targets);
                    gridScores.add(new ProbeInfo.GridPoint(point, score));
                    if (chosen == null || MetricOrder.better(primary, score, chosenScore)) {
                        chosen = point;
                        chosenScore = score;
                        predictor = candidate;
                    }
                }
                validScore = chosenScore;
            } else {
                predictor = probe.fit(task.kind(), xTrain, train.labels, task.labelVocabulary(), chosen, seed);
                validScore = SceneMetrics.score(primary, predictor.predict(xValid), valid.targets);
            }
            double[][] predictions = predictor.predict(xTest);
            primaryPerFold.add(new ResampledSceneMetric(primary, predictions, test.targets));
            Map<String, Double> testScores = new LinkedHashMap<>();
            for (Metric m : task.metrics()) {
                double value = SceneMetrics.score(m, predictions, test.targets);
                testScores.put(m.id(), value);
                perMetric.get(m).add(value);
            }
            folds.add(new FoldResult(rotation.test(), rotation.valid(), rotation.train(), testScores, validScore,
                    chosen, xTrain.length, xTest.length));
        }
        Map<String, MetricSummary> metrics = new LinkedHashMap<>();
        perMetric.forEach((m, values) -> metrics.put(m.id(), MetricSummary.of(values)));
        BootstrapInterval interval = Bootstrap.interval(primary.id(),
                primaryPerFold.stream().mapToInt(ResampledSceneMetric::rows).toArray(),
                (fold, counts) -> primaryPerFold.get(fold).score(counts), Bootstrap.seedFor(task.id()), Bootstrap.RESAMPLES);
        return new Outcome(folds, metrics, new ProbeInfo(probe.name(), gridScores, chosen), interval);
    }

    /** Rows of one or more splits with their class names and multi-hot targets. */
    private record Data(float[][] features, List<List<String>> labels, boolean[][] targets) {
        static Data concat(List<SplitEmbeddings> parts, TaskDescriptor task) {
            List<String> vocabulary = task.labelVocabulary();
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < vocabulary.size(); i++) {
                index.put(vocabulary.get(i), i);
            }
            int n = parts.stream().mapToInt(SplitEmbeddings::size).sum();
            float[][] x = new float[n][];
            List<List<String>> labels = new ArrayList<>(n);
            boolean[][] targets = new boolean[n][vocabulary.size()];
            int row = 0;
            for (SplitEmbeddings part : parts) {
                for (int i = 0; i < part.size(); i++) {
                    x[row] = part.features()[i];
                    Label label = part.labels().get(i);
                    labels.add(label.classNames());
                    for (String name : label.classNames()) {
                        targets[row][index.get(name)] = true;
                    }
                    row++;
                }
            }
            return new Data(x, labels, targets);
        }
    }
}
