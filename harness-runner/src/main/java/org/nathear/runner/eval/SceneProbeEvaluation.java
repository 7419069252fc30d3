package org.nathear.runner.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.TaskDescriptor;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.api.util.Seeds;
import org.nathear.api.TaskKind;
import org.nathear.results.schema.FoldResult;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ProbeInfo;
import org.nathear.runner.metrics.Bootstrap;
import org.nathear.runner.metrics.MetricOrder;
import org.nathear.runner.metrics.ResampledSceneMetric;
import org.nathear.runner.metrics.SceneMetrics;
import org.nathear.runner.probe.FeatureRows;
import org.nathear.runner.probe.Probe;
import org.nathear.runner.probe.ProbeInput;
import org.nathear.runner.probe.Standardizer;

/**
 * The HEAR protocol for scene tasks on frozen embeddings: for each rotation, features standardised
 * on train, a probe trained on train (trainvaltest tasks never merge valid into train), the grid
 * searched on the first rotation's valid split only (its choice reused on the others, each of which
 * still early-stops on its own valid split), and every metric scored on test; the primary score gets a
 * bootstrap interval over the test clips ({@link Bootstrap}).
 *
 * <p>Rows stay where the extractor put them (memory-mapped); standardisation and concatenation of
 * training folds are views.
 */
public final class SceneProbeEvaluation {

    /**
     * What the evaluation produced; {@code hearFolds} feeds the hear-eval-kit compatible files.
     *
     * @param primaryInterval bootstrap interval of the primary score over the test clips ({@link Bootstrap})
     */
    public record Outcome(List<FoldResult> folds, Map<String, MetricSummary> metrics, ProbeInfo probe,
                          BootstrapInterval primaryInterval, List<HearCompatibility.Fold> hearFolds) {
    }

    /** One split as rows with clip ids and labels. */
    private record Part(List<String> clipIds, List<Label> labels, FeatureRows rows) {
    }

    private SceneProbeEvaluation() {
    }

    /** Heap embeddings (small tasks, older callers). */
    public static Outcome evaluate(TaskDescriptor task, Map<String, SplitEmbeddings> splits, Probe probe, long cellSeed) {
        Map<String, Part> parts = new LinkedHashMap<>();
        splits.forEach((name, s) -> parts.put(name, new Part(s.clipIds(), s.labels(), FeatureRows.of(s.features()))));
        return run(task, parts, probe, cellSeed, line -> { });
    }

    /** Memory-mapped embeddings from {@link EmbeddingExtractor#extractSceneRows}. */
    public static Outcome evaluateRows(TaskDescriptor task, Map<String, EmbeddingExtractor.SplitRows> splits, Probe probe,
                                       long cellSeed, Consumer<String> log) {
        Map<String, Part> parts = new LinkedHashMap<>();
        splits.forEach((name, s) -> parts.put(name, new Part(s.clipIds(), s.labels(), s.features())));
        return run(task, parts, probe, cellSeed, log);
    }

