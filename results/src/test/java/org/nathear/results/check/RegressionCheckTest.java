package org.nathear.results.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;
import org.nathear.results.merge.RunMerge;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.RunResult;
import org.nathear.results.Golden;
import org.nathear.results.SampleRuns;

class RegressionCheckTest {
    private static final RunResult BASELINE = SampleRuns.full(20, 42L);

    /** The baseline with the primary metric of one (task, model) cell shifted by {@code delta} on every fold. */
    private static RunResult shifted(String task, String model, double delta) {
        return mapCells(c -> {
            if (!c.taskId().equals(task) || !c.modelId().equals(model)) {
                return c;
            }
            List<Double> folds = c.metrics().get(c.primaryMetric()).perFold().stream().map(v -> v + delta).toList();
            MetricSummary s = MetricSummary.of(folds);
            return CellResult.builder().taskId(c.taskId()).taskVersion(c.taskVersion()).taskDataHash(c.taskDataHash())
                    .taskKind(c.taskKind()).taskLayout(c.taskLayout()).modelId(c.modelId())
                    .modelVersion(c.modelVersion()).weightsSha256(c.weightsSha256()).status(c.status())
                    .message(c.message()).primaryMetric(c.primaryMetric()).primaryScore(s.mean())
                    .primaryInterval(c.primaryInterval()).metrics(Map.of(c.primaryMetric(), s)).folds(c.folds())
                    .channelRule(c.channelRule()).probe(c.probe()).embedding(c.embedding()).timings(c.timings())
                    .seed(c.seed()).distributions(c.distributions()).build();
        });
    }

    private static RunResult mapCells(UnaryOperator<CellResult> f) {
        List<CellResult> cells = new ArrayList<>();
        for (CellResult c : BASELINE.cells()) {
            CellResult mapped = f.apply(c);
            if (mapped != null) {
                cells.add(mapped);
            }
        }
        return new RunResult(RunResult.SCHEMA, "current", "2025-02-01T00:00:00Z", "2025-02-01T01:00:00Z",
                BASELINE.provenance(), BASELINE.settings(), cells);
    }

    private static RegressionCheck.Report check(RunResult current, String... tolerance) {
        return RegressionCheck.compare(RunMerge.ofRuns(List.of(BASELINE)), "`baseline.json`", RunMerge.ofRuns(List.of(current)),
                List.of("`current.json`"), RegressionCheck.Tolerances.parse(List.of(tolerance)), false, false);
    }

    @Test
    void unchangedResultsPass() {
        RegressionCheck.Report r = check(mapCells(c -> c));
        assertFalse(r.regressed());
        assertFalse(r.incomplete());
        assertEquals(BASELINE.cells().size(), r.count(RegressionCheck.Verdict.PASS));
        assertTrue(r.markdown().startsWith("## nathear check: PASSED\n"), r.markdown());
    }

    @Test
    void aDropBeyondTheIntervalRegressesAndOneWithinItPasses() {
        CellResult base = BASELINE.cells().stream().filter(c -> c.taskId().equals(SampleRuns.FOLDS_TASK)
                && c.modelId().equals("mw-mae")).findFirst().orElseThrow();
        double tau = base.primaryScore() - base.primaryInterval().low();
        assertTrue(tau > 0.01, "the sample's interval is wide enough for this test: " + tau);

        RegressionCheck.Report small = check(shifted(SampleRuns.FOLDS_TASK, "mw-mae", -0.5 * tau));
        assertFalse(small.regressed(), small.markdown());

        RegressionCheck.Report big = check(shifted(SampleRuns.FOLDS_TASK, "mw-mae", -1.5 * tau));
        assertTrue(big.regressed());
        RegressionCheck.Row row = big.rows().get(0);
        assertEquals(RegressionCheck.Verdict.REGRESSION, row.verdict(), "regressions are listed first");
        assertEquals(-1.5 * tau, row.delta(), 1e-9);
        assertEquals(tau, row.tolerance(), 1e-12);
        assertEquals("ci 95%", row.toleranceSource());
        assertTrue(big.markdown().startsWith("## nathear check: FAILED, 1 regression\n"), big.markdown());
    }

    @Test
    void lowerIsBetterMetricsRegressWhenTheyRise() {
        RegressionCheck.Report worse = check(shifted(SampleRuns.LOC_TASK, "gram-binaural", 20), "folds");
        assertTrue(worse.regressed());
        assertEquals("folds", worse.rows().get(0).toleranceSource());
        RegressionCheck.Report better = check(shifted(SampleRuns.LOC_TASK, "gram-binaural", -20), "folds");
        assertFalse(better.regressed());
        assertEquals(1, better.count(RegressionCheck.Verdict.IMPROVED));
    }

    @Test
    void absoluteAndPerTaskTolerancesApply() {
        RunResult current = shifted(SampleRuns.FOLDS_TASK, "mw-mae", -0.02);
        assertTrue(check(current, "0.01").regressed());
        assertFalse(check(current, "0.01", SampleRuns.FOLDS_TASK + "=0.05").regressed());
        assertThrows(ConfigurationException.class, () -> RegressionCheck.Tolerances.parse(List.of("wide")));
        assertThrows(ConfigurationException.class, () -> RegressionCheck.Tolerances.parse(List.of("-1")));
    }

    @Test
    void aFailedCellIsARegressionAndMissingOrNewCellsMakeTheCheckIncomplete() {
        RunResult failed = mapCells(c -> c.taskId().equals(SampleRuns.SPLIT_TASK) && c.modelId().equals("hear-naive")
                ? CellResult.notScored(c.taskId(), c.taskVersion(), c.modelId(), c.modelVersion(), CellStatus.FAILED,
                "model crashed", c.primaryMetric(), c.seed()) : c);
        RegressionCheck.Report r = check(failed);
        assertTrue(r.regressed());
        assertTrue(r.markdown().contains("hear-naive on speech_commands-v0.0.2-5h: failed: model crashed"), r.markdown());

        RunResult missing = mapCells(c -> c.taskId().equals(SampleRuns.NAT_TASK) ? null : c);
        RegressionCheck.Report m = check(missing);
        assertFalse(m.regressed());
        assertTrue(m.incomplete());
        assertEquals(3, m.count(RegressionCheck.Verdict.MISSING));
        assertFalse(RegressionCheck.compare(RunMerge.ofRuns(List.of(BASELINE)), "b", RunMerge.ofRuns(List.of(missing)),
                List.of("c"), RegressionCheck.Tolerances.parse(List.of()), false, true).incomplete(), "--allow-missing");

        // the baseline is missing tasks: the results have cells it lacks
        RegressionCheck.Report n = RegressionCheck.compare(RunMerge.ofRuns(List.of(missing)), "b",
                RunMerge.ofRuns(List.of(BASELINE)), List.of("c"), RegressionCheck.Tolerances.parse(List.of()), false, false);
        assertEquals(3, n.count(RegressionCheck.Verdict.NEW));
        assertTrue(n.incomplete());
        assertTrue(n.markdown().startsWith("## nathear check: INCOMPLETE"), n.markdown());
    }

    @Test
    void theSummaryMatchesTheGoldenFile() {
        Golden.assertMatches("check-regression.md", check(shifted(SampleRuns.FOLDS_TASK, "mw-mae", -0.2)).markdown());
    }
}
