package org.nathear.results.schema;

import org.nathear.results.Golden;
import org.nathear.results.files.ResultFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Cells made with {@link CellResult.Builder} are written exactly as before, byte for byte. */
class CellResultBuilderTest {

    /** Every field set through its builder setter, from the cell's accessors. */
    private static CellResult rebuilt(CellResult c) {
        return CellResult.builder().taskId(c.taskId()).taskVersion(c.taskVersion()).taskDataHash(c.taskDataHash())
                .taskKind(c.taskKind()).taskLayout(c.taskLayout()).modelId(c.modelId()).modelVersion(c.modelVersion())
                .weightsSha256(c.weightsSha256()).status(c.status()).message(c.message())
                .primaryMetric(c.primaryMetric()).primaryScore(c.primaryScore()).primaryInterval(c.primaryInterval())
                .metrics(c.metrics()).folds(c.folds()).channelRule(c.channelRule()).probe(c.probe())
                .embedding(c.embedding()).timings(c.timings()).seed(c.seed()).distributions(c.distributions())
                .modelFacts(c.modelFacts()).build();
    }

    private static String cellsPart(String json) {
        int start = json.indexOf("\n  \"cells\" : [");
        assertTrue(start > 0, "a result file with cells");
        return json.substring(start);
    }

    @Test
    void committedBaselinesRebuiltCellByCellAreWrittenWithTheSameBytes() throws IOException {
        for (String name : List.of("real-mini-gram-tiny.json", "real-mini-hear-naive.json")) {
            Path file = Path.of("baselines", name);
            String committed = Files.readString(file, StandardCharsets.UTF_8);
            RunResult run = ResultFiles.read(file);
            RunResult byBuilder = new RunResult(run.schema(), run.runId(), run.startedUtc(), run.finishedUtc(),
                    run.resumedUtc(), run.provenance(), run.settings(), run.cells().stream().map(CellResultBuilderTest::rebuilt)
                    .toList());
            RunResult byToBuilder = new RunResult(run.schema(), run.runId(), run.startedUtc(), run.finishedUtc(),
                    run.resumedUtc(), run.provenance(), run.settings(), run.cells().stream().map(c -> c.toBuilder().build())
                    .toList());
            assertEquals(run, byBuilder, name);
            assertEquals(cellsPart(committed), cellsPart(ResultFiles.toJson(byBuilder)), name);
            assertEquals(cellsPart(committed), cellsPart(ResultFiles.toJson(byToBuilder)), name);
        }
    }

    @Test
    void theGoldenRunRebuiltCellByCellIsTheGoldenFile() throws IOException {
        String golden = Files.readString(Golden.DIR.resolve("run-v3.json"), StandardCharsets.UTF_8);
        RunResult run = ResultFiles.fromJson(golden, "run-v3.json");
        RunResult rebuilt = new RunResult(run.schema(), run.runId(), run.startedUtc(), run.finishedUtc(), run.resumedUtc(),
                run.provenance(), run.settings(), run.cells().stream().map(CellResultBuilderTest::rebuilt).toList());
        assertEquals(golden, ResultFiles.toJson(rebuilt));
    }

    @Test
    void anUnsetBuilderFieldIsAbsentAsInACellThatWasNotScored() {
        CellResult skipped = CellResult.notScored("t", "1", "m", "2", CellStatus.SKIPPED, "not applicable", "top1_acc", 3L);
        assertEquals("", CellResult.builder().build().message(), "message is never null");
        assertTrue(skipped.metrics().isEmpty() && skipped.folds().isEmpty() && skipped.distributions().isEmpty());
        assertEquals(null, skipped.primaryScore());
        CellResult scored = skipped.toBuilder().status(CellStatus.SUCCEEDED).message(null).primaryScore(0.5).build();
        assertNotEquals(skipped, scored);
        assertEquals(skipped, scored.toBuilder().status(CellStatus.SKIPPED).message("not applicable").primaryScore(null).build());
    }
}
