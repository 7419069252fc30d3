package org.nathear.baselines.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.OpenedModel;

/**
 * Graphs that do not match their descriptor, or misbehave: each error names the model, the tensor
 * or call, what was found and what was expected. (A model returning NaN is caught by the runner's
 * guard for every kind of model; here the graph's NaN is shown to reach the caller unchanged.)
 */
class OnnxBadModelTest {
    @TempDir
    Path dir;

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    private String openError(Path folder) {
        OnnxModelPlugin plugin = OnnxModelPlugin.load(folder);
        return assertThrows(ModelException.class, () -> plugin.open(ModelOptions.NONE).close()).getMessage();
    }

    /** The wave-scene model with its descriptor edited: pairs of (from, to) replacements. */
    private Path waveSceneWith(String... replacements) throws IOException {
        Path folder = OnnxTestModels.waveScene(dir.resolve("m"));
        String json = Files.readString(folder.resolve("model.json"));
        for (int i = 0; i < replacements.length; i += 2) {
            assertTrue(json.contains(replacements[i]), replacements[i]);
            json = json.replace(replacements[i], replacements[i + 1]);
        }
        Files.writeString(folder.resolve("model.json"), json);
        return folder;
    }

    @Test
    void aWrongInputNameListsTheGraphsInputs() throws IOException {
        assertMentions(openError(waveSceneWith("\"tensor\": \"audio\"", "\"tensor\": \"waveform\"")),
                "onnx-wave-scene", "no input 'waveform'", "[audio]");
    }

    @Test
    void aWrongOutputNameListsTheGraphsOutputs() throws IOException {
        assertMentions(openError(waveSceneWith("\"tensor\": \"embedding\"", "\"tensor\": \"emb\"")), "no output 'emb'", "[embedding]");
    }

    @Test
    void aDeclaredSizeThatTheGraphContradictsFailsAtOpen() throws IOException {
        assertMentions(openError(waveSceneWith("\"embeddingSize\": 16", "\"embeddingSize\": 32")),
                "output 'embedding' has 16 dimensions", "embeddingSize is 32");
    }

    @Test
    void aMultiChannelLayoutOnAGraphWithoutAChannelAxisFailsAtOpen() throws IOException {
        assertMentions(openError(waveSceneWith("[\"MONO\"]", "[\"MONO\", \"BINAURAL\"]")),
                "no channel axis", "[batch, channel, sample]");
    }

    @Test
    void aFramesOutputKindOnAVectorGraphFailsAtOpen() throws IOException {
        assertMentions(openError(waveSceneWith("\"kind\": \"scene\"", "\"kind\": \"frames\"",
                "\"timestampHopMillis\": 50, \"timestampWindowMillis\": 200", "\"hopMillis\": 50, \"firstFrameMillis\": 0")),
                "output 'embedding' has shape [?, 16]", "[batch, frame, dim]");
    }

    @Test
    void aFixedLengthGraphWithoutMatchingChunkingFailsAtOpen() throws IOException {
        Path folder = OnnxTestModels.foaFrames(dir.resolve("foa"));
        Files.writeString(folder.resolve("model.json"), Files.readString(folder.resolve("model.json"))
                .replace("\"minSeconds\": 0.5", "\"minSeconds\": 0.25"));
        assertMentions(openError(folder), "fixed length of 8000 samples", "chunking.minSeconds = chunking.maxSeconds", "0.500000 s");
    }

    @Test
    void aLayoutWithAnotherChannelCountThanTheGraphFailsAtOpen() throws IOException {
        Path folder = OnnxTestModels.foaFrames(dir.resolve("foa"));
        Files.writeString(folder.resolve("model.json"), Files.readString(folder.resolve("model.json")).replace("[\"FOA\"]", "[\"BINAURAL\"]"));
        assertMentions(openError(folder), "has 4 channel(s)", "BINAURAL (2 channels)");
    }

