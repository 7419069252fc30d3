package org.nathear.results.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ResultFileException;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;

/** Issue 13, bug 12: a result file with an impossible score is refused, naming the file, cell and field. */
class MetricRangesTest {
    private static RunResult runWith(String metric, double value) {
        CellResult cell = CellResult.builder().taskId("task-v1-full").taskVersion("1").modelId("some-model")
                .modelVersion("1").status(CellStatus.SUCCEEDED).message("").primaryMetric(metric).primaryScore(value)
                .metrics(Map.of(metric, MetricSummary.of(List.of(value)))).channelRule("as-is").seed(1L).build();
        return new RunResult(RunResult.SCHEMA, "r", "2025-01-01T00:00:00Z", null, null,
                new RunSettings(1L, "linear", List.of("some-model"), List.of("task-v1-full")), List.of(cell));
    }

    private static ResultFileException refused(String metric, double value) {
        String json = ResultFiles.toJson(runWith(metric, value));
        return assertThrows(ResultFileException.class, () -> ResultFiles.fromJson(json, "/runs/x/results.json"));
    }

    private static double readBack(String metric, double value) {
        return ResultFiles.fromJson(ResultFiles.toJson(runWith(metric, value)), "ok.json").cells().get(0).primaryScore();
    }

    @Test
    void refusesAnAccuracyOf7Point5NamingTheFileTheCellAndTheField() {
        String m = refused("top1_acc", 7.5).getMessage();
        assertTrue(m.contains("/runs/x/results.json") && m.contains("cells[0] (task task-v1-full, model some-model)")
                && m.contains("primaryScore = 7.5") && m.contains("top1_acc is a fraction in [0, 1]"), m);
    }

    @Test
    void refusesANegativeErrorRate() {
        String m = refused("segment_1s_er", -0.1).getMessage();
        assertTrue(m.contains("segment_1s_er is an error rate >= 0"), m);
    }

    @Test
    void refusesADoaErrorAbove180Degrees() {
        String m = refused("doa_error_mean_deg", 181).getMessage();
        assertTrue(m.contains("an angle in [0, 180] degrees"), m);
    }

    @Test
    void refusesAPerFoldValueOutOfRangeEvenWhenThePrimaryScoreIsFine() {
        CellResult cell = CellResult.builder().taskId("task-v1-full").taskVersion("1").modelId("some-model")
                .modelVersion("1").status(CellStatus.SUCCEEDED).message("").primaryMetric("top1_acc")
                .primaryScore(0.5).metrics(Map.of("mAP", MetricSummary.of(List.of(0.5, 1.5)))).channelRule("as-is")
                .seed(1L).build();
        RunResult run = new RunResult(RunResult.SCHEMA, "r", "2025-01-01T00:00:00Z", null, null,
                new RunSettings(1L, "linear", List.of("some-model"), List.of("task-v1-full")), List.of(cell));
        String json = ResultFiles.toJson(run);
        String m = assertThrows(ResultFileException.class, () -> ResultFiles.fromJson(json, "f.json")).getMessage();
        assertTrue(m.contains("metrics.mAP.perFold[1] = 1.5"), m);
    }

    @Test
    void acceptsValuesAtTheEdgesNanErrorRatesAboveOneAndAnyDPrime() {
        assertEquals(1.0, readBack("top1_acc", 1.0));
        assertEquals(0.0, readBack("mAP", 0.0));
        assertEquals(180.0, readBack("doa_error_median_deg", 180));
        assertEquals(1.5, readBack("segment_1s_er", 1.5));
        assertEquals(-3.0, readBack("d_prime", -3));
        assertTrue(Double.isNaN(readBack("top1_acc", Double.NaN)));
        assertEquals(42.0, readBack("custom_score", 42), "metrics nathear does not know are not checked");
    }
}
