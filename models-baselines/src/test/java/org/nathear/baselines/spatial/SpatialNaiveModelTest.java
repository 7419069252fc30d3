package org.nathear.baselines.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ModelOptions;
import org.nathear.api.contract.ModelPluginContract;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

class SpatialNaiveModelTest implements ModelPluginContract {
    private static final int FS = 32000;

    @Override
    public ModelPlugin createPlugin() {
        return new SpatialNaiveModel();
    }

    private static float[] noise(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.2 * r.nextGaussian());
        }
        return x;
    }

    @Test
    void weightsHashIsTheModelKeyOfEveryExistingCache() {
        // printed by the code before hashing moved to harness-api: a change would invalidate every user's cache
        assertEquals("5708add319e0867cd9956adc2f37282b6cd91a021355f37277ae0d10907f7f7a",
                createPlugin().weightsSha256(ModelOptions.NONE));
        assertEquals("f8a89ba8d1d98611a6710945d87c98e62d8b398ad09ba8119b615a53d8f51dc4",
                createPlugin().weightsSha256(new ModelOptions(Map.of("seed", "7"))));
    }

    @Test
    void foaIntensityFeaturesPointAtAPlaneWavesDirectionInEveryBand() {
        double az = Math.toRadians(130);
        double el = Math.toRadians(-25);
        double[] d = {Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)};
        float[] s = noise(1, FS);
        float[][] foa = new float[4][FS];
        for (int i = 0; i < FS; i++) {
            foa[0][i] = s[i];
            foa[1][i] = (float) (s[i] * d[1]);
            foa[2][i] = (float) (s[i] * d[2]);
            foa[3][i] = (float) (s[i] * d[0]);
        }
        SpatialFeatures f = new SpatialFeatures(new AudioClip(foa, FS, ChannelLayout.FOA));
        float[] spatial = f.spatial(0, f.frameCount());
        int m = SpatialFeatures.N_MELS;
        for (int band = 5; band < m; band += 7) {
            for (int a = 0; a < 3; a++) {
                assertEquals(d[a], spatial[a * m + band], 1e-4, "summed intensity, band " + band + " axis " + a);
                assertEquals(d[a], spatial[(3 + a) * m + band], 1e-4, "mean unit intensity, band " + band + " axis " + a);
            }
        }
    }

    @Test
    void binauralFeaturesSeeTheLouderAndEarlierEar() {
        float[] s = noise(2, FS);
        int lag = 12; // the right ear hears it 12 samples (375 us) later and 6 dB quieter
        float[] left = s.clone();
        float[] right = new float[FS];
        for (int i = lag; i < FS; i++) {
            right[i] = 0.5f * s[i - lag];
        }
        SpatialFeatures f = new SpatialFeatures(new AudioClip(new float[][] {left, right}, FS, ChannelLayout.BINAURAL));
        float[] spatial = f.spatial(0, f.frameCount());
        int m = SpatialFeatures.N_MELS;
        for (int band = 2; band < m; band += 9) {
            assertEquals(0.602, spatial[band], 0.05, "ILD / 10 in band " + band);
        }
        for (int band = 2; band < 16; band++) { // narrow low bands: the 375 us delay barely turns the phase across a band
            assertTrue(spatial[3 * m + band] > 0.9, "coherent in band " + band + ": " + spatial[3 * m + band]);
        }
        int peak = 0;
        for (int i = 1; i <= 2 * SpatialFeatures.MAX_LAG; i++) {
            if (spatial[4 * m + i] > spatial[4 * m + peak]) {
                peak = i;
            }
        }
        assertEquals(-lag, peak - SpatialFeatures.MAX_LAG, "GCC-PHAT peaks at the lag of L conj(R)");
    }

    @Test
    void embeddingsOfMirroredScenesDifferOnlyThroughTheSpatialBlock() {
        float[] s = noise(3, FS);
        float[] quiet = new float[FS];
        for (int i = 0; i < FS; i++) {
            quiet[i] = 0.3f * s[i];
        }
        try (OpenedModel model = createPlugin().open(ModelOptions.NONE)) {
            float[][] e = model.sceneEmbeddings(List.of(new AudioClip(new float[][] {s, quiet}, FS, ChannelLayout.BINAURAL),
                    new AudioClip(new float[][] {quiet, s}, FS, ChannelLayout.BINAURAL)));
            double spatialDiff = 0;
            for (int i = SpatialNaiveModel.BLOCK_SIZE; i < SpatialNaiveModel.EMBEDDING_SIZE; i++) {
                spatialDiff += Math.abs(e[0][i] - e[1][i]);
            }
            assertTrue(spatialDiff > 1, "left-loud and right-loud scenes differ in the spatial block: " + spatialDiff);
        }
    }

    @Test
    void rejectsMonoAndWrongRates() {
        try (OpenedModel model = createPlugin().open(ModelOptions.NONE)) {
            AudioFormatException mono = assertThrows(AudioFormatException.class,
                    () -> model.sceneEmbeddings(List.of(AudioClip.mono(new float[FS], FS))));
            assertTrue(mono.getMessage().contains("MONO"), mono.getMessage());
            AudioFormatException rate = assertThrows(AudioFormatException.class, () -> model.sceneEmbeddings(
                    List.of(new AudioClip(new float[2][16000], 16000, ChannelLayout.BINAURAL))));
            assertTrue(rate.getMessage().contains("16000"), rate.getMessage());
        }
    }
}
