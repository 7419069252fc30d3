package org.nathear.baselines.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.audio.MelFilterbank;
import org.nathear.api.audio.Stft;

/** model.json is read strictly: every error names the file and the key, and what was expected. */
class OnnxModelDescriptorTest {
    @TempDir
    Path dir;

    static final String GOOD = """
            {
              "schema": "nathear.onnx-model/1",
              "id": "my-model",
              "version": "2.1",
              "sampleRateHz": 16000,
              "acceptedLayouts": ["mono"],
              "input": {"tensor": "audio", "kind": "waveform"},
              "output": {"tensor": "frames", "kind": "frames", "embeddingSize": 768, "hopMillis": 20, "firstFrameMillis": 10},
              "maxBatchSize": 8
            }
            """;

    private OnnxModelDescriptor read(String json) {
        return OnnxModelDescriptor.read(OnnxTestModels.writeDescriptor(dir, json));
    }

    private String error(String json) {
        return assertThrows(ConfigurationException.class, () -> read(json)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void readsAMinimalDescriptorWithItsDefaults() {
        OnnxModelDescriptor d = read(GOOD);
        assertEquals("my-model", d.id());
        assertEquals(Set.of(ChannelLayout.MONO), d.acceptedLayouts());
        assertEquals(OnnxModelDescriptor.OutputKind.FRAMES, d.output().kind());
        assertEquals(20.0, d.output().hopMillis());
        assertEquals(10.0, d.output().firstFrameMillis());
        assertNull(d.chunking());
        assertEquals(0, d.intraOpThreads());
        assertEquals("", d.description());
        assertEquals(Integer.MAX_VALUE, d.maxPieceSamples());
        assertEquals(20.0, d.toModelDescriptor().timestampHopMillis());
        assertEquals(768, d.toModelDescriptor().sceneEmbeddingSize());
    }

    @Test
    void readsTheLogMelFrontEndIntoAMelSpectrogramConfig() {
        OnnxModelDescriptor d = read(GOOD.replace("{\"tensor\": \"audio\", \"kind\": \"waveform\"}", """
                {"tensor": "fbank", "kind": "logmel", "logmel": {"nFft": 512, "winLength": 400, "hopLength": 160, "nMels": 128,
                  "fMinHz": 20, "fMaxHz": 7600, "power": 2.0, "center": false, "padMode": "zero", "melScale": "slaney",
                  "melNorm": "slaney", "logEpsilon": 1e-10}}"""));
        assertEquals(512, d.input().logMel().nFft());
        assertEquals(16000, d.input().logMel().sampleRateHz(), "the front end runs at the model's rate");
        assertEquals(Stft.PadMode.ZERO, d.input().logMel().padMode());
        assertEquals(MelFilterbank.Scale.SLANEY, d.input().logMel().melScale());
        assertEquals(1e-10, d.input().logMel().logEpsilon());
    }

    @Test
    void aMissingKeyIsNamedWithTheFile() {
        String message = error(GOOD.replace("\"maxBatchSize\": 8", "\"description\": \"x\""));
        assertMentions(message, "model.json", "'maxBatchSize'", "missing");
        assertMentions(error(GOOD.replace(", \"firstFrameMillis\": 10", "")), "'output.firstFrameMillis'", "missing");
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() {
        String message = error(GOOD.replace("\"maxBatchSize\": 8", "\"maxBatchSize\": 8, \"maxBatch\": 4"));
        assertMentions(message, "model.json", "unknown key", "maxBatch", "known keys", "maxBatchSize", "chunking");
        assertMentions(error(GOOD.replace("\"hopMillis\": 20", "\"hopMilis\": 20, \"hopMillis\": 20")),
                "'output.hopMilis'", "known keys of 'output'", "firstFrameMillis");
    }

    @Test
    void keysOfTheOtherKindAreRejected() {
        assertMentions(error(GOOD.replace("\"firstFrameMillis\": 10", "\"firstFrameMillis\": 10, \"timestampWindowMillis\": 5")),
                "output.timestampWindowMillis");
        assertMentions(error(GOOD.replace("\"kind\": \"waveform\"", "\"kind\": \"waveform\", \"logmel\": {}")),
                "'input.logmel'", "must not be present", "waveform");
    }

    @Test
    void wrongTypesAndValuesSayWhatWasExpected() {
        assertMentions(error(GOOD.replace("16000", "\"16k\"")), "'sampleRateHz'", "integer", "16k");
        assertMentions(error(GOOD.replace("\"kind\": \"frames\"", "\"kind\": \"sequence\"")),
                "'output.kind'", "sequence", "[scene, frames]");
        assertMentions(error(GOOD.replace("[\"mono\"]", "[\"stereo\"]")), "'acceptedLayouts'", "stereo", "BINAURAL");
        assertMentions(error(GOOD.replace("\"my-model\"", "\"My Model\"")), "'id'", "My Model", "[a-z]");
        assertMentions(error(GOOD.replace("nathear.onnx-model/1", "nathear.onnx-model/9")), "'schema'", "/9", "nathear.onnx-model/1");
        assertMentions(error(GOOD.replace("\"maxBatchSize\": 8", "\"maxBatchSize\": 0")), "'maxBatchSize'", "at least 1");
        assertMentions(error(GOOD.replace("\"maxBatchSize\": 8", "\"maxBatchSize\": 8, \"chunking\": {\"maxSeconds\": 1, \"minSeconds\": 2}")),
                "'chunking.minSeconds'", "at most maxSeconds");
        assertMentions(error(GOOD.replace("\"maxBatchSize\": 8", "\"maxBatchSize\": 8, \"weightsSha256\": \"abc\"")),
                "'weightsSha256'", "64 hexadecimal");
    }

    @Test
    void anInvalidFrontEndNamesTheKeyAndTheSetting() {
        String json = GOOD.replace("{\"tensor\": \"audio\", \"kind\": \"waveform\"}", """
                {"tensor": "fbank", "kind": "logmel", "logmel": {"nFft": 512, "winLength": 400, "hopLength": 160, "nMels": 64,
                  "fMinHz": 0, "fMaxHz": 11025, "power": 2, "center": true, "padMode": "reflect", "melScale": "htk",
                  "melNorm": "none", "logEpsilon": 1e-6}}""");
        assertMentions(error(json), "model.json", "'input.logmel'", "fMaxHz=11025", "8000");
    }

    @Test
    void brokenJsonNamesTheLine() {
        assertMentions(error("{\n  \"schema\": \n}"), "model.json", "not valid JSON", "line 3");
    }

    @Test
    void aFolderWithoutADescriptorSaysWhatAModelFolderHolds() {
        assertMentions(assertThrows(ConfigurationException.class, () -> OnnxModelDescriptor.read(dir.resolve("empty"))).getMessage(),
                "no model.json", "model.onnx");
    }

    @Test
    void aSceneWindowLongerThanAChunkIsRejected() {
        String json = GOOD.replace("\"kind\": \"frames\", \"embeddingSize\": 768, \"hopMillis\": 20, \"firstFrameMillis\": 10",
                "\"kind\": \"scene\", \"embeddingSize\": 768, \"timestampHopMillis\": 50, \"timestampWindowMillis\": 3000")
                .replace("\"maxBatchSize\": 8", "\"maxBatchSize\": 8, \"chunking\": {\"maxSeconds\": 2}");
        assertMentions(error(json), "timestampWindowMillis", "3000", "chunking.maxSeconds");
    }
}
