package org.nathear.results.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.TaskKind;
import org.nathear.results.merge.RunMerge;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;

/**
 * s(m) reproduced by hand (GRAM paper, Appendix E). Models: the baseline {@code base} and A, B, C.
 *
 * <pre>
 * HEAR task  metric            base    A      B      C      best   n(A)  n(B)  n(C)
 * t1         top1_acc ↑        0.50   0.80   0.65   0.40    A      1     0.5   0 (below the baseline)
 * t2         segment_1s_er ↓   0.60   0.40   0.20   0.70    B      0.5   1     0 (below, mirrored)
 * t3         mAP ↑             0.70   0.60   0.65   0.55    B<base 0     0     0 (best below baseline: 0 for all)
 * t4         top1_acc ↑        0.20   0.30   0.25   —       A      1     0.5   0 (no score counts 0)
 * s(m) = 100 · mean:                                              62.5  50.0  0.0
 *
 * Nat-HEAR   n1 top1_acc ↑     0.30   0.60   —      0.45    A      1     —     0.5  → s = 100, —, 50
 * drop HEAR→Nat-HEAR: A 62.5 − 100 = −37.5; C 0 − 50 = −50; B not in Nat-HEAR
 * </pre>
 */
class SmScoresTest {
    private static CellResult cell(String task, ChannelLayout layout, String model, String metric, double score,
                                   BootstrapInterval interval) {
        return CellResult.builder().taskId(task).taskVersion("1").taskDataHash("sha256:" + task)
                .taskKind(TaskKind.SCENE_MULTICLASS).taskLayout(layout).modelId(model).modelVersion("1")
                .status(CellStatus.SUCCEEDED).message("").primaryMetric(metric).primaryScore(score)
                .primaryInterval(interval).metrics(Map.of(metric, MetricSummary.of(List.of(score))))
                .channelRule("as-is").seed(1L).build();
    }

    private static RunMerge.Merged merged(List<CellResult> cells) {
        List<String> models = cells.stream().map(CellResult::modelId).distinct().toList();
        List<String> tasks = cells.stream().map(CellResult::taskId).distinct().toList();
        RunResult run = new RunResult(RunResult.SCHEMA, "r", "2025-01-01T00:00:00Z", null, null,
                new RunSettings(1L, "linear", models, tasks), cells);
        return RunMerge.ofRuns(List.of(run));
    }

    private static Map<String, TaskGroup.Assignment> groups(RunMerge.Merged m) {
        Map<String, TaskGroup.Assignment> out = new LinkedHashMap<>();
        for (String t : m.taskIds()) {
            out.put(t, TaskGroup.classify(t, m.cellsOf(t), Map.of()));
        }
        return out;
    }

    private static List<CellResult> handExample() {
        List<CellResult> cells = new ArrayList<>();
        String[] models = {"base", "A", "B", "C"};
        double[][] scores = {{0.50, 0.80, 0.65, 0.40}, {0.60, 0.40, 0.20, 0.70}, {0.70, 0.60, 0.65, 0.55}, {0.20, 0.30, 0.25, Double.NaN}};
        String[] metrics = {"top1_acc", "segment_1s_er", "mAP", "top1_acc"};
        for (int t = 0; t < 4; t++) {
            for (int m = 0; m < 4; m++) {
                if (!Double.isNaN(scores[t][m])) {
                    cells.add(cell("t" + (t + 1), ChannelLayout.MONO, models[m], metrics[t], scores[t][m], null));
                }
            }
        }
        cells.add(cell("n1", ChannelLayout.FOA, "base", "top1_acc", 0.30, null));
        cells.add(cell("n1", ChannelLayout.FOA, "A", "top1_acc", 0.60, null));
        cells.add(cell("n1", ChannelLayout.FOA, "C", "top1_acc", 0.45, null));
        return cells;
    }

