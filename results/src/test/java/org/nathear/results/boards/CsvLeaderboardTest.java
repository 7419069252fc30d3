package org.nathear.results.boards;

import org.junit.jupiter.api.Test;
import org.nathear.results.Golden;
import org.nathear.results.SampleRuns;

class CsvLeaderboardTest {
    @Test
    void rendersOneRowPerCellAndMetricWithFullPrecisionAndQuoting() {
        Golden.assertMatches("leaderboard-sample.csv", CsvLeaderboard.render(SampleRuns.sample()));
    }
}
