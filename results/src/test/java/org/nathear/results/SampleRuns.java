package org.nathear.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.nathear.api.ChannelLayout;
import org.nathear.api.ModelOptions;
import org.nathear.api.TaskKind;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.EmbeddingInfo;
import org.nathear.results.schema.FoldResult;
import org.nathear.results.schema.Histogram;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ProbeInfo;
import org.nathear.results.schema.Provenance;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;
import org.nathear.results.schema.Timings;

/**
 * A hand-built run for format tests: two tasks (a 5-fold one with four metrics, a trainvaltest one
 * with one), three models, one failed and one skipped cell, and NaN/∞ among the values. The numbers
 * are made up; the tests check formatting, not scores. Cells are sorted by task id, then model id,
 * as the runner writes them; the settings list models in another order.
 */
public final class SampleRuns {
    public static final String FOLDS_TASK = "esc50-v2.0.0-full";
    public static final String SPLIT_TASK = "speech_commands-v0.0.2-5h";

    private SampleRuns() {
    }

    public static RunResult sample() {
        RunSettings settings = RunSettings.builder().seed(42L).probe("linear")
                .modelIds(List.of("hear-naive", "gram-binaural", "broken-model")).taskIds(List.of(FOLDS_TASK, SPLIT_TASK))
                .modelOptions("hear-naive", new ModelOptions(Map.of("hop_ms", "50")))
                .optionsForTaskKind("gram-binaural", TaskKind.LOCALIZATION, new ModelOptions(Map.of("head", "doa")))
                .build();
        Provenance provenance = new Provenance("0.1.0", "0123abc", "17.0.15", "Eclipse Adoptium", "Linux", "6.1.0",
                "amd64", 2, Map.of("jackson", "2.20.1", "tribuo", "4.3.2"));
        List<CellResult> cells = new ArrayList<>();
        cells.add(CellResult.notScored(FOLDS_TASK, "2.0.0", "broken-model", "1", CellStatus.FAILED,
                "fold01: probe | diverged\nafter 3 epochs", "top1_acc", 7L));
        cells.add(folds("gram-binaural",
                List.of(0.80, 0.85, 0.78, 0.83, 0.79),
                List.of(0.81, 0.84, 0.80, 0.86, 0.82),
                List.of(Double.NaN, 2.1, 2.0, 2.2, 1.9),
                List.of(0.95, 0.96, Double.NaN, 0.97, 0.94)));
        cells.add(folds("hear-naive",
                List.of(0.40, 0.45, 0.42, 0.38, 0.41),
                List.of(0.43, 0.47, 0.44, 0.40, 0.42),
                List.of(1.0, 1.1, 0.9, 1.2, Double.POSITIVE_INFINITY),
                List.of(0.80, 0.82, 0.79, 0.81, 0.80)));
        cells.add(CellResult.notScored(SPLIT_TASK, "0.0.2", "broken-model", "1", CellStatus.SKIPPED,
                "model accepts FOA only; task is MONO", "top1_acc", 8L));
        cells.add(split("gram-binaural", 0.9125));
        cells.add(split("hear-naive", 0.5));
        return new RunResult(RunResult.SCHEMA, "20250101T120000Z-42", "2025-01-01T12:00:00Z", "2025-01-01T12:34:56Z",
                provenance, settings, cells);
    }

