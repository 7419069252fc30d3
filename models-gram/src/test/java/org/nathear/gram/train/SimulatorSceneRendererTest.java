package org.nathear.gram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.frontend.GramFrontEnd;
import org.nathear.tasks.spatial.scene.SpatialFormat;

/** The Nat-HEAR simulator behind GRAM's scene-renderer interface, and short training runs on it. */
class SimulatorSceneRendererTest {
    static final int RATE = GramFrontEnd.SAMPLE_RATE_HZ;

    static SimulatorSceneRenderer renderer(SpatialFormat format, int pool) {
        return new SimulatorSceneRenderer(org.nathear.tasks.spatial.scene.SceneSimulator.builder().setFormat(format)
                .setSampleRateHz(RATE).build(), pool, 2, 77);
    }

    static float[] tone(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / RATE) + 0.05 * r.nextGaussian());
        }
        return x;
    }

    static double energy(float[] x) {
        double e = 0;
        for (float v : x) {
            e += (double) v * v;
        }
        return e;
    }

    @Test
    void aMonoSourceBecomesTwoOrFourChannelsThatTheSeedAndStepDetermineBitForBit() {
        float[] src = tone(RATE / 2, 1);
        float[] noise = tone(RATE / 2, 2);
        for (SpatialFormat f : SpatialFormat.values()) {
            SimulatorSceneRenderer a = renderer(f, 4);
            SimulatorSceneRenderer b = renderer(f, 4);
            b.render(src, noise, RATE, 5, 3); // b's pool holds other rooms first: caching must not change the result
            SceneRenderer.SpatialScene x = a.render(src, noise, RATE, 9, 1);
            SceneRenderer.SpatialScene y = b.render(src, noise, RATE, 9, 1);
            int channels = f.layout().channelCount();
            assertEquals(f == SpatialFormat.FOA ? 4 : 2, channels);
            assertEquals(f.layout(), a.layout());
            assertEquals(channels, x.source().length);
            assertEquals(channels, x.noise().length);
            for (int c = 0; c < channels; c++) {
                assertEquals(src.length, x.source()[c].length);
                assertArrayEquals(x.source()[c], y.source()[c], f + " source channel " + c);
                assertArrayEquals(x.noise()[c], y.noise()[c], f + " noise channel " + c);
                assertTrue(energy(x.source()[c]) > 0 && energy(x.noise()[c]) > 0, f + " channel " + c + " is silent");
            }
            assertFalse(Arrays.equals(x.source()[1], x.source()[0]), f + ": channels must differ (a spatial scene)");
            SceneRenderer.SpatialScene fresh = renderer(f, 0).render(src, noise, RATE, 9);
            SceneRenderer.SpatialScene fresh2 = renderer(f, 0).render(src, noise, RATE, 9);
            assertArrayEquals(fresh.source()[0], fresh2.source()[0], "without a pool the seed alone decides");
        }
    }

    @Test
    void thePoolReusesRoomsWithinAGenerationAndDropsOldGenerations() {
        SimulatorSceneRenderer r = renderer(SpatialFormat.FOA, 2);
        float[] src = tone(RATE / 4, 3);
        List<String> rooms = new ArrayList<>();
        for (long seed = 0; seed < 6; seed++) {
            String what = r.render(src, src, RATE, seed, 0).what();
            rooms.add(what.substring(what.lastIndexOf(';') + 1));
        }
        assertTrue(rooms.stream().distinct().count() <= 2, "a pool of 2 holds at most 2 rooms per generation: " + rooms);
        assertTrue(r.pooled() <= 2);
        r.render(src, src, RATE, 1, 4); // generation 2 (refresh every 2 steps): generation 0 goes
        r.render(src, src, RATE, 2, 6); // generation 3: generation 1 (none) and 2 may stay
        assertTrue(r.pooled() <= 4, "old generations are dropped; held " + r.pooled());
        assertThrows(ConfigurationException.class, () -> r.render(src, src, 16000, 0, 0));
    }

    @Test
    void aFewAmbisonicsTrainingStepsOnSimulatedScenesGiveBitIdenticalLossesForTheSameSeed(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus");
        TestCorpus.write(corpus, 5, 3, 2.5);
        float[][] losses = new float[2][];
        for (int run = 0; run < 2; run++) {
            TrainOptions o = TrainOptions.builder(GramVariant.AMBISONICS, GramMasking.PATCH, GramSize.TINY, corpus,
                    dir.resolve("run" + run), 3, 11).batch(2, 2).learningRate(1e-3, 1)
                    .scenes(new TrainOptions.Scenes(TrainOptions.Scenes.Renderer.SIMULATOR, null, 2, 2)).build();
            GramTrainer.Result r = GramTrainer.train(o, Map.of(), text -> { });
            losses[run] = new float[r.steps().size()];
            for (int i = 0; i < losses[run].length; i++) {
                losses[run][i] = r.steps().get(i).loss();
                assertTrue(Float.isFinite(losses[run][i]) && losses[run][i] > 0);
            }
        }
        assertEquals(3, losses[0].length);
        assertArrayEquals(losses[0], losses[1], "same seed => same losses on simulated scenes");
    }

    @Test
    void theDirectRendererAndAnImpulseResponseFolderExcludeEachOther() {
        Path any = Path.of("irs");
        assertThrows(ConfigurationException.class, () -> TrainOptions.builder(GramVariant.BINAURAL, GramMasking.PATCH,
                GramSize.TINY, any, any, 1, 0).sources(any, null)
                .scenes(new TrainOptions.Scenes(TrainOptions.Scenes.Renderer.DIRECT, null, 0, 1)).build());
        assertEquals(ChannelLayout.BINAURAL, new DirectPathRenderer(ChannelLayout.BINAURAL).layout());
    }
}
