package org.nathear.results;

import org.junit.jupiter.api.Test;

class CsvLeaderboardTest {
    @Test
    void rendersOneRowPerCellAndMetricWithFullPrecisionAndQuoting() {
        Golden.assertMatches("leaderboard-sample.csv", CsvLeaderboard.render(SampleRuns.sample()));
    }
}