    private static CellResult folds(String model, List<Double> top1, List<Double> map, List<Double> dPrime,
                                    List<Double> auc) {
        Map<String, MetricSummary> metrics = new LinkedHashMap<>();
        metrics.put("top1_acc", MetricSummary.of(top1));
        metrics.put("mAP", MetricSummary.of(map));
        metrics.put("d_prime", MetricSummary.of(dPrime));
        metrics.put("aucroc", MetricSummary.of(auc));
        List<FoldResult> folds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String test = String.format(java.util.Locale.ROOT, "fold%02d", i);
            String valid = String.format(java.util.Locale.ROOT, "fold%02d", (i + 1) % 5);
            List<String> train = new ArrayList<>();
            for (int j = 0; j < 5; j++) {
                if (j != i && j != (i + 1) % 5) {
                    train.add(String.format(java.util.Locale.ROOT, "fold%02d", j));
                }
            }
            folds.add(new FoldResult(test, valid, train, Map.of("top1_acc", top1.get(i), "mAP", map.get(i),
                    "d_prime", dPrime.get(i), "aucroc", auc.get(i)), 0.5 + i / 100.0,
                    Map.of("lr", "0.001", "l2", "1e-4"), 1200, 400));
        }
        ProbeInfo probe = new ProbeInfo("linear", List.of(
                new ProbeInfo.GridPoint(Map.of("lr", "0.001", "l2", "1e-4"), 0.51),
                new ProbeInfo.GridPoint(Map.of("lr", "0.01", "l2", "1e-4"), Double.NaN)),
                Map.of("lr", "0.001", "l2", "1e-4"));
        return CellResult.builder().taskId(FOLDS_TASK).taskVersion("2.0.0").taskDataHash("sha256:aa").modelId(model)
                .modelVersion("1").weightsSha256("sha256:bb").status(CellStatus.SUCCEEDED).message("")
                .primaryMetric("top1_acc").primaryScore(metrics.get("top1_acc").mean()).metrics(metrics).folds(folds)
                .channelRule("mono: W of FOA").probe(probe)
                .embedding(new EmbeddingInfo("scene", 512, "cache:" + model))
                .timings(new Timings(12.5, 3.25, 2000, 0)).seed(11L).build();
    }

    private static CellResult split(String model, double top1) {
        Map<String, MetricSummary> metrics = Map.of("top1_acc", MetricSummary.of(List.of(top1)));
        FoldResult fold = new FoldResult("test", "valid", List.of("train"), Map.of("top1_acc", top1), 0.6,
                Map.of("lr", "0.01"), 5000, 1000);
        return CellResult.builder().taskId(SPLIT_TASK).taskVersion("0.0.2").taskDataHash("sha256:cc").modelId(model)
                .modelVersion("1").weightsSha256("sha256:dd").status(CellStatus.SUCCEEDED).primaryMetric("top1_acc")
                .primaryScore(top1).metrics(metrics).folds(List.of(fold)).channelRule("as-is")
                .probe(new ProbeInfo("linear", List.of(), Map.of("lr", "0.01")))
                .embedding(new EmbeddingInfo("scene", 512, "k")).timings(new Timings(30.0, 2.0, 0, 7000)).seed(12L)
                .build();
    }

    public static final String NAT_TASK = "nat-esc50-foa-v1-full";
    public static final String LOC_TASK = "nat-sc5-loc-foa-v1-full";

    /**
     * A made-up run with every field of {@code nathear.run/2} set: HEAR tasks (mono), a Nat-HEAR
     * task (FOA), a localization task with DoA metrics and a per-clip error histogram, bootstrap
     * replicates drawn from {@code new SplittableRandom(seed)} around each score, a resumed run.
     * The numbers are synthetic; tests use it for formats and rendering, never as real scores.
     *
     * @param resamples replicates per cell
     */
    public static RunResult full(int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> models = List.of("hear-naive", "gram-binaural", "mw-mae");
        RunSettings settings = new RunSettings(42L, "linear", models, List.of(FOLDS_TASK, SPLIT_TASK, NAT_TASK, LOC_TASK));
        Provenance provenance = new Provenance("0.1.0", "0123abc", "17.0.15", "Eclipse Adoptium", "17.0.15+6",
                "OpenJDK 64-Bit Server VM", "Linux", "6.1.0", "amd64", 2,
                Map.of("jackson-databind", "2.20.1", "tribuo", "4.3.2", "djl", "0.33.0", "onnxruntime", "1.24.2"));
        double[][] top1 = {{0.40, 0.45, 0.42, 0.38, 0.41}, {0.80, 0.85, 0.78, 0.83, 0.79}, {0.70, 0.72, 0.69, 0.74, 0.71}};
        double[] split = {0.50, 0.9125, 0.30};
        double[][] nat = {{0.30, 0.28, 0.33, 0.31, 0.29}, {0.75, 0.77, 0.72, 0.78, 0.74}, {0.50, 0.52, 0.47, 0.55, 0.49}};
        double[][] doaMean = {{80.0, 84.0, 78.0}, {22.0, 25.0, 20.0}, {61.0, 58.0, 64.0}};
        List<CellResult> cells = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            String model = models.get(m);
            cells.add(scene(FOLDS_TASK, "2.0.0", ChannelLayout.MONO, model, toList(top1[m]), resamples, random));
            cells.add(scene(SPLIT_TASK, "0.0.2", ChannelLayout.MONO, model, List.of(split[m]), resamples, random));
            cells.add(scene(NAT_TASK, "1", ChannelLayout.FOA, model, toList(nat[m]), resamples, random));
            cells.add(localization(model, toList(doaMean[m]), resamples, random));
        }
        cells.sort(java.util.Comparator.comparing(CellResult::taskId).thenComparing(CellResult::modelId));
        return new RunResult(RunResult.SCHEMA, "20250101T120000Z-seed42", "2025-01-01T12:00:00Z", "2025-01-01T12:34:56Z",
                List.of("2025-01-01T12:20:00Z"), provenance, settings, cells);
    }

    /**
     * A made-up run the shape of the default run: {@code models} models (the first is hear-naive),
     * {@code mono} HEAR tasks with five folds, each also as a binaural and an FOA Nat-HEAR task, and
     * {@code loc} localization tasks with per-clip error histograms; 200 bootstrap replicates per
     * cell. Scores are drawn from {@code new SplittableRandom(seed)}. For size and layout tests only.
     */
    public static RunResult wide(int models, int mono, int loc, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> modelIds = new ArrayList<>();
        modelIds.add("hear-naive");
        for (int m = 1; m < models; m++) {
            modelIds.add("model-" + m);
        }
        List<String> taskIds = new ArrayList<>();
        List<CellResult> cells = new ArrayList<>();
        for (int t = 0; t < mono; t++) {
            for (String prefix : List.of("demo-task-" + t, "demo-task-" + t + "-nat-binaural", "demo-task-" + t + "-nat-foa")) {
                String task = prefix + "-v1-full";
                taskIds.add(task);
                ChannelLayout layout = prefix.endsWith("binaural") ? ChannelLayout.BINAURAL
                        : prefix.endsWith("foa") ? ChannelLayout.FOA : ChannelLayout.MONO;
                for (String model : modelIds) {
                    double[] folds = new double[5];
                    double centre = 0.2 + 0.7 * random.nextDouble();
                    for (int f = 0; f < 5; f++) {
                        folds[f] = Math.min(1, Math.max(0, centre + 0.05 * (random.nextDouble() - 0.5)));
                    }
                    cells.add(scene(task, "1", layout, model, toList(folds), 200, random));
                }
            }
        }
        for (int t = 0; t < loc; t++) {
            for (String model : modelIds) {
                CellResult c = localization(model, List.of(20 + 60 * random.nextDouble(), 20 + 60 * random.nextDouble(),
                        20 + 60 * random.nextDouble()), 200, random);
                String task = "demo-loc-" + t + "-v1-full";
                cells.add(c.toBuilder().taskId(task).modelId(model).build());
            }
            taskIds.add("demo-loc-" + t + "-v1-full");
        }
        cells.sort(java.util.Comparator.comparing(CellResult::taskId).thenComparing(CellResult::modelId));
        return new RunResult(RunResult.SCHEMA, "20250101T120000Z-seed" + seed, "2025-01-01T12:00:00Z",
                "2025-01-01T12:34:56Z", List.of(), null, new RunSettings(seed, "linear", modelIds, taskIds), cells);
    }

    private static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    private static BootstrapInterval interval(String metric, double centre, double spread, int resamples,
                                              SplittableRandom random, double min, double max) {
        double[] r = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            double u = random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5; // roughly normal, sd 0.5
            r[i] = Math.max(min, Math.min(max, centre + 2 * spread * u));
        }
        return BootstrapInterval.of(metric, 0.95, 99L, r);
    }

    private static CellResult scene(String task, String version, ChannelLayout layout, String model, List<Double> top1,
                                    int resamples, SplittableRandom random) {
        MetricSummary summary = MetricSummary.of(top1);
        List<FoldResult> folds = new ArrayList<>();
        for (int i = 0; i < top1.size(); i++) {
            folds.add(new FoldResult(top1.size() == 1 ? "test" : String.format(java.util.Locale.ROOT, "fold%02d", i),
                    top1.size() == 1 ? "valid" : String.format(java.util.Locale.ROOT, "fold%02d", (i + 1) % top1.size()),
                    List.of("train"), Map.of("top1_acc", top1.get(i)), 0.5, Map.of("epochs", "10", "lr", "0.1"), 800, 200));
        }
        String rule = layout == ChannelLayout.MONO ? "as-is" : "foa->mono: omnidirectional channel W";
        return CellResult.builder().taskId(task).taskVersion(version).taskDataHash("sha256:" + task.length())
                .taskKind(TaskKind.SCENE_MULTICLASS).taskLayout(layout).modelId(model).modelVersion("1")
                .weightsSha256("sha256:w-" + model).status(CellStatus.SUCCEEDED).message("").primaryMetric("top1_acc")
                .primaryScore(summary.mean())
                .primaryInterval(interval("top1_acc", summary.mean(), 0.03, resamples, random, 0, 1))
                .metrics(Map.of("top1_acc", summary)).folds(folds).channelRule(rule)
                .probe(new ProbeInfo("linear", List.of(new ProbeInfo.GridPoint(Map.of("epochs", "10", "lr", "0.1"), 0.5)),
                        Map.of("epochs", "10", "lr", "0.1")))
                .embedding(new EmbeddingInfo("scene", 512, "key-" + model)).timings(new Timings(10.0, 2.0, 1000, 0))
                .seed(5L).build();
    }

    private static CellResult localization(String model, List<Double> meanError, int resamples, SplittableRandom random) {
        List<Double> median = meanError.stream().map(v -> v * 0.7).toList();
        List<Double> acc = meanError.stream().map(v -> Math.max(0, 1 - v / 90)).toList();
        Map<String, MetricSummary> metrics = Map.of("doa_error_mean_deg", MetricSummary.of(meanError),
                "doa_error_median_deg", MetricSummary.of(median), "doa_acc_20deg", MetricSummary.of(acc));
        double centre = MetricSummary.of(meanError).mean();
        double[] errors = new double[300];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Math.min(180, -centre * Math.log(1 - random.nextDouble() * 0.999));
        }
        List<FoldResult> folds = new ArrayList<>();
        for (int i = 0; i < meanError.size(); i++) {
            folds.add(new FoldResult(String.format(java.util.Locale.ROOT, "fold%02d", i), "fold0" + ((i + 1) % 3),
                    List.of("train"), Map.of("doa_error_mean_deg", meanError.get(i), "doa_error_median_deg", median.get(i),
                    "doa_acc_20deg", acc.get(i)), 40.0, Map.of("epochs", "10"), 500, 100));
        }
        return CellResult.builder().taskId(LOC_TASK).taskVersion("1").taskDataHash("sha256:loc")
                .taskKind(TaskKind.LOCALIZATION).taskLayout(ChannelLayout.FOA).modelId(model).modelVersion("1")
                .weightsSha256("sha256:w-" + model).status(CellStatus.SUCCEEDED).message("")
                .primaryMetric("doa_error_mean_deg").primaryScore(centre)
                .primaryInterval(interval("doa_error_mean_deg", centre, 3, resamples, random, 0, 180))
                .metrics(metrics).folds(folds).channelRule("foa->mono: omnidirectional channel W")
                .probe(new ProbeInfo("linear", List.of(), Map.of("epochs", "10")))
                .embedding(new EmbeddingInfo("scene", 512, "key-loc-" + model)).timings(new Timings(5.0, 1.0, 300, 0))
                .seed(6L).distributions(Map.of(Histogram.DOA_ERROR_DEG, Histogram.doaErrors(errors))).build();
    }
}
