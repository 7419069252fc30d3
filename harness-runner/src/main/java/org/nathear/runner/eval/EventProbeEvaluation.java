package org.nathear.runner.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nathear.api.ConfigurationException;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.FoldResult;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ProbeInfo;
import org.nathear.api.util.Seeds;
import org.nathear.runner.metrics.Bootstrap;
import org.nathear.runner.metrics.EventMetrics;
import org.nathear.runner.metrics.MetricOrder;
import org.nathear.runner.probe.FeatureRows;
import org.nathear.runner.probe.Probe;
import org.nathear.runner.probe.ProbeInput;
import org.nathear.runner.probe.Standardizer;

/**
 * The HEAR protocol for event tasks (DCASE 2016 task 2) on timestamp embeddings:
 *
 * <ol>
 *   <li>every frame is one training row; a frame at time t carries every event with
 *       {@code start ≤ t < end} ({@link Label.Event#isActiveAt}); the probe is a frame-level
 *       multilabel classifier (independent sigmoids, no temporal context);</li>
 *   <li>features are standardised on the training frames;</li>
 *   <li>the probe's score on valid is the primary event metric after HEAR's post-processing
 *       ({@link EventPostprocessing}), taking the best of the post-processing grid (default median
 *       filter 250 ms, minimum duration 125 or 250 ms); the MLP probe stops early on that score, as
 *       hear-eval-kit does at every validation epoch;</li>
 *   <li>the probe grid runs on the first rotation only and is reused; each rotation picks its own
 *       post-processing on its valid split;</li>
 *   <li>test frames are turned into events with the chosen post-processing and scored with every
 *       metric of the task (sed_eval semantics, {@link EventMetrics}) against the reference events of
 *       the label files.</li>
 * </ol>
 */
public final class EventProbeEvaluation {

    /** What the evaluation produced; {@code hearFolds} feeds the hear-eval-kit compatible files. */
    public record Outcome(List<FoldResult> folds, Map<String, MetricSummary> metrics, ProbeInfo probe,
                          List<HearCompatibility.Fold> hearFolds, List<EventPostprocessing.Setting> chosenPostprocessing,
                          BootstrapInterval primaryInterval) {
    }

    /** The reference and predicted events of one test split, by clip, in clip order. */
    private record TestEvents(List<String> clips, Map<String, List<Label.Event>> reference,
                              Map<String, List<Label.Event>> predicted) {
    }