    private static Outcome run(TaskDescriptor task, Map<String, Part> splits, Probe probe, long cellSeed,
                               Consumer<String> log) {
        List<Rotation> rotations = Rotation.of(task);
        Metric primary = task.primaryMetric();
        List<ProbeInfo.GridPoint> gridScores = new ArrayList<>();
        List<RotationResult> results = new ArrayList<>();
        // the first rotation searches the grid on its valid split
        results.add(evaluateRotation(task, splits, rotations, 0, probe, null, gridScores, cellSeed, log));
        Map<String, String> chosen = results.get(0).chosen;
        // the others fit the chosen point each on its own training set: independent fits, run in
        // parallel when the probe can be copied (each copy computes what the shared instance would,
        // bit for bit); their log lines follow in rotation order
        List<Integer> others = IntStream.range(1, rotations.size()).boxed().toList();
        List<Probe> copies = others.stream().map(r -> probe.independentCopy().orElse(null)).toList();
        if (others.size() > 1 && copies.stream().allMatch(java.util.Objects::nonNull)) {
            List<List<String>> lines = others.stream().map(r -> (List<String>) new ArrayList<String>()).toList();
            List<RotationResult> parallel = IntStream.range(0, others.size()).parallel()
                    .mapToObj(k -> evaluateRotation(task, splits, rotations, others.get(k), copies.get(k), chosen, null,
                            cellSeed, lines.get(k)::add))
                    .toList();
            lines.forEach(l -> l.forEach(log));
            results.addAll(parallel);
        } else {
            for (int r : others) {
                results.add(evaluateRotation(task, splits, rotations, r, probe, chosen, null, cellSeed, log));
            }
        }
        List<FoldResult> folds = new ArrayList<>();
        List<HearCompatibility.Fold> hearFolds = new ArrayList<>();
        Map<Metric, List<Double>> perMetric = new LinkedHashMap<>();
        for (Metric m : task.metrics()) {
            perMetric.put(m, new ArrayList<>());
        }
        List<ResampledSceneMetric> primaryPerFold = new ArrayList<>();
        for (RotationResult result : results) {
            folds.add(result.fold);
            hearFolds.add(result.hearFold);
            primaryPerFold.add(result.primary);
            for (Metric m : task.metrics()) {
                perMetric.get(m).add(result.fold.testScores().get(m.id()));
            }
        }
        Map<String, MetricSummary> metrics = new LinkedHashMap<>();
        perMetric.forEach((m, values) -> metrics.put(m.id(), MetricSummary.of(values)));
        BootstrapInterval interval = Bootstrap.interval(primary.id(),
                primaryPerFold.stream().mapToInt(ResampledSceneMetric::rows).toArray(),
                (fold, counts) -> primaryPerFold.get(fold).score(counts), Bootstrap.seedFor(task.id()), Bootstrap.RESAMPLES);
        return new Outcome(folds, metrics, new ProbeInfo(probe.name(), gridScores, chosen), interval, hearFolds);
    }

    /** One rotation's fold result, its files for hear-eval-kit, its primary score for the bootstrap, and the grid point used. */
    private record RotationResult(FoldResult fold, HearCompatibility.Fold hearFold, ResampledSceneMetric primary,
                                  Map<String, String> chosen) {
    }

    /**
     * Rotation {@code r}: features standardised on its train folds, the probe fitted — every grid
     * point when {@code chosen} is null (the grid scores go to {@code gridScores}, the best on valid
     * is kept), else the chosen point — and every metric scored on test.
     */
    private static RotationResult evaluateRotation(TaskDescriptor task, Map<String, Part> splits, List<Rotation> rotations,
                                                   int r, Probe probe, Map<String, String> chosen,
                                                   List<ProbeInfo.GridPoint> gridScores, long cellSeed, Consumer<String> log) {
        long started = System.nanoTime();
        Metric primary = task.primaryMetric();
        Rotation rotation = rotations.get(r);
        Data train = Data.of(rotation.train().stream().map(splits::get).toList(), task);
        Data valid = Data.of(List.of(splits.get(rotation.valid())), task);
        Data test = Data.of(List.of(splits.get(rotation.test())), task);
        Standardizer standardizer = Standardizer.fit(train.rows);
        FeatureRows xTrain = standardizer.view(train.rows);
        FeatureRows xValid = standardizer.view(valid.rows);
        FeatureRows xTest = standardizer.view(test.rows);
        long seed = Seeds.derive(cellSeed, "rotation/" + r);
        ProbeInput input = new ProbeInput(task.kind(), task.labelVocabulary(), xTrain, train.labels,
                new ProbeInput.Validation(xValid, primary, p -> SceneMetrics.score(primary, p, valid.targets)));
        Probe.Predictor predictor = null;
        double validScore = Double.NaN;
        if (chosen == null) {
            for (Map<String, String> point : probe.grid(task.kind())) {
                long t0 = System.nanoTime();
                Probe.Predictor candidate = probe.fit(input, point, seed);
                double score = validationScore(primary, candidate, xValid, valid.targets);
                gridScores.add(new ProbeInfo.GridPoint(point, score));
                log.accept(ProgressText.gridPoint(gridScores.size(), point, candidate, primary, score, t0));
                if (chosen == null || MetricOrder.better(primary, score, validScore)) {
                    chosen = point;
                    validScore = score;
                    predictor = candidate;
                }
            }
        } else {
            long t0 = System.nanoTime();
            predictor = probe.fit(input, chosen, seed);
            validScore = validationScore(primary, predictor, xValid, valid.targets);
            log.accept(ProgressText.rotation(rotation, predictor, primary, validScore, t0));
        }
        double[][] predictions = predictor.predict(xTest);
        double[][] ranking = predictor.rankingScores(xTest);
        ResampledSceneMetric primaryScores = new ResampledSceneMetric(primary, scored(primary, predictions, ranking), test.targets);
        Map<String, Double> testScores = new LinkedHashMap<>();
        for (Metric m : task.metrics()) {
            testScores.put(m.id(), SceneMetrics.score(m, scored(m, predictions, ranking), test.targets));
        }
        Map<String, String> hyperparameters = foldHyperparameters(chosen, predictor, seed);
        FoldResult fold = new FoldResult(rotation.test(), rotation.valid(), rotation.train(), testScores, validScore,
                hyperparameters, xTrain.size(), xTest.size());
        HearCompatibility.Fold hearFold = new HearCompatibility.Fold(rotation.test(), testScores,
                HearCompatibility.loss(predictions, test.targets, task.kind() == TaskKind.SCENE_MULTICLASS),
                validScore, epoch(hyperparameters), (System.nanoTime() - started) / 6e10,
                new HearCompatibility.Rows(test.clipIds, null, predictions, test.targets, null, null, ranking));
        return new RotationResult(fold, hearFold, primaryScores, chosen);
    }

