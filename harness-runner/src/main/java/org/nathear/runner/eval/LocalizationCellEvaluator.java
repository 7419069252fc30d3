package org.nathear.runner.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.DirectionTarget;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.FoldResult;
import org.nathear.results.schema.Histogram;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ProbeInfo;
import org.nathear.api.util.Seeds;
import org.nathear.runner.metrics.Bootstrap;
import org.nathear.runner.metrics.DoaMetrics;
import org.nathear.runner.metrics.MetricOrder;
import org.nathear.runner.probe.DirectionProbe;
import org.nathear.runner.probe.FeatureRows;
import org.nathear.runner.probe.Standardizer;

/**
 * Localization tasks: scene embeddings of every split into memory-mapped matrices, then the HEAR
 * protocol with the {@link DirectionProbe} that {@code --probe} selects ({@link LocalizationProbeChoice}): per
 * rotation, features standardised on train, the grid searched on the first rotation's valid split by
 * the primary DoA metric and reused on the others, unit-vector predictions scored with
 * {@link DoaMetrics} on test. The cell also gets a bootstrap interval of the primary metric over the
 * test clips, the histogram of every test clip's DoA error ({@code distributions.doa_error_deg}),
 * and, when the run has a folder, the predicted and true direction of every test clip in the
 * hear-eval-kit-style folder ({@code <split>.predicted-directions.npy},
 * {@code <split>.target-directions.npy}, float64 rows × [x, y, z], {@code <split>.rows.json}).
 *
 * <p>The probe regresses the cell's {@link DirectionTarget} ({@link CellContext#directionTarget()}:
 * {@code --doa-target}, else the task's {@code direction_target}, else the unit vector); predictions
 * are decoded to unit vectors either way, so the great-circle DoA error stays the primary metric and
 * leaderboards compare. With the [azimuth, elevation] target the cell also reports
 * {@code azimuth_error_mean_deg} and {@code elevation_error_mean_deg}, records {@code target} in
 * every fold's hyperparameters, and writes {@code <split>.predicted-azimuth-elevation.npy} and
 * {@code <split>.target-azimuth-elevation.npy} (float64 rows × [azimuth°, elevation°]) beside the
 * unit vectors.
 */
public final class LocalizationCellEvaluator implements CellEvaluator {

    @Override
    public CellResult evaluate(CellContext cell) {
        TaskDescriptor td = cell.taskDescriptor();
        for (Metric m : td.metrics()) {
            if (!DoaMetrics.handles(m)) {
                throw new TaskFormatException("Localization task '" + td.id() + "' lists metric '" + m.id()
                        + "'; localization tasks are scored with " + DoaMetrics.METRIC_IDS);
            }
        }
        DirectionTarget target = cell.directionTarget();
        LocalizationProbeChoice.Choice choice = LocalizationProbeChoice.forProbe(cell.probe().name(), target);
        try (CellPipeline.Extracted<EmbeddingExtractor.SplitRows> x = CellPipeline.extract(cell, "scene", CellPipeline.SCENE_ROWS)) {
            if (choice.note() != null) {
                x.log().accept(choice.note());
            }
            x.startProbe();
            Outcome outcome = evaluate(td, metrics(td, target), target, x.splits, choice.probe(), cell.seed());
            CellResult result = x.result(outcome.metrics(), outcome.folds(), outcome.probe(), outcome.primaryInterval())
                    .withDistribution(Histogram.DOA_ERROR_DEG, Histogram.doaErrors(outcome.allErrorsDegrees()));
            x.writeHearFiles(outcome.hearFolds(), outcome.probe().chosen(), outcome.probe().name(), List.of());
            if (cell.hearOutputDir() != null) {
                for (FoldDirections f : outcome.directions()) {
                    HearCompatibility.writeDirections(cell.hearOutputDir(), f.split(), f.clipIds(), f.predicted(), f.truth());
                    if (target == DirectionTarget.AZIMUTH_ELEVATION) {
                        HearCompatibility.writeAzimuthElevation(cell.hearOutputDir(), f.split(), f.predicted(), f.truth());
                    }
                }
            }
            return result;
        }
    }

    /** The predicted and true directions of one test split, in clip order. */
    record FoldDirections(String split, List<String> clipIds, double[][] predicted, double[][] truth) {
    }

    /** What the protocol produced. */
    record Outcome(List<FoldResult> folds, Map<String, MetricSummary> metrics, ProbeInfo probe,
                   BootstrapInterval primaryInterval, double[] allErrorsDegrees, List<FoldDirections> directions,
                   List<HearCompatibility.Fold> hearFolds) {
    }

