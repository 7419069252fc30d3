package org.nathear.baselines.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.OpenedModel;

/** A waveform-in, scene-vector-out graph: values against a Java reference, chunking, windows, batching, hashing. */
class OnnxWaveSceneModelTest implements OnnxContract {
    @TempDir
    static Path models;

    @Override
    public Path folder() {
        Path dir = models.resolve("wave-scene");
        return Files.isDirectory(dir) ? dir : OnnxTestModels.waveScene(dir);
    }

    private static AudioClip noise(long seed, double seconds) {
        return AudioClip.mono(Signals.whiteNoise(seed, 1, (int) Math.round(seconds * 16000), 0.5)[0], 16000);
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-5 * (1 + Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    @Test
    void aShortClipEmbedsAsTheJavaReferenceOfTheGraph() {
        AudioClip clip = noise(1, 1.5);
        try (OpenedModel model = createPlugin().open(ModelOptions.NONE)) {
            assertClose(OnnxTestModels.waveSceneReference(clip.channel(0)), model.sceneEmbeddings(List.of(clip))[0], "scene");
        }
    }

    @Test
    void aLongClipIsCutIntoTwoSecondChunksWhoseVectorsAreAveragedByLength() {
        AudioClip clip = noise(2, 4.5); // chunks of 2 s, 2 s and 0.5 s
        float[] x = clip.channel(0);
        float[][] chunks = {
            OnnxTestModels.waveSceneReference(java.util.Arrays.copyOfRange(x, 0, 32000)),
            OnnxTestModels.waveSceneReference(java.util.Arrays.copyOfRange(x, 32000, 64000)),
            OnnxTestModels.waveSceneReference(java.util.Arrays.copyOfRange(x, 64000, 72000))};
        float[] expected = new float[16];
        for (int j = 0; j < 16; j++) {
            expected[j] = (float) ((32000.0 * chunks[0][j] + 32000.0 * chunks[1][j] + 8000.0 * chunks[2][j]) / 72000);
        }
        try (OpenedModel model = createPlugin().open(ModelOptions.NONE)) {
            assertClose(expected, model.sceneEmbeddings(List.of(clip))[0], "chunked scene");
        }
    }

    @Test
    void timestampEmbeddingsAreTheGraphOnWindowsCentredEvery50Ms() {
        AudioClip clip = noise(3, 0.43);
        float[] x = clip.channel(0);
        try (OpenedModel model = createPlugin().open(ModelOptions.NONE)) {
            FrameEmbeddings f = model.timestampEmbeddings(List.of(clip)).get(0);
            assertEquals(1 + 8, f.frameCount(), "centres 0, 50, ..., 400 ms within 430 ms");
            for (int k = 0; k < f.frameCount(); k++) {
                assertEquals(50.0 * k, f.timestampsMillis()[k], 1e-9);
                float[] window = new float[3200]; // 200 ms, zero outside the clip
                for (int i = 0; i < 3200; i++) {
                    int n = k * 800 - 1600 + i;
                    window[i] = n >= 0 && n < x.length ? x[n] : 0f;
                }
                assertClose(OnnxTestModels.waveSceneReference(window), f.embeddings()[k], "window " + k);
            }
        }
    }

    @Test
    void aClipEmbedsTheSameAloneAndInABatchOfClipsOfOtherLengths() {
        AudioClip clip = noise(4, 1.0);
        List<AudioClip> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batch.add(i == 3 ? clip : noise(10 + i, 0.5 + 0.25 * (i % 3)));
        }
        try (OpenedModel model = createPlugin().open(new ModelOptions(Map.of("max-batch-size", "3")))) {
            float[] alone = model.sceneEmbeddings(List.of(clip))[0];
            float[][] all = model.sceneEmbeddings(batch);
            assertArrayEquals(alone, all[3], "same clip, same embedding, whatever the batch");
        }
    }

    @Test
    void theWeightsHashIsTheSha256OfModelOnnx() throws Exception {
        byte[] bytes = Files.readAllBytes(folder().resolve("model.onnx"));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(expected, createPlugin().weightsSha256(ModelOptions.NONE));
    }

    @Test
    void theRecordedVersionFingerprintsTheDescriptorSettingsButNotItsDescription() throws IOException {
        Path copy = models.resolve("wave-scene-copy");
        OnnxTestModels.waveScene(copy);
        String json = Files.readString(copy.resolve("model.json"));
        String base = OnnxModelPlugin.load(copy).descriptor().version();
        assertTrue(base.matches("1\\.0\\.0\\+[0-9a-f]{8}"), base);
        Files.writeString(copy.resolve("model.json"), json.replace("test graph", "renamed graph").replace("\"maxBatchSize\": 4", "\"maxBatchSize\": 2"));
        assertEquals(base, OnnxModelPlugin.load(copy).descriptor().version(), "description and batch size do not change embeddings");
        Files.writeString(copy.resolve("model.json"), json.replace("\"maxSeconds\": 2.0", "\"maxSeconds\": 3.0"));
        assertTrue(!base.equals(OnnxModelPlugin.load(copy).descriptor().version()), "chunking changes embeddings, so the version");
    }
}