    /**
     * Metrics that only rank (mAP, ROC AUC, d′) are computed from the probe's ranking scores (logits or
     * log-probabilities), which keep their order where probabilities saturate to 0 or 1 and tie;
     * the others (accuracies) from the activated predictions.
     */
    static boolean ranks(Metric m) {
        return m == Metric.MAP || m == Metric.AUCROC || m == Metric.D_PRIME;
    }

    static double[][] scored(Metric m, double[][] predictions, double[][] ranking) {
        return ranks(m) ? ranking : predictions;
    }

    private static double validationScore(Metric primary, Probe.Predictor predictor, FeatureRows rows, boolean[][] targets) {
        return SceneMetrics.score(primary, ranks(primary) ? predictor.rankingScores(rows) : predictor.predict(rows), targets);
    }

    /** The chosen grid point, what training decided (e.g. the early-stopping epoch) and the probe seed. */
    static Map<String, String> foldHyperparameters(Map<String, String> chosen, Probe.Predictor predictor, long seed) {
        Map<String, String> out = new LinkedHashMap<>(chosen);
        out.putAll(predictor.trainingDetails());
        out.put("seed", Long.toString(seed));
        return out;
    }

    /** The epoch hear-eval-kit would report: the early-stopping epoch, else the epoch budget, else NaN. */
    static double epoch(Map<String, String> hyperparameters) {
        // the MLP's early-stopping epoch, linear-sgd's epoch budget, or the L-BFGS iterations of the linear probe
        String v = hyperparameters.getOrDefault("bestEpoch", hyperparameters.getOrDefault("epochs", hyperparameters.get("iterations")));
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    /** Rows of one or more splits with their class names and multi-hot targets. */
    private record Data(FeatureRows rows, List<String> clipIds, List<List<String>> labels, boolean[][] targets) {
        static Data of(List<Part> parts, TaskDescriptor task) {
            List<String> vocabulary = task.labelVocabulary();
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < vocabulary.size(); i++) {
                index.put(vocabulary.get(i), i);
            }
            int n = parts.stream().mapToInt(p -> p.clipIds().size()).sum();
            List<List<String>> labels = new ArrayList<>(n);
            List<String> ids = new ArrayList<>(n);
            boolean[][] targets = new boolean[n][vocabulary.size()];
            int row = 0;
            for (Part part : parts) {
                for (int i = 0; i < part.clipIds().size(); i++) {
                    ids.add(part.clipIds().get(i));
                    Label label = part.labels().get(i);
                    labels.add(label.classNames());
                    for (String name : label.classNames()) {
                        targets[row][index.get(name)] = true;
                    }
                    row++;
                }
            }
            return new Data(FeatureRows.concat(parts.stream().map(Part::rows).toList()), ids, labels, targets);
        }
    }
}
