package org.nathear.baselines.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.OpenedModel;

/** A four-channel (FOA) graph with a fixed input length: padding of the last chunk, channel order, layout checks. */
class OnnxFoaFramesModelTest implements OnnxContract {
    @TempDir
    static Path models;

    @Override
    public Path folder() {
        Path dir = models.resolve("foa-frames");
        return Files.isDirectory(dir) ? dir : OnnxTestModels.foaFrames(dir);
    }

    @Test
    void everyChunkIsPaddedToTheFixedHalfSecondAndFramesOfThePaddingAreDropped() {
        AudioClip clip = Signals.noiseClip(7, ChannelLayout.FOA, 1.2, 16000); // chunks 0.5, 0.5, 0.2 (+0.3 s of zeros)
        try (OpenedModel model = createPlugin().open(ModelOptions.NONE)) {
            FrameEmbeddings f = model.timestampEmbeddings(List.of(clip)).get(0);
            assertEquals(120, f.frameCount(), "centres 5, 15, ..., 1195 ms");
            assertEquals(5.0, f.timestampsMillis()[0], 1e-9);
            assertEquals(1195.0, f.timestampsMillis()[119], 1e-9);
            float[][] last = new float[4][8000];
            for (int c = 0; c < 4; c++) {
                System.arraycopy(clip.channel(c), 16000, last[c], 0, 3200);
            }
            float[][] reference = OnnxTestModels.foaFramesReference(last);
            for (int k = 0; k < 20; k++) {
                OnnxWaveSceneModelTest.assertClose(reference[k], f.embeddings()[100 + k], "frame " + (100 + k));
            }
        }
    }

    @Test
    void swappingAmbisonicChannelsChangesTheEmbedding() {
        AudioClip clip = Signals.noiseClip(8, ChannelLayout.FOA, 0.5, 16000);
        float[][] s = clip.samples();
        float[][] quiet = {s[0], scaled(s[1], 0.1f), s[2], s[3]};
        try (OpenedModel model = createPlugin().open(ModelOptions.NONE)) {
            float[][] e = model.sceneEmbeddings(List.of(clip, new AudioClip(quiet, 16000, ChannelLayout.FOA)));
            assertFalse(Arrays.equals(e[0], e[1]), "a model of all four channels hears a quieter Y channel");
        }
    }

    private static float[] scaled(float[] x, float g) {
        float[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= g;
        }
        return out;
    }

    @Test
    void monoAudioIsRejectedNamingTheModelAndTheAcceptedLayouts() {
        AudioClip mono = Signals.noiseClip(9, ChannelLayout.MONO, 0.5, 16000);
        try (OpenedModel model = createPlugin().open(ModelOptions.NONE)) {
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> model.sceneEmbeddings(List.of(mono)));
            assertTrue(e.getMessage().contains("onnx-foa-frames") && e.getMessage().contains("[FOA]")
                    && e.getMessage().contains("MONO"), e.getMessage());
        }
    }
}
