package org.nathear.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-built run for format tests: two tasks (a 5-fold one with four metrics, a trainvaltest one
 * with one), three models, one failed and one skipped cell, and NaN/∞ among the values. The numbers
 * are made up; the tests check formatting, not scores. Cells are sorted by task id, then model id,
 * as the runner writes them; the settings list models in another order.
 */
final class SampleRuns {
    static final String FOLDS_TASK = "esc50-v2.0.0-full";
    static final String SPLIT_TASK = "speech_commands-v0.0.2-5h";

    private SampleRuns() {
    }

    static RunResult sample() {
        RunSettings settings = new RunSettings(42L, "linear", List.of("hear-naive", "gram-binaural", "broken-model"),
                List.of(FOLDS_TASK, SPLIT_TASK), Map.of("grid", "default", "model.hear-naive.hop_ms", "50"));
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
        return new CellResult(FOLDS_TASK, "2.0.0", "sha256:aa", model, "1", "sha256:bb", CellStatus.SUCCEEDED, "",
                "top1_acc", metrics.get("top1_acc").mean(), metrics, folds, "mono: W of FOA", probe,
                new EmbeddingInfo("scene", 512, "cache:" + model), new Timings(12.5, 3.25, 2000, 0), 11L);
    }

    private static CellResult split(String model, double top1) {
        Map<String, MetricSummary> metrics = Map.of("top1_acc", MetricSummary.of(List.of(top1)));
        FoldResult fold = new FoldResult("test", "valid", List.of("train"), Map.of("top1_acc", top1), 0.6,
                Map.of("lr", "0.01"), 5000, 1000);
        return new CellResult(SPLIT_TASK, "0.0.2", "sha256:cc", model, "1", "sha256:dd", CellStatus.SUCCEEDED, null,
                "top1_acc", top1, metrics, List.of(fold), "as-is",
                new ProbeInfo("linear", List.of(), Map.of("lr", "0.01")), new EmbeddingInfo("scene", 512, "k"),
                new Timings(30.0, 2.0, 0, 7000), 12L);
    }
}
