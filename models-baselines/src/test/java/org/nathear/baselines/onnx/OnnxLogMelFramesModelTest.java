package org.nathear.baselines.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.OpenedModel;

/** A log-mel-in, frame-sequence-out graph: the front end, chunk stitching of timestamps, scene = mean of frames. */
class OnnxLogMelFramesModelTest implements OnnxContract {
    @TempDir
    static Path models;

    @Override
    public Path folder() {
        Path dir = models.resolve("logmel-frames");
        return Files.isDirectory(dir) ? dir : OnnxTestModels.logMelFrames(dir);
    }

    @Test
    void framesAreTheGraphOnNathearsLogMelAndStayRegularAcrossOneSecondChunks() {
        AudioClip clip = AudioClip.mono(Signals.whiteNoise(5, 1, 40000, 0.4)[0], 16000); // 2.5 s: chunks 1 s, 1 s, 0.5 s
        float[] x = clip.channel(0);
        try (OpenedModel model = createPlugin().open(ModelOptions.NONE)) {
            FrameEmbeddings f = model.timestampEmbeddings(List.of(clip)).get(0);
            assertEquals(251, f.frameCount(), "centres 0, 10, ..., 2500 ms");
            for (int k = 0; k < f.frameCount(); k++) {
                assertEquals(10.0 * k, f.timestampsMillis()[k], 1e-9, "timestamp " + k);
            }
            // each chunk's log-mel frames 0..99 (the frame at the chunk's end belongs to the next chunk)
            float[][] chunk1 = OnnxTestModels.logMelFramesReference(Arrays.copyOfRange(x, 16000, 32000));
            for (int k : new int[] {0, 37, 99}) {
                OnnxWaveSceneModelTest.assertClose(chunk1[k], f.embeddings()[100 + k], "frame " + (100 + k));
            }
            float[][] chunk2 = OnnxTestModels.logMelFramesReference(Arrays.copyOfRange(x, 32000, 40000));
            assertEquals(51, chunk2.length);
            OnnxWaveSceneModelTest.assertClose(chunk2[50], f.embeddings()[250], "last frame, at the clip's end");
        }
    }

    @Test
    void theSceneEmbeddingIsTheMeanOfTheTimestampEmbeddings() {
        AudioClip clip = AudioClip.mono(Signals.whiteNoise(6, 1, 20000, 0.4)[0], 16000);
        try (OpenedModel model = createPlugin().open(ModelOptions.NONE)) {
            FrameEmbeddings f = model.timestampEmbeddings(List.of(clip)).get(0);
            float[] expected = new float[8];
            for (int j = 0; j < 8; j++) {
                double sum = 0;
                for (float[] frame : f.embeddings()) {
                    sum += frame[j];
                }
                expected[j] = (float) (sum / f.frameCount());
            }
            OnnxWaveSceneModelTest.assertClose(expected, model.sceneEmbeddings(List.of(clip))[0], "scene");
        }
    }
}
