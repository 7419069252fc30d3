package org.nathear.results.boards;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.nathear.results.files.SourcedRun;
import org.nathear.results.Golden;
import org.nathear.results.SampleRuns;

/** The Markdown and CSV of the full synthetic sample, sealed by golden files (Locale.ROOT, fixed seed). */
class LeaderboardGoldenTest {
    private static Leaderboard board() {
        return Leaderboard.build(List.of(new SourcedRun(SampleRuns.full(20, 42L), "sample/results.json")),
                Leaderboard.Options.defaults());
    }

    @Test
    void markdownMatchesTheGoldenFileUnderAnyDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE);
            Golden.assertMatches("leaderboard-full.md", MarkdownLeaderboard.render(board()));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void csvMatchesTheGoldenFile() {
        Golden.assertMatches("leaderboard-full.csv", CsvLeaderboard.render(board()));
    }
}
