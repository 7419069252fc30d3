package org.nathear.runner.eval;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.api.spi.OpenedTask;
import org.nathear.results.CellResult;
import org.nathear.results.CellStatus;
import org.nathear.results.EmbeddingInfo;
import org.nathear.results.FoldResult;
import org.nathear.results.MetricSummary;
import org.nathear.results.ProbeInfo;
import org.nathear.results.Timings;
import org.nathear.runner.metrics.DoaMetrics;
import org.nathear.runner.metrics.MetricOrder;
import org.nathear.runner.probe.DirectionRegressionProbe;
import org.nathear.runner.probe.Standardizer;
import org.nathear.runner.util.Hashing;
import org.nathear.runner.util.Seeds;

/**
 * Localization tasks: scene embeddings of every split, then the HEAR protocol with a 3-output
 * regression probe ({@link DirectionRegressionProbe}): per rotation, features standardised on train,
 * the grid searched on the first rotation's valid split by the primary DoA metric and reused on the
 * others, predictions renormalised to unit vectors and scored with {@link DoaMetrics} on test. DoA
 * numbers go into the cell's usual metrics map.
 */
public final class LocalizationCellEvaluator implements CellEvaluator {
    private final DirectionRegressionProbe probe = new DirectionRegressionProbe();

    @Override
    public CellResult evaluate(CellContext cell) {
        TaskDescriptor td = cell.taskDescriptor();
        ModelDescriptor md = cell.modelDescriptor();
        for (Metric m : td.metrics()) {
            if (!DoaMetrics.handles(m)) {
                throw new TaskFormatException("Localization task '" + td.id() + "' lists metric '" + m.id()
                        + "'; localization tasks are scored with doa_error_mean_deg, doa_error_median_deg, doa_acc_20deg "
                        + "and front_back_confusion");
            }
        }
        ChannelAdapter adapter = ChannelAdapter.choose(td.layout(), md);
        String weights = cell.model().plugin().weightsSha256(cell.options());
        String modelKey = EmbeddingExtractor.modelKey(md, weights, cell.options().canonical(), adapter, "scene");
        MessageDigest dataDigest = Hashing.sha256();
        String dataHash;
        EmbeddingExtractor.Stats stats = new EmbeddingExtractor.Stats();
        Map<String, SplitEmbeddings> splits = new LinkedHashMap<>();
        try (OpenedTask task = cell.task().plugin().open()) {
            for (String split : td.splits()) {
                splits.put(split, cell.extractor().extractScene(task, split, cell.openModel(), md, adapter, modelKey,
                        dataDigest, stats));
            }
            dataHash = cell.extractor().dataHash(task, dataDigest, cell.runDir());
        }
        long probeStart = System.nanoTime();
        Outcome outcome = evaluate(td, splits, cell.seed());
        double probeSeconds = (System.nanoTime() - probeStart) / 1e9;
        return new CellResult(td.id(), td.version(), dataHash, md.id(), md.version(), weights,
                CellStatus.SUCCEEDED, "", td.primaryMetric().id(), outcome.metrics().get(td.primaryMetric().id()).mean(),
                outcome.metrics(), outcome.folds(), adapter.rule(), outcome.probe(),
                new EmbeddingInfo("scene", md.sceneEmbeddingSize(), modelKey),
                new Timings(stats.seconds, probeSeconds, stats.embedded, stats.fromCache), cell.seed());
    }

    /** What the protocol produced. */
    record Outcome(List<FoldResult> folds, Map<String, MetricSummary> metrics, ProbeInfo probe) {
    }

    Outcome evaluate(TaskDescriptor task, Map<String, SplitEmbeddings> splits, long cellSeed) {
        List<Rotation> rotations = Rotation.of(task);
        Metric primary = task.primaryMetric();
        List<ProbeInfo.GridPoint> gridScores = new ArrayList<>();
        Map<String, String> chosen = null;
        double chosenScore = Double.NaN;
        List<FoldResult> folds = new ArrayList<>();
        Map<Metric, List<Double>> perMetric = new LinkedHashMap<>();
        task.metrics().forEach(m -> perMetric.put(m, new ArrayList<>()));
        for (int r = 0; r < rotations.size(); r++) {
            Rotation rotation = rotations.get(r);
            Data train = Data.concat(rotation.train().stream().map(splits::get).toList(), task.id());
            Data valid = Data.concat(List.of(splits.get(rotation.valid())), task.id());
            Data test = Data.concat(List.of(splits.get(rotation.test())), task.id());
            Standardizer standardizer = Standardizer.fit(train.features);
            double[][] xTrain = standardizer.apply(train.features);
            double[][] xValid = standardizer.apply(valid.features);
            double[][] xTest = standardizer.apply(test.features);
            long seed = Seeds.derive(cellSeed, "rotation/" + r);
            DirectionRegressionProbe.Predictor predictor = null;
            double validScore;
            if (r == 0) {
                for (Map<String, String> point : probe.grid()) {
                    DirectionRegressionProbe.Predictor candidate = probe.fit(xTrain, train.directions, point, seed);
                    double score = DoaMetrics.score(primary, candidate.predict(xValid), valid.directions);
                    gridScores.add(new ProbeInfo.GridPoint(point, score));
                    if (chosen == null || MetricOrder.better(primary, score, chosenScore)) {
                        chosen = point;
                        chosenScore = score;
                        predictor = candidate;
                    }
                }
                validScore = chosenScore;
            } else {
                predictor = probe.fit(xTrain, train.directions, chosen, seed);
                validScore = DoaMetrics.score(primary, predictor.predict(xValid), valid.directions);
            }
            double[][] predictions = predictor.predict(xTest);
            Map<String, Double> testScores = new LinkedHashMap<>();
            for (Metric m : task.metrics()) {
                double value = DoaMetrics.score(m, predictions, test.directions);
                testScores.put(m.id(), value);
                perMetric.get(m).add(value);
            }
            folds.add(new FoldResult(rotation.test(), rotation.valid(), rotation.train(), testScores, validScore, chosen,
                    xTrain.length, xTest.length));
        }
        Map<String, MetricSummary> metrics = new LinkedHashMap<>();
        perMetric.forEach((m, values) -> metrics.put(m.id(), MetricSummary.of(values)));
        return new Outcome(folds, metrics, new ProbeInfo(DirectionRegressionProbe.NAME, gridScores, chosen));
    }

    /** Rows of one or more splits and their unit direction targets. */
    private record Data(float[][] features, double[][] directions) {
        static Data concat(List<SplitEmbeddings> parts, String taskId) {
            int n = parts.stream().mapToInt(SplitEmbeddings::size).sum();
            float[][] x = new float[n][];
            double[][] y = new double[n][];
            int row = 0;
            for (SplitEmbeddings part : parts) {
                for (int i = 0; i < part.size(); i++) {
                    if (!(part.labels().get(i) instanceof Label.DirectionLabel d)) {
                        throw new TaskFormatException("Localization task '" + taskId + "' clip " + part.clipIds().get(i)
                                + " has label " + part.labels().get(i) + "; expected a direction");
                    }
                    x[row] = part.features()[i];
                    y[row] = new double[] {d.x(), d.y(), d.z()};
                    row++;
                }
            }
            return new Data(x, y);
        }
    }
}
