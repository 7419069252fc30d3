package org.nathear.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.LogMelSpectrogram;
import org.nathear.api.audio.MelSpectrogramConfig;
import org.nathear.api.audio.Signals;
import org.nathear.api.contract.ModelPluginContract;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

class HearNaiveModelTest implements ModelPluginContract {
    private static final long SEED = 0;

    @Override
    public ModelPlugin createPlugin() {
        return new HearNaiveModel();
    }

    private static HearNaiveModel.Opened open(long seed) {
        return (HearNaiveModel.Opened) new HearNaiveModel().open(new ModelOptions(Map.of("seed", Long.toString(seed))));
    }

    @Test
    void weightsHashIsTheModelKeyOfEveryExistingCache() {
        // printed by the code before hashing moved to harness-api: a change would invalidate every user's cache
        assertEquals("beca2bd1864c65662f135251556de788014c8ab90b5c73adf72dad150dce0c29",
                createPlugin().weightsSha256(ModelOptions.NONE));
        assertEquals("b7f3c9336e2c09e2c8b3d0bb331a2ea3659628d245b615129a4063ae962fdc8b",
                createPlugin().weightsSha256(new ModelOptions(Map.of("seed", "7"))));
    }

    @Test
    void describesTheHearNaiveBaseline() {
        ModelDescriptor d = createPlugin().descriptor();
        assertEquals("hear-naive", d.id());
        assertEquals("1.0.0", d.version());
        assertEquals(44100, d.sampleRateHz());
        assertEquals(Set.of(ChannelLayout.MONO), d.acceptedLayouts());
        assertEquals(4096, d.sceneEmbeddingSize());
        assertEquals(4096, d.timestampEmbeddingSize());
        assertEquals(50.0, d.timestampHopMillis());
    }