    @Test
    void reproducesTheHandComputedScoresIncludingEveryBelowBaselineRule() {
        RunMerge.Merged m = merged(handExample());
        SmScores.Report r = SmScores.compute(m, groups(m), "base", List.of());
        assertEquals(List.of("base", "A", "B", "C"), r.comparisonSet(), "default comparison set: every model with a score");
        SmScores.Group hear = r.group(TaskGroup.HEAR).orElseThrow();
        assertEquals(List.of("t1", "t2", "t3", "t4"), hear.tasks().stream().map(SmScores.TaskBasis::taskId).toList());
        assertEquals(62.5, hear.model("A").orElseThrow().score(), 1e-9);
        assertEquals(50.0, hear.model("B").orElseThrow().score(), 1e-9);
        assertEquals(0.0, hear.model("C").orElseThrow().score(), 1e-12);
        assertEquals(0.0, hear.model("base").orElseThrow().score(), 1e-12);
        // per task, as in the table
        Map<String, Double> a = hear.model("A").orElseThrow().perTask();
        assertEquals(100.0, a.get("t1"), 1e-9);
        assertEquals(50.0, a.get("t2"), 1e-9, "error metric mirrored: (0.6 − 0.4) / (0.6 − 0.2)");
        assertEquals(0.0, a.get("t3"), 1e-12, "best below the baseline: 0 for all");
        assertEquals(100.0, a.get("t4"), 1e-9);
        Map<String, Double> c = hear.model("C").orElseThrow().perTask();
        assertEquals(0.0, c.get("t1"), 1e-12, "below the baseline: 0, not negative");
        assertEquals(0.0, c.get("t2"), 1e-12, "mirrored and below the baseline: 0");
        assertTrue(Double.isNaN(c.get("t4")), "no score is shown as missing");
        assertEquals(3, hear.model("C").orElseThrow().tasksScored());
        assertEquals(4, hear.model("C").orElseThrow().tasks(), "the missing task still counts, as 0");
        assertTrue(hear.tasks().get(2).zeroForAll());
        assertEquals("B", hear.tasks().get(1).bestModel());
        assertEquals(0.20, hear.tasks().get(1).best(), 1e-12, "best of a lower-is-better metric is the lowest");

        SmScores.Group nat = r.group(TaskGroup.NAT_HEAR).orElseThrow();
        assertEquals(100.0, nat.model("A").orElseThrow().score(), 1e-9);
        assertEquals(50.0, nat.model("C").orElseThrow().score(), 1e-9);
        assertTrue(nat.model("B").isEmpty(), "B has no Nat-HEAR score");
        assertEquals(List.of("base", "A", "C"), r.drops().stream().map(SmScores.Drop::modelId).toList());
        assertEquals(-37.5, r.drops().get(1).drop(), 1e-9);
        assertEquals(-50.0, r.drops().get(2).drop(), 1e-9);
        assertTrue(Double.isNaN(r.drops().get(1).low()), "no replicates, no interval");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("no confidence intervals")), r.notes().toString());
    }

    /**
     * The same example without the floor at the baseline, and the mean rank:
     * <pre>
     * unclipped   t1              t2                     t3   t4          mean ×100
     * C           (0.4−0.5)/0.3   (−0.7+0.6)/0.4 = −0.25  0    0 (none)    (−1/3 − 1/4) / 4 = −14.583
     * ranks       t1  t2  t3  t4 (C has no score: last, 4)   mean
     * A           1   2   3   1                              1.75
     * B           2   1   2   2                              1.75
     * base        3   3   1   3                              2.5
     * C           4   4   4   4                              4
     * </pre>
     */
    @Test
    void theUnclippedScoreAndTheMeanRankShowWhatClippingHides() {
        RunMerge.Merged m = merged(handExample());
        SmScores.Group hear = SmScores.compute(m, groups(m), "base", List.of()).group(TaskGroup.HEAR).orElseThrow();
        SmScores.ModelScore c = hear.model("C").orElseThrow();
        assertEquals(0.0, c.score(), 1e-12, "clipped: C is below the baseline everywhere");
        assertEquals(-100.0 * (1.0 / 3 + 0.25) / 4, c.unclipped(), 1e-9);
        assertEquals(-100.0 / 3, c.perTaskUnclipped().get("t1"), 1e-9);
        assertEquals(-25.0, c.perTaskUnclipped().get("t2"), 1e-9);
        assertEquals(0.0, c.perTaskUnclipped().get("t3"), 1e-12, "best below the baseline: 0 for all, unclipped too");
        assertTrue(Double.isNaN(c.perTaskUnclipped().get("t4")));
        assertEquals(62.5, hear.model("A").orElseThrow().unclipped(), 1e-9, "never below the baseline: same as s(m)");
        assertEquals(1.75, hear.model("A").orElseThrow().meanRank(), 1e-12);
        assertEquals(1.75, hear.model("B").orElseThrow().meanRank(), 1e-12);
        assertEquals(2.5, hear.model("base").orElseThrow().meanRank(), 1e-12);
        assertEquals(4.0, c.meanRank(), 1e-12, "a missing score takes the last rank");
        assertEquals(List.of("t1", "t2", "t3"), c.belowBaseline(), "t3 counts 0 for all, yet C is below the baseline there");
        assertEquals(List.of("t3"), hear.model("A").orElseThrow().belowBaseline(),
                "A's deficit on t3 is hidden from s(m) and the unclipped score alike; this list shows it");
        assertEquals(List.of(), hear.model("base").orElseThrow().belowBaseline());
    }

    @Test
    void tiedModelsShareTheMeanOfTheirRanks() {
        List<CellResult> cells = List.of(cell("t", ChannelLayout.MONO, "base", "top1_acc", 0.5, null),
                cell("t", ChannelLayout.MONO, "A", "top1_acc", 0.7, null),
                cell("t", ChannelLayout.MONO, "B", "top1_acc", 0.7, null));
        RunMerge.Merged m = merged(cells);
        SmScores.Group g = SmScores.compute(m, groups(m), "base", List.of()).group(TaskGroup.HEAR).orElseThrow();
        assertEquals(1.5, g.model("A").orElseThrow().meanRank(), 1e-12);
        assertEquals(1.5, g.model("B").orElseThrow().meanRank(), 1e-12);
        assertEquals(3.0, g.model("base").orElseThrow().meanRank(), 1e-12);
    }

    @Test
    void anExplicitComparisonSetDefinesTheBestAndModelsOutsideItCanExceedHundred() {
        RunMerge.Merged m = merged(handExample());
        SmScores.Report r = SmScores.compute(m, groups(m), "base", List.of("base", "B"));
        SmScores.Group hear = r.group(TaskGroup.HEAR).orElseThrow();
        // t1: best B 0.65 → A = 0.30 / 0.15 = 2; t2: 0.5; t3: 0; t4: best B 0.25 → A = 0.10 / 0.05 = 2
        assertEquals(112.5, hear.model("A").orElseThrow().score(), 1e-9);
        assertFalse(hear.model("A").orElseThrow().inComparisonSet());
        assertEquals(75.0, hear.model("B").orElseThrow().score(), 1e-9, "(1 + 1 + 0 + 1) / 4");
        assertThrows(ConfigurationException.class, () -> SmScores.compute(m, groups(m), "base", List.of("nobody")));
    }

    @Test
    void aTaskWithoutABaselineScoreIsLeftOutWithANote() {
        List<CellResult> cells = new ArrayList<>(handExample());
        cells.add(cell("t5", ChannelLayout.MONO, "A", "top1_acc", 0.9, null));
        cells.add(cell("n2", ChannelLayout.BINAURAL, "A", "top1_acc", 0.9, null));
        cells.removeIf(c -> c.taskId().equals("n1"));
        RunMerge.Merged m = merged(cells);
        SmScores.Report r = SmScores.compute(m, groups(m), "base", List.of());
        SmScores.Group hear = r.group(TaskGroup.HEAR).orElseThrow();
        assertEquals(4, hear.tasks().size());
        assertEquals(List.of("t5 (baseline base: no cell)"), hear.excludedTasks());
        assertEquals(62.5, hear.model("A").orElseThrow().score(), 1e-9);
        assertTrue(r.group(TaskGroup.NAT_HEAR).isEmpty(), "no Nat-HEAR task has a baseline score");
        assertTrue(r.drops().isEmpty());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Nat-HEAR s(m) leaves out 1 task(s)")), r.notes().toString());
    }

    /**
     * One task, four paired replicates (hand computed):
     * <pre>
     * r   base  A     B      best      n(A)   n(B)
     * 0   0.5   0.8   0.6    A 0.8     1      1/3
     * 1   0.5   0.6   0.7    B 0.7     0.5    1
     * 2   0.6   0.7   0.65   A 0.7     1      0.5
     * 3   0.4   0.9   0.4    A 0.9     1      0   (equal to the baseline)
     * s_A = [100, 50, 100, 100] → percentiles 2.5 / 97.5 (numpy linear): 53.75, 100
     * s_B = [33.3, 100, 50, 0]  → 2.5, 96.25
     * </pre>
     */
    @Test
    void intervalsComeFromPairedReplicatesAsComputedByHand() {
        List<CellResult> cells = List.of(
                cell("t", ChannelLayout.MONO, "base", "top1_acc", 0.5, BootstrapInterval.of("top1_acc", 0.95, 1L,
                        new double[] {0.5, 0.5, 0.6, 0.4})),
                cell("t", ChannelLayout.MONO, "A", "top1_acc", 0.75, BootstrapInterval.of("top1_acc", 0.95, 1L,
                        new double[] {0.8, 0.6, 0.7, 0.9})),
                cell("t", ChannelLayout.MONO, "B", "top1_acc", 0.6, BootstrapInterval.of("top1_acc", 0.95, 1L,
                        new double[] {0.6, 0.7, 0.65, 0.4})));
        RunMerge.Merged m = merged(cells);
        SmScores.Report r = SmScores.compute(m, groups(m), "base", List.of());
        SmScores.ModelScore a = r.group(TaskGroup.HEAR).orElseThrow().model("A").orElseThrow();
        SmScores.ModelScore b = r.group(TaskGroup.HEAR).orElseThrow().model("B").orElseThrow();
        assertEquals(100.0, a.score(), 1e-9);
        assertEquals(40.0, b.score(), 1e-6, "(0.6 − 0.5) / (0.75 − 0.5)");
        // replicates are stored as float: allow float rounding
        assertEquals(53.75, a.low(), 1e-4);
        assertEquals(100.0, a.high(), 1e-4);
        assertEquals(2.5, b.low(), 1e-4);
        assertEquals(96.25, b.high(), 1e-4);
        assertEquals(0.95, r.confidenceLevel());
    }
}
