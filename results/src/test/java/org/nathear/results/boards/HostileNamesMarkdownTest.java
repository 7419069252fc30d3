package org.nathear.results.boards;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nathear.results.check.RegressionCheck;
import org.nathear.results.merge.RunMerge;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;

/** Issue 13, bug 11: hostile clip ids and messages reach leaderboard.md and check's summary escaped. */
class HostileNamesMarkdownTest {
    private static final String HOSTILE = "clip '<img src=x onerror=alert(1)>\u001b[2J.wav' | [x](javascript:y)";

    private static RunResult run(String model, CellStatus status, Double score, String message) {
        CellResult cell = CellResult.builder().taskId("esc50-v2.0.0-full").taskVersion("2.0.0").modelId(model)
                .modelVersion("1").status(status).message(message).primaryMetric("top1_acc").primaryScore(score)
                .metrics(score == null ? Map.of() : Map.of("top1_acc", MetricSummary.of(List.of(score))))
                .channelRule("as-is").seed(1L).build();
        return new RunResult(RunResult.SCHEMA, "hostile", "2025-01-01T00:00:00Z", null, null,
                new RunSettings(1L, "linear", List.of(model), List.of("esc50-v2.0.0-full")), List.of(cell));
    }

    /** No raw tag, escape character or link: each {@code <} and {@code ]} of the hostile text is backslash-escaped. */
    private static void assertEscaped(String md) {
        assertFalse(md.matches("(?s).*[^\\\\]<img.*"), md);
        assertFalse(md.contains("\u001b"), md);
        assertFalse(md.matches("(?s).*[^\\\\]\\]\\(javascript.*"), md);
        assertTrue(md.contains("\\<img src=x onerror=alert(1)\\>"), md);
    }

    @Test
    void leaderboardEscapesAFailureMessageHoldingHtmlEscapeSequencesAndLinks() {
        String md = MarkdownLeaderboard.render(run("evil-model", CellStatus.FAILED, null, HOSTILE));
        assertEscaped(md);
        assertTrue(md.contains("\\\\x1b\\[2J"), md);
    }

    @Test
    void checkSummaryEscapesHostileTextFromTheResults() {
        RunResult baseline = run("evil-model", CellStatus.SUCCEEDED, 0.5, "");
        RunResult current = run("evil-model", CellStatus.FAILED, null, HOSTILE);
        String md = RegressionCheck.compare(RunMerge.ofRuns(List.of(baseline)), "baseline", RunMerge.ofRuns(List.of(current)),
                List.of("current"), RegressionCheck.Tolerances.parse(List.of("0.01")), false, false).markdown();
        assertEscaped(md);
    }
}