    @Test
    void projectionWeightsAreTheDocumentedGaussianDrawsFromTheSeed() {
        RandomProjection p = RandomProjection.gaussian(42, 256, 4096);
        Random r = new Random(42);
        // generation order: output-major, then input
        for (int d = 0; d < 2; d++) {
            for (int m = 0; m < 256; m++) {
                assertEquals((float) (r.nextGaussian() / 16), p.weight(d, m), "W[" + d + "][" + m + "]");
            }
        }
        double sum = 0;
        double sumSq = 0;
        for (int d = 0; d < 4096; d++) {
            for (int m = 0; m < 256; m++) {
                sum += p.weight(d, m);
                sumSq += (double) p.weight(d, m) * p.weight(d, m);
            }
        }
        double n = 4096.0 * 256;
        assertEquals(0, sum / n, 5e-4, "mean of 1M N(0, 1/256) draws");
        assertEquals(1.0 / 256, sumSq / n, 1.0 / 256 * 0.01, "variance 1/256 within 1 %");
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOtherWeights() {
        RandomProjection a = RandomProjection.gaussian(7, 256, 4096);
        RandomProjection b = RandomProjection.gaussian(7, 256, 4096);
        RandomProjection c = RandomProjection.gaussian(8, 256, 4096);
        int differing = 0;
        for (int d = 0; d < 4096; d += 37) {
            for (int m = 0; m < 256; m += 5) {
                assertEquals(a.weight(d, m), b.weight(d, m));
                if (a.weight(d, m) != c.weight(d, m)) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 5000, "seeds 7 and 8 differ in " + differing + " sampled weights");
    }

    @Test
    void projectingEqualsTheMatrixProductComputedInDouble() {
        RandomProjection p = RandomProjection.gaussian(3, 256, 4096);
        float[][] rows = Signals.whiteNoise(5, 3, 256, 10);
        float[][] y = p.project(rows);
        for (int t = 0; t < rows.length; t++) {
            for (int d = 0; d < 4096; d++) {
                double expected = 0;
                for (int m = 0; m < 256; m++) {
                    expected += (double) p.weight(d, m) * rows[t][m];
                }
                assertEquals(expected, y[t][d], 1e-4, "y[" + t + "][" + d + "]");
            }
        }
    }

    @Test
    void timestampsAreEvery50MsFromZeroAndStayWithinTheClip() {
        try (OpenedModel model = open(SEED)) {
            int[] lengths = {1, 2204, 2205, 44100, 47186, 100000};
            List<AudioClip> clips = new ArrayList<>();
            for (int n : lengths) {
                clips.add(AudioClip.mono(Signals.whiteNoise(n, 1, n, 0.5)[0], 44100));
            }
            List<FrameEmbeddings> out = model.timestampEmbeddings(clips);
            for (int i = 0; i < lengths.length; i++) {
                FrameEmbeddings f = out.get(i);
                assertEquals(1 + lengths[i] / 2205, f.frameCount(), "frames for " + lengths[i] + " samples");
                for (int k = 0; k < f.frameCount(); k++) {
                    assertEquals(50.0 * k, f.timestampsMillis()[k], 1e-9);
                }
                double lastMillis = f.timestampsMillis()[f.frameCount() - 1];
                assertTrue(lastMillis <= lengths[i] * 1000.0 / 44100, "last centre " + lastMillis + " ms inside the clip");
            }
        }
    }

    @Test
    void eachTimestampEmbeddingIsTheProjectionOfItsLogMelFrame() {
        AudioClip clip = AudioClip.mono(Signals.sine(1234, 0.3, 0, 30000, 44100), 44100);
        try (HearNaiveModel.Opened model = open(SEED)) {
            FrameEmbeddings f = model.timestampEmbeddings(List.of(clip)).get(0);
            float[][] logMel = new LogMelSpectrogram(HearNaiveModel.logMelConfig()).compute(clip.channel(0));
            assertEquals(logMel.length, f.frameCount());
            RandomProjection w = model.projection();
            for (int k : new int[] {0, 6, f.frameCount() - 1}) {
                for (int d = 0; d < 4096; d += 101) {
                    double expected = 0;
                    for (int m = 0; m < 256; m++) {
                        expected += (double) w.weight(d, m) * logMel[k][m];
                    }
                    assertEquals(expected, f.embeddings()[k][d], 1e-4 * (1 + Math.abs(expected)), "frame " + k + " dim " + d);
                }
            }
        }
    }

    @Test
    void sceneEmbeddingIsTheMeanOfProjected250MsFramesWhichEqualsTheProjectedMean() {
        AudioClip clip = AudioClip.mono(Signals.whiteNoise(9, 1, 100000, 0.4)[0], 44100);
        try (HearNaiveModel.Opened model = open(SEED)) {
            float[] scene = model.sceneEmbeddings(List.of(clip))[0];

            MelSpectrogramConfig c = HearNaiveModel.logMelConfig().withHopLength(HearNaiveModel.SCENE_HOP_SAMPLES);
            float[][] frames = new LogMelSpectrogram(c).compute(clip.channel(0));
            assertEquals(1 + 100000 / 11025, frames.length, "250 ms frames");
            float[][] projected = model.projection().project(frames);
            double maxAbs = 0;
            double maxErr = 0;
            for (int d = 0; d < 4096; d++) {
                double mean = 0;
                for (float[] e : projected) {
                    mean += e[d];
                }
                mean /= projected.length;
                maxAbs = Math.max(maxAbs, Math.abs(mean));
                maxErr = Math.max(maxErr, Math.abs(mean - scene[d]));
            }
            assertTrue(maxErr < 1e-5 * maxAbs, "mean of W x_t vs W mean(x_t): largest difference " + maxErr
                    + " for values up to " + maxAbs);
        }
    }

    @Test
    void weightsHashDependsOnTheSeedAndIsStable() {
        HearNaiveModel plugin = new HearNaiveModel();
        String zero = plugin.weightsSha256(ModelOptions.NONE);
        assertEquals(64, zero.length());
        assertTrue(zero.matches("[0-9a-f]{64}"), zero);
        assertEquals(zero, plugin.weightsSha256(new ModelOptions(Map.of("seed", "0"))), "seed 0 is the default");
        assertNotEquals(zero, plugin.weightsSha256(new ModelOptions(Map.of("seed", "1"))));
        assertTrue(HearNaiveModel.weightsDescription(5).contains(":seed=5:"), HearNaiveModel.weightsDescription(5));
        assertTrue(HearNaiveModel.weightsDescription(5).contains(":dims=4096:"), HearNaiveModel.weightsDescription(5));
    }

    @Test
    void differentSeedsGiveDifferentEmbeddingsOfTheSameAudio() {
        List<AudioClip> clip = List.of(AudioClip.mono(Signals.whiteNoise(1, 1, 44100, 0.5)[0], 44100));
        try (OpenedModel a = open(1); OpenedModel b = open(2); OpenedModel again = open(1)) {
            assertFalse(Arrays.equals(a.sceneEmbeddings(clip)[0], b.sceneEmbeddings(clip)[0]));
            assertArrayEquals(a.sceneEmbeddings(clip)[0], again.sceneEmbeddings(clip)[0]);
        }
    }

    @Test
    void rejectsUnknownOptionsAndNonMonoOrWrongRateAudio() {
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> new HearNaiveModel().open(new ModelOptions(Map.of("dims", "512"))));
        assertTrue(unknown.getMessage().contains("dims") && unknown.getMessage().contains("seed"), unknown.getMessage());
        try (OpenedModel model = open(SEED)) {
            AudioClip stereo = Signals.noiseClip(1, ChannelLayout.BINAURAL, 0.1, 44100);
            AudioFormatException layout = assertThrows(AudioFormatException.class, () -> model.sceneEmbeddings(List.of(stereo)));
            assertTrue(layout.getMessage().contains("BINAURAL"), layout.getMessage());
            AudioClip slow = Signals.noiseClip(1, ChannelLayout.MONO, 0.1, 16000);
            AudioFormatException rate = assertThrows(AudioFormatException.class, () -> model.timestampEmbeddings(List.of(slow)));
            assertTrue(rate.getMessage().contains("16000 Hz") && rate.getMessage().contains("44100 Hz"), rate.getMessage());
        }
    }
}
