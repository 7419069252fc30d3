package org.nathear.results.boards;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ResultFileException;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;
import org.nathear.results.Golden;
import org.nathear.results.SampleRuns;

class MarkdownLeaderboardTest {
    @Test
    void rendersTheMainTableNotesSmAndPerTaskTablesExactly() {
        Golden.assertMatches("leaderboard-sample.md", MarkdownLeaderboard.render(SampleRuns.sample()));
    }

    @Test
    void renderingDoesNotDependOnTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE);
            String french = MarkdownLeaderboard.render(SampleRuns.sample());
            assertTrue(french.contains("| 0.412 ± 0.026 |"), french);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void mergedRunsKeepFirstAppearanceOrderAndLetTheLaterRunsCellsWin() {
        RunResult first = SampleRuns.sample();
        CellResult rerun = CellResult.builder().taskId(SampleRuns.SPLIT_TASK).taskVersion("0.0.2")
                .modelId("broken-model").modelVersion("2").status(CellStatus.SUCCEEDED).message("")
                .primaryMetric("top1_acc").primaryScore(0.25)
                .metrics(Map.of("top1_acc", MetricSummary.of(List.of(0.25)))).channelRule("as-is").seed(1L).build();
        CellResult event = CellResult.builder().taskId("dcase2016_task2-v1").taskVersion("1").modelId("new-model")
                .modelVersion("1").status(CellStatus.SUCCEEDED).message("").primaryMetric("event_onset_200ms_fms")
                .primaryScore(0.5)
                .metrics(Map.of("event_onset_200ms_fms", MetricSummary.of(List.of(0.5)),
                        "segment_1s_er", MetricSummary.of(List.of(0.75)), "custom_score", MetricSummary.of(List.of(1.0))))
                .channelRule("as-is").seed(2L).build();
        RunResult second = new RunResult(RunResult.SCHEMA, "second", "2025-02-01T00:00:00Z", null, null,
                new RunSettings(5L, "linear", List.of("new-model", "broken-model"),
                        List.of(SampleRuns.SPLIT_TASK, "dcase2016_task2-v1")),
                List.of(rerun, event));

        String md = MarkdownLeaderboard.render(List.of(first, second));

        assertTrue(md.contains("| model | esc50-v2.0.0-full (top1_acc ↑) | speech_commands-v0.0.2-5h (top1_acc ↑) "
                + "| dcase2016_task2-v1 (event_onset_200ms_fms ↑) |\n"), md);
        assertTrue(md.contains("| broken-model | FAILED [1] | 0.250 | n/a |\n"), md);
        assertTrue(md.contains("| new-model | n/a | n/a | 0.500 |\n"), md);
        assertTrue(md.contains("| model | event_onset_200ms_fms ↑ | segment_1s_er ↓ | custom_score | primary 95% CI |\n"), md);
        assertTrue(md.contains("Run `second`, seed 5, probe linear, started 2025-02-01T00:00:00Z.\n"), md);
        assertFalse(md.contains("skipped [2]"), "the skipped cell was replaced by the rerun");
    }

    @Test
    void refusesAnEmptyListOfRuns() {
        assertThrows(ResultFileException.class, () -> MarkdownLeaderboard.render(List.of()));
    }
}
