package org.nathear.results.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nathear.results.files.SourcedRun;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.ModelFacts;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ResultFileException;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;
import org.nathear.results.schema.Timings;

class RunMergeTest {
    private static CellResult cell(String task, String model, double score, Timings timings, String dataHash) {
        return CellResult.builder().taskId(task).taskVersion("1").taskDataHash(dataHash).modelId(model)
                .modelVersion("1").status(CellStatus.SUCCEEDED).message("").primaryMetric("top1_acc")
                .primaryScore(score).metrics(Map.of("top1_acc", MetricSummary.of(List.of(score))))
                .channelRule("as-is").timings(timings).seed(1L).build();
    }

    private static SourcedRun run(String id, String started, String file, CellResult... cells) {
        List<String> tasks = java.util.Arrays.stream(cells).map(CellResult::taskId).distinct().toList();
        List<String> models = java.util.Arrays.stream(cells).map(CellResult::modelId).distinct().toList();
        return new SourcedRun(new RunResult(RunResult.SCHEMA, id, started, null, null,
                new RunSettings(1L, "linear", models, tasks), List.of(cells)), file);
    }

    @Test
    void identicalCellsAreKeptOnceWhateverTheirTimings() {
        SourcedRun a = run("r1", "2025-01-01T00:00:00Z", "a.json", cell("t", "m", 0.5, new Timings(1, 1, 1, 0), "h"));
        SourcedRun b = run("r2", "2025-01-02T00:00:00Z", "b.json", cell("t", "m", 0.5, new Timings(9, 9, 0, 1), "h"));
        RunMerge.Merged m = RunMerge.merge(List.of(a, b), ConflictPolicy.ERROR);
        assertEquals(0.5, m.cell("t", "m").orElseThrow().primaryScore());
        assertEquals(1, m.notes().size());
        assertTrue(m.notes().get(0).contains("identical cells in a.json (run r1) and b.json (run r2)"), m.notes().toString());
    }

    @Test
    void aColdCellWithModelFactsAndItsWarmRerunWithoutAreTheSameCell() {
        CellResult cold = cell("t", "m", 0.5, new Timings(5, 1, 10, 0), "h")
                .withModelFacts(new ModelFacts(1000L, 0.05, 1L << 30, "run"));
        SourcedRun a = run("r1", "2025-01-01T00:00:00Z", "a.json", cold);
        SourcedRun b = run("r2", "2025-01-02T00:00:00Z", "b.json", cell("t", "m", 0.5, new Timings(1, 1, 0, 10), "h"));
        RunMerge.Merged m = RunMerge.merge(List.of(a, b), ConflictPolicy.ERROR);
        assertEquals(0.5, m.cell("t", "m").orElseThrow().primaryScore());
        assertTrue(m.notes().get(0).contains("identical cells"), m.notes().toString());
        assertEquals(cold.modelFacts(), m.cell("t", "m").orElseThrow().modelFacts(),
                "the warm rerun wins, with the facts its cold twin measured");
    }

    @Test
    void conflictingCellsAreAnErrorNamingBothFilesAndScores() {
        SourcedRun a = run("r1", "2025-01-01T00:00:00Z", "a.json", cell("t", "m", 0.5, null, "h"));
        SourcedRun b = run("r2", "2025-01-02T00:00:00Z", "b.json", cell("t", "m", 0.6, null, "h"));
        CellConflictException e = assertThrows(CellConflictException.class,
                () -> RunMerge.merge(List.of(a, b), ConflictPolicy.ERROR));
        assertEquals(1, e.conflicts().size());
        String msg = e.getMessage();
        assertTrue(msg.contains("m on t") && msg.contains("top1_acc = 0.5000 in a.json (run r1)")
                && msg.contains("top1_acc = 0.6000 in b.json (run r2)") && msg.contains("--on-conflict latest"), msg);
    }

    @Test
    void latestWinsByStartTimeWhateverTheArgumentOrder() {
        SourcedRun older = run("r1", "2025-01-01T00:00:00Z", "old.json", cell("t", "m", 0.5, null, "h"));
        SourcedRun newer = run("r2", "2025-01-02T00:00:00.5Z", "new.json", cell("t", "m", 0.6, null, "h"));
        for (List<SourcedRun> order : List.of(List.of(older, newer), List.of(newer, older))) {
            RunMerge.Merged m = RunMerge.merge(order, ConflictPolicy.LATEST);
            assertEquals(0.6, m.cell("t", "m").orElseThrow().primaryScore());
            assertTrue(m.notes().stream().anyMatch(n -> n.contains("replaced by") && n.contains("new.json")), m.notes().toString());
        }
    }

    @Test
    void cellsScoredOnDifferentDataGetANote() {
        SourcedRun a = run("r1", "2025-01-01T00:00:00Z", "a.json", cell("t", "m1", 0.5, null, "h1"));
        SourcedRun b = run("r2", "2025-01-02T00:00:00Z", "b.json", cell("t", "m2", 0.6, null, "h2"));
        RunMerge.Merged m = RunMerge.merge(List.of(a, b), ConflictPolicy.ERROR);
        assertEquals(List.of("m1", "m2"), m.modelIds());
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("Task t has cells scored on different data")), m.notes().toString());
    }

    @Test
    void nothingToMergeIsAnError() {
        assertThrows(ResultFileException.class, () -> RunMerge.merge(List.of(), ConflictPolicy.ERROR));
    }
}