    @Test
    void aGraphThatReturnsTheWrongSizeFailsTheCallWithBothShapes() {
        OnnxModelPlugin plugin = OnnxModelPlugin.load(OnnxTestModels.wrongDimScene(dir.resolve("wrong")));
        try (OpenedModel model = plugin.open(ModelOptions.NONE)) {
            AudioClip clip = Signals.noiseClip(1, ChannelLayout.MONO, 0.5, 16000);
            String message = assertThrows(ModelException.class, () -> model.sceneEmbeddings(List.of(clip, clip))).getMessage();
            assertMentions(message, "onnx-wrong-dim", "sceneEmbeddings()", "has shape [2, 8]", "expected [2, 16]", "[2, 8000]");
            AudioClip longer = Signals.noiseClip(1, ChannelLayout.MONO, 1.0, 16000);
            assertEquals(16, model.sceneEmbeddings(List.of(longer))[0].length, "a 1 s clip happens to give the declared size");
        }
    }

    @Test
    void anOnnxRuntimeFailureNamesTheModelTheCallAndTheInputShape() throws IOException {
        Path folder = OnnxTestModels.write(dir.resolve("dyn"), OnnxTestModels.foaFramesGraph(true),
                Files.readString(OnnxTestModels.foaFrames(dir.resolve("foa")).resolve("model.json"))
                        .replace(",\n  \"chunking\": {\"maxSeconds\": 0.5, \"minSeconds\": 0.5}", ""));
        try (OpenedModel model = OnnxModelPlugin.load(folder).open(ModelOptions.NONE)) {
            AudioClip clip = Signals.noiseClip(2, ChannelLayout.FOA, 0.1003, 16000); // 1605 samples: not a multiple of 160
            String message = assertThrows(ModelException.class, () -> model.timestampEmbeddings(List.of(clip))).getMessage();
            assertMentions(message, "onnx-foa-frames", "timestampEmbeddings()", "ONNX Runtime failed", "[1, 4, 1605]");
        }
    }

    @Test
    void nanFromTheGraphReachesTheCallerForTheRunnersGuardToReport() {
        try (OpenedModel model = OnnxModelPlugin.load(OnnxTestModels.nanScene(dir.resolve("nan"))).open(ModelOptions.NONE)) {
            float[] e = model.sceneEmbeddings(List.of(Signals.noiseClip(3, ChannelLayout.MONO, 0.2, 16000)))[0];
            assertTrue(Float.isNaN(e[0]), "log of negative samples is NaN: " + e[0]);
        }
    }

    @Test
    void aGraphFileThatIsNotOnnxFailsAtOpen() throws IOException {
        Path folder = OnnxTestModels.waveScene(dir.resolve("garbage"));
        Files.writeString(folder.resolve("model.onnx"), "not a graph");
        assertMentions(openError(folder), "onnx-wave-scene", "ONNX Runtime cannot load the graph");
    }

    @Test
    void aGraphWhoseHashDiffersFromTheDeclaredOneIsRefused() throws IOException {
        Path folder = waveSceneWith("\"maxBatchSize\": 4", "\"maxBatchSize\": 4, \"weightsSha256\": \"" + "0".repeat(64) + "\"");
        assertMentions(openError(folder), "has SHA-256", "declares weightsSha256 " + "0".repeat(64));
        // the harness asks for the hash (part of every cache key) before looking in the cache: it must refuse too,
        // or a warm cache would score the replaced graph with the embeddings of the declared one
        OnnxModelPlugin plugin = OnnxModelPlugin.load(folder);
        assertMentions(assertThrows(ModelException.class, () -> plugin.weightsSha256(ModelOptions.NONE)).getMessage(),
                "has SHA-256", "declares weightsSha256 " + "0".repeat(64));
    }

    @Test
    void aMissingGraphFileIsAConfigurationError() throws IOException {
        Path folder = OnnxTestModels.waveScene(dir.resolve("nograph"));
        Files.delete(folder.resolve("model.onnx"));
        assertMentions(assertThrows(ConfigurationException.class, () -> OnnxModelPlugin.load(folder)).getMessage(),
                "holds model.json but no model.onnx");
    }

    @Test
    void badOptionsAreRejectedBeforeASessionStarts() {
        OnnxModelPlugin plugin = OnnxModelPlugin.load(OnnxTestModels.waveScene(dir.resolve("opts")));
        assertMentions(assertThrows(ConfigurationException.class,
                () -> plugin.open(new ModelOptions(java.util.Map.of("threads", "2")))).getMessage(), "threads", "intra-op-threads");
        assertMentions(assertThrows(ConfigurationException.class,
                () -> plugin.open(new ModelOptions(java.util.Map.of("max-batch-size", "0")))).getMessage(), "max-batch-size");
    }
}
