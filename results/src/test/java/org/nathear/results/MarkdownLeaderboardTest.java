package org.nathear.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MarkdownLeaderboardTest {
    @Test
    void rendersTheMainTableNotesAndPerTaskTablesExactly() {
        String expected = """
                # nathear leaderboard

                Run `20250101T120000Z-42`, seed 42, probe linear, started 2025-01-01T12:00:00Z.

                | model | esc50-v2.0.0-full (top1_acc ↑) | speech_commands-v0.0.2-5h (top1_acc ↑) |
                |---|---:|---:|
                | hear-naive | 0.412 ± 0.026 | 0.500 |
                | gram-binaural | 0.810 ± 0.029 | 0.913 |
                | broken-model | FAILED [1] | skipped [2] |

                Scores: mean ± sample standard deviation over the test folds of the primary metric; \
                a single value is a single test split. ↑ higher is better, ↓ lower is better.

                Notes:

                1. broken-model on esc50-v2.0.0-full failed: fold01: probe | diverged after 3 epochs
                2. broken-model on speech_commands-v0.0.2-5h skipped: model accepts FOA only; task is MONO

                ## esc50-v2.0.0-full

                Primary metric top1_acc ↑; 5 test folds, means shown.

                | model | top1_acc ↑ | mAP ↑ | d_prime ↑ | aucroc ↑ |
                |---|---:|---:|---:|---:|
                | hear-naive | 0.412 | 0.432 | Infinity | 0.804 |
                | gram-binaural | 0.810 | 0.826 | 2.050 | 0.955 |
                | broken-model | FAILED [1] | FAILED [1] | FAILED [1] | FAILED [1] |

                ## speech_commands-v0.0.2-5h

                Primary metric top1_acc ↑; one test split.

                | model | top1_acc ↑ |
                |---|---:|
                | hear-naive | 0.500 |
                | gram-binaural | 0.913 |
                | broken-model | skipped [2] |
                """;
        assertEquals(expected, MarkdownLeaderboard.render(SampleRuns.sample()));
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
    void mergedRunsKeepFirstAppearanceOrderAndLetLaterCellsWin() {
        RunResult first = SampleRuns.sample();
        CellResult rerun = new CellResult(SampleRuns.SPLIT_TASK, "0.0.2", null, "broken-model", "2", null,
                CellStatus.SUCCEEDED, "", "top1_acc", 0.25,
                Map.of("top1_acc", MetricSummary.of(List.of(0.25))), List.of(), "as-is", null, null, null, 1L);
        CellResult event = new CellResult("dcase2016_task2-v1", "1", null, "new-model", "1", null,
                CellStatus.SUCCEEDED, "", "event_onset_200ms_fms", 0.5,
                Map.of("event_onset_200ms_fms", MetricSummary.of(List.of(0.5)),
                        "segment_1s_er", MetricSummary.of(List.of(0.75)),
                        "custom_score", MetricSummary.of(List.of(1.0))),
                List.of(), "as-is", null, null, null, 2L);
        RunResult second = new RunResult(RunResult.SCHEMA, "second", null, null, null,
                new RunSettings(5L, "linear", List.of("new-model", "broken-model"),
                        List.of(SampleRuns.SPLIT_TASK, "dcase2016_task2-v1"), Map.of()),
                List.of(rerun, event));

        String md = MarkdownLeaderboard.render(List.of(first, second));

        assertTrue(md.contains("| model | esc50-v2.0.0-full (top1_acc ↑) | speech_commands-v0.0.2-5h (top1_acc ↑) "
                + "| dcase2016_task2-v1 (event_onset_200ms_fms ↑) |\n"), md);
        assertTrue(md.contains("| broken-model | FAILED [1] | 0.250 | n/a |\n"), md);
        assertTrue(md.contains("| new-model | n/a | n/a | 0.500 |\n"), md);
        assertTrue(md.contains("| model | event_onset_200ms_fms ↑ | segment_1s_er ↓ | custom_score |\n"), md);
        assertTrue(md.contains("Run `second`, seed 5, probe linear.\n"), md);
        assertFalse(md.contains("skipped [2]"), "the skipped cell was replaced by the rerun");
    }

    @Test
    void refusesAnEmptyListOfRuns() {
        assertThrows(ResultFileException.class, () -> MarkdownLeaderboard.render(List.of()));
    }
}