    /**
     * The metrics a cell reports: the task's, and with the [azimuth, elevation] target the azimuth and
     * elevation errors after them (unless the task lists them already).
     */
    static List<Metric> metrics(TaskDescriptor task, DirectionTarget target) {
        List<Metric> out = new ArrayList<>(task.metrics());
        if (target == DirectionTarget.AZIMUTH_ELEVATION) {
            for (Metric m : List.of(Metric.AZIMUTH_ERROR_MEAN_DEG, Metric.ELEVATION_ERROR_MEAN_DEG)) {
                if (!out.contains(m)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    static Outcome evaluate(TaskDescriptor task, Map<String, EmbeddingExtractor.SplitRows> splits, DirectionProbe probe,
                            long cellSeed) {
        return evaluate(task, metrics(task, task.directionTarget()), task.directionTarget(), splits, probe, cellSeed);
    }

    /** The protocol with {@code probe} already regressing {@code target}; {@code metrics} primary first. */
    static Outcome evaluate(TaskDescriptor task, List<Metric> metrics, DirectionTarget target,
                            Map<String, EmbeddingExtractor.SplitRows> splits, DirectionProbe probe, long cellSeed) {
        List<Rotation> rotations = Rotation.of(task);
        Metric primary = task.primaryMetric();
        List<ProbeInfo.GridPoint> gridScores = new ArrayList<>();
        Map<String, String> chosen = null;
        double chosenScore = Double.NaN;
        List<FoldResult> folds = new ArrayList<>();
        List<FoldDirections> directions = new ArrayList<>();
        List<HearCompatibility.Fold> hearFolds = new ArrayList<>();
        Map<Metric, List<Double>> perMetric = new LinkedHashMap<>();
        metrics.forEach(m -> perMetric.put(m, new ArrayList<>()));
        List<Double> allErrors = new ArrayList<>();
        for (int r = 0; r < rotations.size(); r++) {
            long started = System.nanoTime();
            Rotation rotation = rotations.get(r);
            Data train = Data.of(rotation.train().stream().map(splits::get).toList(), task.id());
            Data valid = Data.of(List.of(splits.get(rotation.valid())), task.id());
            Data test = Data.of(List.of(splits.get(rotation.test())), task.id());
            Standardizer standardizer = Standardizer.fit(train.rows);
            FeatureRows xTrain = standardizer.view(train.rows);
            FeatureRows xValid = standardizer.view(valid.rows);
            FeatureRows xTest = standardizer.view(test.rows);
            DirectionProbe.Targets validation = new DirectionProbe.Targets(xValid, valid.directions);
            long seed = Seeds.derive(cellSeed, "rotation/" + r);
            DirectionProbe.Predictor predictor = null;
            double validScore;
            if (r == 0) {
                for (Map<String, String> point : probe.grid()) {
                    DirectionProbe.Predictor candidate = probe.fit(xTrain, train.directions, validation, point, seed);
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
                predictor = probe.fit(xTrain, train.directions, validation, chosen, seed);
                validScore = DoaMetrics.score(primary, predictor.predict(xValid), valid.directions);
            }
            double[][] predictions = predictor.predict(xTest);
            Map<String, Double> testScores = new LinkedHashMap<>();
            for (Metric m : metrics) {
                double value = DoaMetrics.score(m, predictions, test.directions);
                testScores.put(m.id(), value);
                perMetric.get(m).add(value);
            }
            for (double e : DoaMetrics.errorsDegrees(predictions, test.directions)) {
                allErrors.add(e);
            }
            Map<String, String> hyperparameters = new LinkedHashMap<>(chosen);
            hyperparameters.putAll(predictor.trainingDetails());
            hyperparameters.put("target", target.id());
            hyperparameters.put("seed", Long.toString(seed));
            folds.add(new FoldResult(rotation.test(), rotation.valid(), rotation.train(), testScores, validScore,
                    hyperparameters, xTrain.size(), xTest.size()));
            directions.add(new FoldDirections(rotation.test(), test.clipIds, predictions, test.directions));
            hearFolds.add(new HearCompatibility.Fold(rotation.test(), testScores, meanSquaredError(predictions, test.directions),
                    validScore, SceneProbeEvaluation.epoch(hyperparameters), (System.nanoTime() - started) / 6e10, null));
        }
        Map<String, MetricSummary> summaries = new LinkedHashMap<>();
        perMetric.forEach((m, values) -> summaries.put(m.id(), MetricSummary.of(values)));
        BootstrapInterval interval = Bootstrap.interval(primary.id(),
                directions.stream().mapToInt(d -> d.clipIds().size()).toArray(),
                (fold, counts) -> resampledScore(primary, directions.get(fold), counts),
                Bootstrap.seedFor(task.id()), Bootstrap.RESAMPLES);
        return new Outcome(folds, summaries, new ProbeInfo(probe.name(), gridScores, chosen), interval,
                allErrors.stream().mapToDouble(Double::doubleValue).toArray(), directions, hearFolds);
    }

    /** The metric on a resample of a fold's test clips (clip i taken {@code counts[i]} times). */
    static double resampledScore(Metric metric, FoldDirections fold, int[] counts) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        double[][] predicted = new double[n][];
        double[][] truth = new double[n][];
        int row = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int k = 0; k < counts[i]; k++) {
                predicted[row] = fold.predicted()[i];
                truth[row] = fold.truth()[i];
                row++;
            }
        }
        return DoaMetrics.score(metric, predicted, truth);
    }

    private static double meanSquaredError(double[][] predicted, double[][] truth) {
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            for (int d = 0; d < 3; d++) {
                double e = predicted[i][d] - truth[i][d];
                sum += e * e;
            }
        }
        return sum / Math.max(1, predicted.length);
    }

    /** Rows of one or more splits (memory-mapped), their clip ids and unit direction targets. */
    private record Data(FeatureRows rows, List<String> clipIds, double[][] directions) {
        static Data of(List<EmbeddingExtractor.SplitRows> parts, String taskId) {
            int n = parts.stream().mapToInt(EmbeddingExtractor.SplitRows::size).sum();
            double[][] y = new double[n][];
            List<String> ids = new ArrayList<>(n);
            int row = 0;
            for (EmbeddingExtractor.SplitRows part : parts) {
                for (int i = 0; i < part.size(); i++) {
                    if (!(part.labels().get(i) instanceof Label.DirectionLabel d)) {
                        throw new TaskFormatException("Localization task '" + taskId + "' clip " + part.clipIds().get(i)
                                + " has label " + part.labels().get(i) + "; expected a direction");
                    }
                    ids.add(part.clipIds().get(i));
                    y[row++] = new double[] {d.x(), d.y(), d.z()};
                }
            }
            return new Data(FeatureRows.concat(parts.stream().map(EmbeddingExtractor.SplitRows::features).toList()), ids, y);
        }
    }
}