    /**
     * The metric on a resample of a test split's clips (clip i taken {@code counts[i]} times; the
     * copies are evaluated as separate files, as sed_eval sums over files).
     */
    private static double resampledScore(Metric metric, TestEvents fold, int[] counts, List<String> vocabulary) {
        Map<String, List<Label.Event>> reference = new LinkedHashMap<>();
        Map<String, List<Label.Event>> predicted = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            String clip = fold.clips().get(i);
            for (int k = 0; k < counts[i]; k++) {
                String copy = clip + "#" + k;
                reference.put(copy, fold.reference().getOrDefault(clip, List.of()));
                predicted.put(copy, fold.predicted().getOrDefault(clip, List.of()));
            }
        }
        return EventMetrics.score(metric, reference, predicted, vocabulary);
    }

    /** The frames of one clip inside a {@link Data}'s rows. */
    private record Clip(String id, int firstRow, double[] timestamps, List<Label.Event> reference) {
    }

    /** The best post-processing for some predictions, its score and its events. */
    private record Choice(EventPostprocessing.Setting setting, double score, Map<String, List<Label.Event>> events) {
    }

    private EventProbeEvaluation() {
    }

    public static Outcome evaluate(TaskDescriptor task, Map<String, EmbeddingExtractor.SplitFrames> splits, Probe probe,
                                   long cellSeed, List<EventPostprocessing.Setting> postprocessingGrid,
                                   Consumer<String> log) {
        if (task.kind() != TaskKind.EVENT) {
            throw new ConfigurationException("Task '" + task.id() + "' is " + task.kind() + "; event evaluation needs an EVENT task");
        }
        Metric primary = task.primaryMetric();
        for (Metric m : task.metrics()) {
            if (!EventMetrics.SUPPORTED.contains(m)) {
                throw new ConfigurationException("Event task '" + task.id() + "' lists metric '" + m.id()
                        + "'; event tasks are scored with " + EventMetrics.SUPPORTED.stream().map(Metric::id).sorted().toList());
            }
        }
        List<Rotation> rotations = Rotation.of(task);
        List<ProbeInfo.GridPoint> gridScores = new ArrayList<>();
        Map<String, String> chosen = null;
        List<FoldResult> folds = new ArrayList<>();
        List<HearCompatibility.Fold> hearFolds = new ArrayList<>();
        List<EventPostprocessing.Setting> chosenPostprocessing = new ArrayList<>();
        Map<Metric, List<Double>> perMetric = new LinkedHashMap<>();
        for (Metric m : task.metrics()) {
            perMetric.put(m, new ArrayList<>());
        }
        List<String> vocabulary = task.labelVocabulary();
        List<TestEvents> testEvents = new ArrayList<>();
        for (int r = 0; r < rotations.size(); r++) {
            long started = System.nanoTime();
            Rotation rotation = rotations.get(r);
            Data train = Data.of(rotation.train().stream().map(splits::get).toList(), vocabulary);
            Data valid = Data.of(List.of(splits.get(rotation.valid())), vocabulary);
            Data test = Data.of(List.of(splits.get(rotation.test())), vocabulary);
            Standardizer standardizer = Standardizer.fit(train.rows);
            FeatureRows xTrain = standardizer.view(train.rows);
            FeatureRows xValid = standardizer.view(valid.rows);
            FeatureRows xTest = standardizer.view(test.rows);
            long seed = Seeds.derive(cellSeed, "rotation/" + r);
            ProbeInput input = new ProbeInput(TaskKind.EVENT, vocabulary, xTrain, train.frameLabels,
                    new ProbeInput.Validation(xValid, primary, p -> choose(primary, p, valid, vocabulary, postprocessingGrid).score()));
            Probe.Predictor predictor = null;
            Choice validChoice = null;
            if (r == 0) {
                for (Map<String, String> point : probe.grid(TaskKind.EVENT)) {
                    long t0 = System.nanoTime();
                    Probe.Predictor candidate = probe.fit(input, point, seed);
                    Choice choice = choose(primary, candidate.predict(xValid), valid, vocabulary, postprocessingGrid);
                    gridScores.add(new ProbeInfo.GridPoint(point, choice.score()));
                    log.accept(ProgressText.gridPoint(gridScores.size(), point, candidate, primary, choice.score(), t0));
                    if (chosen == null || MetricOrder.better(primary, choice.score(), validChoice.score())) {
                        chosen = point;
                        validChoice = choice;
                        predictor = candidate;
                    }
                }
            } else {
                long t0 = System.nanoTime();
                predictor = probe.fit(input, chosen, seed);
                validChoice = choose(primary, predictor.predict(xValid), valid, vocabulary, postprocessingGrid);
                log.accept(ProgressText.rotation(rotation, predictor, primary, validChoice.score(), t0));
            }
            double[][] predictions = predictor.predict(xTest);
            Map<String, List<Label.Event>> predicted = events(predictions, test, vocabulary, validChoice.setting());
            Map<String, List<Label.Event>> reference = test.reference();
            testEvents.add(new TestEvents(test.clips.stream().map(Clip::id).toList(), reference, predicted));
            Map<String, Double> testScores = new LinkedHashMap<>();
            Map<String, Double> hearScores = new LinkedHashMap<>();
            for (Metric m : task.metrics()) {
                Map<String, Double> sub = EventMetrics.subScores(m, reference, predicted, vocabulary);
                double value = sub.values().iterator().next();
                testScores.put(m.id(), value);
                hearScores.put(m.id(), value);
                sub.forEach((name, v) -> hearScores.put(m.id() + "_" + name, v));
                perMetric.get(m).add(value);
            }
            Map<String, String> hyperparameters = SceneProbeEvaluation.foldHyperparameters(chosen, predictor, seed);
            hyperparameters.putAll(validChoice.setting().asMap());
            folds.add(new FoldResult(rotation.test(), rotation.valid(), rotation.train(), testScores, validChoice.score(),
                    hyperparameters, xTrain.size(), xTest.size()));
            chosenPostprocessing.add(validChoice.setting());
            hearFolds.add(new HearCompatibility.Fold(rotation.test(), hearScores,
                    HearCompatibility.loss(predictions, test.frameTargets, false), validChoice.score(),
                    SceneProbeEvaluation.epoch(hyperparameters), (System.nanoTime() - started) / 6e10,
                    new HearCompatibility.Rows(test.clipOfRow(), test.timestampOfRow(), predictions, test.frameTargets,
                            predicted, reference)));
        }
        Map<String, MetricSummary> metrics = new LinkedHashMap<>();
        perMetric.forEach((m, values) -> metrics.put(m.id(), MetricSummary.of(values)));
        BootstrapInterval interval = Bootstrap.interval(primary.id(),
                testEvents.stream().mapToInt(t -> t.clips().size()).toArray(),
                (fold, counts) -> resampledScore(primary, testEvents.get(fold), counts, vocabulary),
                Bootstrap.seedFor(task.id()), Bootstrap.RESAMPLES);
        return new Outcome(folds, metrics, new ProbeInfo(probe.name(), gridScores, chosen), hearFolds, chosenPostprocessing,
                interval);
    }

    /**
     * The post-processing setting that scores best on these predictions (the first of equal ones);
     * a NaN score counts as 0, as in hear-eval-kit.
     */
    private static Choice choose(Metric primary, double[][] predictions, Data data, List<String> vocabulary,
                                 List<EventPostprocessing.Setting> grid) {
        Choice best = null;
        Map<String, List<Label.Event>> reference = data.reference();
        for (EventPostprocessing.Setting setting : grid) {
            Map<String, List<Label.Event>> events = events(predictions, data, vocabulary, setting);
            double score = EventMetrics.score(primary, reference, events, vocabulary);
            if (Double.isNaN(score)) {
                score = 0;
            }
            if (best == null || MetricOrder.better(primary, score, best.score())) {
                best = new Choice(setting, score, events);
            }
        }
        return best;
    }

    private static Map<String, List<Label.Event>> events(double[][] predictions, Data data, List<String> vocabulary,
                                                         EventPostprocessing.Setting setting) {
        Map<String, List<Label.Event>> out = new LinkedHashMap<>();
        for (Clip clip : data.clips) {
            double[][] scores = new double[clip.timestamps().length][];
            System.arraycopy(predictions, clip.firstRow(), scores, 0, scores.length);
            out.put(clip.id(), EventPostprocessing.events(clip.timestamps(), scores, vocabulary, setting));
        }
        return out;
    }

    /** The frames of one or more splits: rows, per-frame labels and targets, and the clips they belong to. */
    private record Data(FeatureRows rows, List<List<String>> frameLabels, boolean[][] frameTargets, List<Clip> clips) {
        static Data of(List<EmbeddingExtractor.SplitFrames> parts, List<String> vocabulary) {
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < vocabulary.size(); i++) {
                index.put(vocabulary.get(i), i);
            }
            int n = parts.stream().mapToInt(p -> p.frames().size()).sum();
            List<List<String>> labels = new ArrayList<>(n);
            boolean[][] targets = new boolean[n][vocabulary.size()];
            List<Clip> clips = new ArrayList<>();
            int base = 0;
            for (EmbeddingExtractor.SplitFrames part : parts) {
                for (int c = 0; c < part.clips(); c++) {
                    List<Label.Event> events = eventsOf(part.labels().get(c), part.clipIds().get(c));
                    double[] times = part.timestampsOf(c);
                    int first = base + part.firstFrame()[c];
                    clips.add(new Clip(part.clipIds().get(c), first, times, events));
                    for (int f = 0; f < times.length; f++) {
                        List<String> active = new ArrayList<>(2);
                        for (Label.Event e : events) {
                            if (e.isActiveAt(times[f]) && !active.contains(e.name())) {
                                active.add(e.name());
                                targets[first + f][index.get(e.name())] = true;
                            }
                        }
                        labels.add(active.isEmpty() ? List.of() : List.copyOf(active));
                    }
                }
                base += part.frames().size();
            }
            return new Data(FeatureRows.concat(parts.stream().map(EmbeddingExtractor.SplitFrames::frames).toList()),
                    labels, targets, clips);
        }

        Map<String, List<Label.Event>> reference() {
            Map<String, List<Label.Event>> out = new LinkedHashMap<>();
            for (Clip c : clips) {
                out.put(c.id(), c.reference());
            }
            return out;
        }

        List<String> clipOfRow() {
            List<String> out = new ArrayList<>(frameLabels.size());
            for (Clip c : clips) {
                for (int f = 0; f < c.timestamps().length; f++) {
                    out.add(c.id());
                }
            }
            return out;
        }

        double[] timestampOfRow() {
            double[] out = new double[frameLabels.size()];
            for (Clip c : clips) {
                System.arraycopy(c.timestamps(), 0, out, c.firstRow(), c.timestamps().length);
            }
            return out;
        }
    }

    private static List<Label.Event> eventsOf(Label label, String clipId) {
        if (label instanceof Label.EventLabels events) {
            return events.events();
        }
        throw new ConfigurationException("Clip '" + clipId + "' of an event task has a " + label.getClass().getSimpleName()
                + " label; expected events with start and end times");
    }
}
