package org.nathear.results.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.ModelFacts;
import org.nathear.results.schema.ResultFileException;
import org.nathear.results.schema.RunResult;
import org.nathear.results.Golden;
import org.nathear.results.SampleRuns;

class ResultFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesAnEqualRunIncludingNanAndInfinity() {
        RunResult run = SampleRuns.sample();
        Path file = dir.resolve("nested/out/run.json");
        ResultFiles.write(file, run);
        RunResult back = ResultFiles.read(file);
        assertEquals(run, back);
        CellResult gram = back.cells().get(1);
        assertTrue(Double.isNaN(gram.metrics().get("d_prime").perFold().get(0)));
        assertEquals(2.05, gram.metrics().get("d_prime").mean(), 1e-12, "NaN folds are skipped in the mean, as pandas does");
        assertEquals(Double.POSITIVE_INFINITY, back.cells().get(2).metrics().get("d_prime").mean());
        assertTrue(Double.isNaN(gram.probe().grid().get(1).validScore()));
        assertNull(back.cells().get(0).primaryScore());
    }

    @Test
    void modelFactsAreWrittenWhenKnownAndReadAsNullWhenAbsent() {
        RunResult plain = SampleRuns.sample();
        String json = ResultFiles.toJson(plain);
        assertFalse(json.contains("modelFacts"), "a cell without facts leaves the optional field out");
        assertNull(ResultFiles.fromJson(json, "plain.json").cells().get(1).modelFacts());

        List<CellResult> cells = new java.util.ArrayList<>(plain.cells());
        cells.set(1, cells.get(1).withModelFacts(new ModelFacts(4_200_000L, 0.125, 512L << 20, "run")));
        RunResult withFacts = new RunResult(plain.schema(), plain.runId(), plain.startedUtc(), plain.finishedUtc(),
                plain.provenance(), plain.settings(), cells);
        String text = ResultFiles.toJson(withFacts);
        assertTrue(text.contains("\"parameters\" : 4200000"), text);
        RunResult back = ResultFiles.fromJson(text, "facts.json");
        assertEquals(withFacts, back);
        assertEquals(0.125, back.cells().get(1).modelFacts().realTimeFactor());
        assertEquals(null, back.cells().get(1).withoutTimings().modelFacts(),
                "model facts vary between a cold and a warm run of the same cell, so duplicate detection ignores them");
    }

    @Test
    void nonFiniteNumbersAreWrittenAsJsonStrings() {
        String json = ResultFiles.toJson(SampleRuns.sample());
        assertTrue(json.contains("\"NaN\""), "NaN as a string");
        assertTrue(json.contains("\"Infinity\""), "Infinity as a string");
        assertFalse(json.matches("(?s).*[:\\[,]\\s*NaN.*"), "no bare NaN token");
    }

    @Test
    void outputIsStableFieldOrderedAndIndependentOfTheDefaultLocale() {
        RunResult run = SampleRuns.sample();
        Locale saved = Locale.getDefault();
        String german;
        try {
            Locale.setDefault(Locale.GERMANY);
            german = ResultFiles.toJson(run);
        } finally {
            Locale.setDefault(saved);
        }
        String json = ResultFiles.toJson(run);
        assertEquals(json, german);
        assertEquals(json, ResultFiles.toJson(ResultFiles.fromJson(json, "memory")));
        assertTrue(json.startsWith("{\n  \"schema\" : \"nathear.run/3\",\n  \"runId\" : \"20250101T120000Z-42\",\n"),
                json.substring(0, 80));
        assertTrue(json.endsWith("}\n"));
        assertFalse(json.contains("\r"));
        assertTrue(json.contains("\"perFold\" : [ 0.81, 0.84, 0.8, 0.86, 0.82 ],\n"), "arrays on one line");
        assertTrue(json.contains("\"mean\" : 0.826,"), "decimal point, shortest round-trip form");
        // record components in declaration order (checked inside the first cell)
        List<String> order = List.of("\"taskId\"", "\"taskVersion\"", "\"taskDataHash\"", "\"taskKind\"", "\"taskLayout\"",
                "\"modelId\"", "\"status\"", "\"primaryMetric\"", "\"primaryScore\"", "\"primaryInterval\"", "\"metrics\"",
                "\"folds\"", "\"channelRule\"", "\"probe\"", "\"embedding\"", "\"timings\"", "\"seed\"", "\"distributions\"");
        int last = json.indexOf("\"cells\"");
        int end = json.indexOf("\"distributions\"", last);
        for (String field : order) {
            int at = json.indexOf(field, last + 1);
            assertTrue(at <= end, field + " inside the first cell");
            assertTrue(at > last, field + " after the previous field");
            last = at;
        }
        // map keys sorted (the first cell's metrics were put in as top1_acc, mAP, d_prime, aucroc)
        int metrics = json.indexOf("\"metrics\"");
        List<Integer> keys = Stream.of("\"aucroc\" :", "\"d_prime\" :", "\"mAP\" :", "\"top1_acc\" :")
                .map(key -> json.indexOf(key, metrics)).toList();
        assertEquals(keys.stream().sorted().toList(), keys);
    }

    @Test
    void writeLeavesNoTemporaryFilesAndReplacesAnOldFile() throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(file, "old");
        ResultFiles.write(file, SampleRuns.sample());
        ResultFiles.write(file, SampleRuns.sample());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals(ResultFiles.toJson(SampleRuns.sample()), Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside.txt"), "keep");
        ResultFileException e = assertThrows(ResultFileException.class,
                () -> ResultFiles.write(target, SampleRuns.sample()));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
        assertEquals("keep", Files.readString(target.resolve("inside.txt")));
    }

    @Test
    void truncatedFileGivesAnErrorNamingTheFileAndPosition() throws IOException {
        String json = ResultFiles.toJson(SampleRuns.sample());
        Path file = dir.resolve("truncated.json");
        Files.writeString(file, json.substring(0, json.length() / 2));
        ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFiles.read(file));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line "), e.getMessage());
    }

    @Test
    void emptyFileIsReportedAsHavingNoContent() throws IOException {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "");
        ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFiles.read(file));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()) && e.getMessage().contains("no content"),
                e.getMessage());
    }

    @Test
    void unknownSchemaNamesTheFileTheFoundAndTheExpectedSchema() throws IOException {
        Path file = dir.resolve("future.json");
        Files.writeString(file, ResultFiles.toJson(SampleRuns.sample()).replace("nathear.run/3", "nathear.run/7"));
        ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFiles.read(file));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("\"nathear.run/7\""), e.getMessage());
        assertTrue(e.getMessage().contains("expected schema \"nathear.run/3\" (or \"nathear.run/2\" or \"nathear.run/1\""), e.getMessage());

        Files.writeString(file, "{\"runId\": \"x\"}");
        ResultFileException missing = assertThrows(ResultFileException.class, () -> ResultFiles.read(file));
        assertTrue(missing.getMessage().contains("no \"schema\" field"), missing.getMessage());
    }

    @Test
    void unknownOrMissingFieldsAreReportedWithTheirPath() throws IOException {
        String json = ResultFiles.toJson(SampleRuns.sample());
        Path file = dir.resolve("odd.json");
        Files.writeString(file, json.replaceFirst("\"clipsEmbedded\" :", "\"clipsEmbeded\" : 1, \"clipsEmbedded\" :"));
        ResultFileException unknown = assertThrows(ResultFileException.class, () -> ResultFiles.read(file));
        assertTrue(unknown.getMessage().contains(file.toAbsolutePath().toString()), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("at cells[1].timings.clipsEmbeded"), unknown.getMessage());

        Files.writeString(file, json.replaceFirst("\"seed\" : 42,", ""));
        ResultFileException missing = assertThrows(ResultFileException.class, () -> ResultFiles.read(file));
        assertTrue(missing.getMessage().contains("'seed'"), missing.getMessage());
    }

    @Test
    void theExampleInTheFormatDocumentIsAReadableResultFile() throws IOException {
        Path doc = Path.of("..", "docs", "result-format.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        String afterHeading = text.substring(text.indexOf("## Example"));
        int start = afterHeading.indexOf("```json\n") + "```json\n".length();
        String json = afterHeading.substring(start, afterHeading.indexOf("```", start));
        assertTrue(json.contains("\"schema\" : \"nathear.run/3\""), "the example is a current file");
        RunResult run = ResultFiles.fromJson(json, doc.toString());
        assertEquals(2, run.cells().size());
        assertEquals(CellStatus.FAILED, run.cells().get(1).status());
        assertEquals(2.05, run.cells().get(0).metrics().get("d_prime").mean(), 1e-12, "NaN folds skipped");
        BootstrapInterval interval = run.cells().get(0).primaryInterval();
        BootstrapInterval recomputed = BootstrapInterval.of(interval.metric(), interval.confidenceLevel(), interval.seed(),
                interval.replicateValues());
        assertEquals(recomputed, interval, "the example's bounds are the percentiles of its replicates");
        assertEquals(json, ResultFiles.toJson(run), "the example is exactly what nathear writes");
    }

    @Test
    void theFullSampleMatchesTheGoldenFileUnderAnyDefaultLocale() {
        RunResult run = SampleRuns.full(20, 42L);
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Golden.assertMatches("run-v3.json", ResultFiles.toJson(run));
        } finally {
            Locale.setDefault(saved);
        }
        assertEquals(run, ResultFiles.fromJson(ResultFiles.toJson(run), "memory"), "round trip");
    }

    @Test
    void aVersionOneFileIsReadWithTheNewFieldsAbsent() throws IOException {
        Path v1 = Path.of("src", "test", "resources", "fixtures", "run-v1-doc-example.json");
        RunResult run = ResultFiles.read(v1);
        assertEquals(RunResult.SCHEMA, run.schema(), "upgraded in memory");
        assertEquals(List.of(), run.resumedUtc());
        assertNull(run.provenance().javaRuntimeVersion());
        CellResult cell = run.cells().get(0);
        assertNull(cell.taskKind());
        assertNull(cell.taskLayout());
        assertNull(cell.primaryInterval());
        assertTrue(cell.distributions().isEmpty());
        assertEquals(0.8099999999999999, cell.primaryScore());
        // a v1 file with a v2-only field is still a schema error naming the field
        String bad = Files.readString(v1, StandardCharsets.UTF_8).replace("\"seed\" : 11", "\"seed\" : 11, \"bogus\" : 1");
        ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFiles.fromJson(bad, "bad-v1"));
        assertTrue(e.getMessage().contains("bad-v1") && e.getMessage().contains("bogus"), e.getMessage());
    }

    @Test
    void missingFileIsReportedByName() {
        Path file = dir.resolve("absent.json");
        ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFiles.read(file));
        assertTrue(e.getMessage().contains(file.toAbsolutePath() + " does not exist"), e.getMessage());
    }

    @Test
    void checkWritableCreatesTheFolderButNotTheFile() throws IOException {
        Path file = dir.resolve("a/b/run.json");
        ResultFiles.checkWritable(file);
        assertTrue(Files.isDirectory(file.getParent()));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(0, files.count());
        }
        ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFiles.checkWritable(dir));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }
}
