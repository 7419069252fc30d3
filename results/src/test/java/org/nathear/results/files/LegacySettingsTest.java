package org.nathear.results.files;

import org.nathear.results.Golden;
import org.nathear.results.SampleRuns;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.nathear.api.ModelOptions;
import org.nathear.api.TaskKind;

/** Settings of {@code nathear.run/2} and {@code /1} files (a string map) read into the typed form. */
class LegacySettingsTest {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    @Test
    void aVersionTwoFileWrittenByTheEarlierCodeReadsAsTheSameRun() throws IOException {
        // run-v2-full-sample.json is the golden file the previous nathear wrote for SampleRuns.full(20, 42)
        RunResult old = ResultFiles.read(FIXTURES.resolve("run-v2-full-sample.json"));
        RunResult now = SampleRuns.full(20, 42L);
        assertEquals(RunResult.SCHEMA, old.schema(), "upgraded in memory");
        assertEquals(16, old.settings().batchSize());
        assertEquals(now.settings(), old.settings());
        assertEquals(now, old);
        assertEquals(Files.readString(Golden.DIR.resolve("run-v3.json"), StandardCharsets.UTF_8), ResultFiles.toJson(old),
                "written again, it is the current golden file: only the schema and the settings changed");
    }

    @Test
    void committedBaselinesReadWithTheirBatchSize() {
        RunResult baseline = ResultFiles.read(Path.of("baselines", "real-mini-gram-tiny.json"));
        assertEquals(16, baseline.settings().batchSize());
        assertEquals(List.of("gram-binaural"), baseline.settings().modelIds());
        assertTrue(baseline.settings().modelOptions().isEmpty());
        assertTrue(baseline.settings().unrecognizedOptions().isEmpty());
    }

    @Test
    void modelOptionsAndOptionsByTaskKindBecomeTyped() {
        RunSettings settings = readV2Settings("{\"batchSize\": \"8\", \"model-options.gram\": \"{hop=50, win=400}\", "
                + "\"model-options.gram[localization]\": \"{head=doa, hop=50, win=400}\"}");
        assertEquals(8, settings.batchSize());
        assertEquals(new ModelOptions(Map.of("hop", "50", "win", "400")), settings.optionsFor("gram"));
        assertEquals(Map.of("head", "doa", "hop", "50", "win", "400"),
                settings.optionsByTaskKind().get("gram").get(TaskKind.LOCALIZATION));
        assertTrue(settings.unrecognizedOptions().isEmpty());
        assertEquals(ModelOptions.NONE, settings.optionsFor("other"));
    }

    @Test
    void settingsThisVersionDoesNotKnowAreKeptVerbatim() {
        RunSettings settings = readV2Settings("{\"grid\": \"default\", \"batchSize\": \"many\", "
                + "\"model-options.m\": \"{a=1, b\", \"model-options.m[seld2]\": \"{a=1}\"}");
        assertNull(settings.batchSize(), "not an integer: not guessed");
        assertEquals(Map.of("grid", "default", "batchSize", "many", "model-options.m", "{a=1, b",
                "model-options.m[seld2]", "{a=1}"), settings.unrecognizedOptions());
        assertTrue(settings.modelOptions().isEmpty());
        String rewritten = ResultFiles.toJson(new RunResult(RunResult.SCHEMA, "r", "2025-01-01T00:00:00Z", null, null,
                settings, List.of()));
        assertTrue(rewritten.contains("\"unrecognizedOptions\" : {"), "nothing is lost when the file is rewritten");
    }

    @Test
    void aCurrentFileLeavesOutEmptyUnrecognizedOptionsAndReadsBack() {
        RunSettings settings = RunSettings.builder().seed(7L).probe("mlp").modelIds(List.of("m")).taskIds(List.of("t"))
                .batchSize(4).modelOptions("m", new ModelOptions(Map.of("k", "v")))
                .optionsForTaskKind("m", TaskKind.EVENT, new ModelOptions(Map.of("k", "w"))).build();
        String json = ResultFiles.toJson(new RunResult(RunResult.SCHEMA, "r", "2025-01-01T00:00:00Z", null, null,
                settings, List.of()));
        assertFalse(json.contains("unrecognizedOptions"), json);
        assertTrue(json.contains("\"EVENT\" : {"), json);
        assertEquals(settings, ResultFiles.fromJson(json, "memory").settings());
        assertEquals(settings, settings.toBuilder().build());
    }

    @Test
    void canonicalOptionTextIsInvertedOnlyWhenUnambiguous() {
        assertEquals(Map.of(), LegacySettings.parseCanonical("{}"));
        assertEquals(Map.of("a", "1", "b", "x=y"), LegacySettings.parseCanonical("{a=1, b=x=y}"));
        assertNull(LegacySettings.parseCanonical("{a=1, , b=2}"));
        assertNull(LegacySettings.parseCanonical("{b=1, a=2}"), "not in canonical (sorted) order");
        assertNull(LegacySettings.parseCanonical("a=1"));
    }

    private static RunSettings readV2Settings(String options) {
        String json = "{\"schema\": \"nathear.run/2\", \"runId\": \"r\", \"startedUtc\": \"2025-01-01T00:00:00Z\", "
                + "\"finishedUtc\": null, \"resumedUtc\": [], \"provenance\": null, \"settings\": {\"seed\": 1, "
                + "\"probe\": \"linear\", \"modelIds\": [\"m\"], \"taskIds\": [\"t\"], \"options\": " + options + "}, "
                + "\"cells\": []}";
        return ResultFiles.fromJson(json, "v2-settings").settings();
    }
}
