package org.nathear.tasks.spatial.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.tasks.acoustics.RoomSimulator;
import org.nathear.tasks.dsp.FftConvolver;
import org.nathear.tasks.spatial.noise.GeneratedNoiseBank;
import org.nathear.tasks.spatial.noise.NoiseClip;
import org.nathear.tasks.spatial.noise.NoiseClips;
import org.nathear.tasks.spatial.TaskFiles;

class SceneSimulatorTest {
    private static final int FS = 16000;

    private static float[] source(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.2 * r.nextGaussian() * (i % 4000 < 2500 ? 1 : 0.1));
        }
        return x;
    }

    @Test
    void theSameSeedGivesTheSameSceneBitForBitAndAnotherSeedAnother() {
        SceneSimulator r = SceneSimulator.builder().setFormat(SpatialFormat.FOA).setSampleRateHz(FS).build();
        float[] x = source(1, FS);
        RenderedScene a = r.render(x, 42);
        RenderedScene b = r.render(x, 42);
        RenderedScene c = r.render(x, 43);
        assertEquals(ChannelLayout.FOA, a.audio().layout());
        assertEquals(FS, a.audio().frameCount(), "the scene is as long as the dry source");
        assertArrayEquals(a.audio().samples(), b.audio().samples());
        assertEquals(TaskFiles.JSON.valueToTree(a.parameters()), TaskFiles.JSON.valueToTree(b.parameters()));
        assertFalse(Arrays.deepEquals(a.audio().samples(), c.audio().samples()));
    }

    /**
     * The mixture is target + g · noise with one g for every channel, and g sets the SNR over the
     * samples where noise is present: recomputed here from the scene's own responses and noise.
     */
    @Test
    void noiseIsMixedAtTheSceneSnrWithOneGainForAllChannels() {
        for (SpatialFormat format : SpatialFormat.values()) {
            SceneSimulator r = SceneSimulator.builder().setFormat(format).setSampleRateHz(FS).build();
            float[] x = source(2, 2 * FS);
            long seed = 9;
            SceneParameters scene = r.sampleScene(seed);
            SceneImpulseResponses irs = r.impulseResponses(scene, seed);
            GeneratedNoiseBank bank = new GeneratedNoiseBank();
            SplittableRandom draws = new SplittableRandom(5);
            List<NoiseClip> clips = irs.noise().stream().map(h -> bank.draw(draws, FS)).toList();
            RenderedScene mixed = r.mix(x, scene, irs, clips, seed);
            float[][] target = FftConvolver.convolve(x, irs.source(), x.length);
            double[][] noise = new double[target.length][x.length];
            for (int i = 0; i < clips.size(); i++) {
                RenderedScene.NoiseUse use = mixed.mix().noiseClips().get(i);
                float[] placed = new float[x.length + irs.noise().get(i)[0].length];
                int shift = irs.noise().get(i)[0].length; // room for noise that started before the scene
                for (int t = 0; t < clips.get(i).samples().length; t++) {
                    int at = use.offsetSamples() + t + shift;
                    if (at >= 0 && at < placed.length) {
                        placed[at] = clips.get(i).samples()[t];
                    }
                }
                float[][] wet = FftConvolver.convolve(placed, irs.noise().get(i), placed.length);
                for (int c = 0; c < target.length; c++) {
                    for (int t = 0; t < x.length; t++) {
                        noise[c][t] += wet[c][t + shift];
                    }
                }
            }
            double g = mixed.mix().noiseGain();
            double a = mixed.mix().outputGain();
            double targetEnergy = 0;
            double noiseEnergy = 0;
            for (int c = 0; c < target.length; c++) {
                for (int t = 0; t < x.length; t++) {
                    double expected = a * (target[c][t] + g * noise[c][t]);
                    assertEquals(expected, mixed.audio().samples()[c][t], 2e-4 * a + 1e-6, format + " channel " + c + " sample " + t);
                    targetEnergy += target[c][t] * target[c][t];
                    noiseEnergy += g * g * noise[c][t] * noise[c][t];
                }
            }
            boolean coversAll = mixed.mix().noiseClips().stream()
                    .allMatch(u -> u.offsetSamples() <= 0 && u.offsetSamples() + u.lengthSamples() >= x.length);
            assertTrue(coversAll, "10 s noise clips cover a 2 s scene, so the SNR is over the whole scene");
            assertEquals(scene.noise().snrDb(), 10 * Math.log10(targetEnergy / noiseEnergy), 0.01, format + " SNR");
        }
    }

    @Test
    void binauralScenesPutTheSourcesSideFirst() {
        SceneSimulator r = SceneSimulator.builder().setFormat(SpatialFormat.BINAURAL).setSampleRateHz(FS)
                .optRoomSettings(RoomSimulator.Settings.anechoic()).build();
        float[] x = source(3, FS);
        int checked = 0;
        for (long seed = 0; seed < 12; seed++) {
            SceneParameters scene = r.sampleScene(seed);
            double az = Math.toRadians(scene.source().azimuthDegrees());
            double el = Math.toRadians(scene.source().elevationDegrees());
            double lateral = Math.asin(Math.sin(az) * Math.cos(el));
            if (Math.abs(Math.toDegrees(lateral)) < 20) {
                continue;
            }
            float[][] ears = r.impulseResponses(scene, seed).source();
            double lead = onset(ears[1]) - onset(ears[0]); // positive when the left ear hears it first
            assertEquals(Math.signum(lateral), Math.signum(lead), "source at azimuth " + scene.source().azimuthDegrees());
            checked++;
        }
        assertTrue(checked >= 4, "enough lateral sources checked: " + checked);
        assertEquals(2, r.render(x, 1).audio().channelCount());
    }

    @Test
    void aSilentSourceGetsNoNoiseAndSaysWhy() {
        SceneSimulator r = SceneSimulator.builder().setFormat(SpatialFormat.FOA).setSampleRateHz(FS).build();
        RenderedScene s = r.render(new float[FS / 2], 1);
        assertEquals(0, s.mix().noiseGain());
        assertTrue(s.mix().note().contains("silent"), s.mix().note());
        for (float[] c : s.audio().samples()) {
            for (float v : c) {
                assertEquals(0, v, 0);
            }
        }
    }

    @Test
    void builderRejectsMissingOrContradictorySettings() {
        assertThrows(ConfigurationException.class, () -> SceneSimulator.builder().setSampleRateHz(FS).build());
        assertThrows(ConfigurationException.class, () -> SceneSimulator.builder().setFormat(SpatialFormat.FOA).build());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SceneSimulator.builder()
                .setFormat(SpatialFormat.FOA).setSampleRateHz(FS)
                .optHrtf(org.nathear.tasks.hrtf.SphericalHeadModel.atRate(FS)).build());
        assertTrue(e.getMessage().contains("binaural"), e.getMessage());
    }

    /** A short noise clip (0.5 s of white noise with the usual fades), so it plays in part of a 2 s scene only. */
    private static NoiseClip shortNoise(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] n = new float[FS / 2];
        for (int i = 0; i < n.length; i++) {
            n[i] = (float) (0.3 * r.nextGaussian());
        }
        return new NoiseClip("test:white", NoiseClips.trimAndFade(n, FS, r));
    }

    /** The noise part of a mixture, per channel: output / output gain − reverberant source. */
    private static double[][] noisePart(RenderedScene mixed, float[][] target) {
        double a = mixed.mix().outputGain();
        float[][] out = mixed.audio().samples();
        double[][] noise = new double[out.length][out[0].length];
        for (int c = 0; c < out.length; c++) {
            for (int t = 0; t < out[c].length; t++) {
                noise[c][t] = out[c][t] / a - target[c][t];
            }
        }
        return noise;
    }

    private static double energy(float[] x, int from, int to) {
        double e = 0;
        for (int t = from; t < to; t++) {
            e += (double) x[t] * x[t];
        }
        return e;
    }

    private static double energy(double[] x, int from, int to) {
        double e = 0;
        for (int t = from; t < to; t++) {
            e += x[t] * x[t];
        }
        return e;
    }

    /**
     * nathear's mixing: with a noise clip shorter than the scene, the SNR summed over channels is the
     * target over the samples where noise plays, not over the whole clip (recomputed from the output).
     */
    @Test
    void nathearMixingSetsTheSnrOverTheNoiseActiveSegment() {
        for (SpatialFormat format : SpatialFormat.values()) {
            SceneSimulator r = SceneSimulator.builder().setFormat(format).setSampleRateHz(FS).build();
            float[] x = source(4, 2 * FS);
            long seed = 21;
            SceneParameters scene = r.sampleScene(seed);
            SceneImpulseResponses irs = r.impulseResponses(scene, seed);
            List<NoiseClip> clips = java.util.stream.IntStream.range(0, irs.noise().size())
                    .mapToObj(i -> shortNoise(100 + i)).toList();
            RenderedScene mixed = r.mix(x, scene, irs, clips, seed);
            assertEquals("nathear", mixed.mix().mixing());
            assertEquals(null, mixed.mix().channelNoiseGains());
            float[][] target = FftConvolver.convolve(x, irs.source(), x.length);
            double[][] noise = noisePart(mixed, target);
            boolean[] active = new boolean[x.length];
            for (RenderedScene.NoiseUse u : mixed.mix().noiseClips()) {
                assertTrue(u.offsetSamples() >= 0 && u.offsetSamples() + u.lengthSamples() <= x.length, "short clip inside");
                Arrays.fill(active, u.offsetSamples(), u.offsetSamples() + u.lengthSamples(), true);
            }
            double signalActive = 0;
            double noiseActive = 0;
            double signalAll = 0;
            double noiseAll = 0;
            for (int c = 0; c < target.length; c++) {
                for (int t = 0; t < x.length; t++) {
                    double s2 = (double) target[c][t] * target[c][t];
                    double n2 = noise[c][t] * noise[c][t];
                    signalAll += s2;
                    noiseAll += n2;
                    if (active[t]) {
                        signalActive += s2;
                        noiseActive += n2;
                    }
                }
            }
            double snr = scene.noise().snrDb();
            assertEquals(snr, 10 * Math.log10(signalActive / noiseActive), 0.02, format + " SNR over the active segment");
            assertTrue(Math.abs(10 * Math.log10(signalAll / noiseAll) - snr) > 1,
                    format + ": over the whole clip the SNR differs (the noise plays in part of it)");
        }
    }

    /**
     * The authors' mixing: one noise clip at one offset through every noise response, and each
     * channel at the target SNR over the whole clip (recomputed from the output, channel by channel).
     */
    @Test
    void authorsMixingSetsEachChannelsSnrOverTheWholeClip() {
        for (SpatialFormat format : SpatialFormat.values()) {
            SceneSimulator r = SceneSimulator.builder().setFormat(format).setSampleRateHz(FS).optMixing(Mixing.AUTHORS).build();
            float[] x = source(5, 2 * FS);
            int checked = 0;
            for (long seed = 30; seed < 40; seed++) {
                SceneParameters scene = r.sampleScene(seed);
                SceneImpulseResponses irs = r.impulseResponses(scene, seed);
                RenderedScene mixed = r.mix(x, scene, irs, List.of(shortNoise(seed)), seed);
                assertEquals("authors", mixed.mix().mixing());
                assertEquals(1, mixed.mix().noiseClips().size(), "one clip for every noise source");
                float[][] target = FftConvolver.convolve(x, irs.source(), x.length);
                double[][] noise = noisePart(mixed, target);
                for (int c = 0; c < target.length; c++) {
                    double snr = 10 * Math.log10(energy(target[c], 0, x.length) / energy(noise[c], 0, x.length));
                    assertEquals(scene.noise().snrDb(), snr, 0.02, format + " seed " + seed + " channel " + c);
                }
                List<Double> gains = mixed.mix().channelNoiseGains();
                assertEquals(target.length, gains.size());
                if (irs.noise().size() > 1) {
                    checked++;
                }
            }
            assertTrue(checked >= 2, format + ": diffuse scenes (several noise responses, one clip) among those checked");
            // the same scenes with nathear's mixing: one gain for all channels, so channel SNRs differ
            SceneSimulator n = SceneSimulator.builder().setFormat(format).setSampleRateHz(FS).build();
            double spread = 0;
            for (long seed = 30; seed < 40; seed++) {
                SceneParameters scene = n.sampleScene(seed);
                SceneImpulseResponses irs = n.impulseResponses(scene, seed);
                List<NoiseClip> clips = irs.noise().stream().map(h -> shortNoise(7)).toList();
                RenderedScene one = n.mix(x, scene, irs, clips, seed);
                float[][] target = FftConvolver.convolve(x, irs.source(), x.length);
                double[][] noise = noisePart(one, target);
                double first = 10 * Math.log10(energy(target[0], 0, x.length) / energy(noise[0], 0, x.length));
                for (int c = 1; c < target.length; c++) {
                    spread = Math.max(spread, Math.abs(first
                            - 10 * Math.log10(energy(target[c], 0, x.length) / energy(noise[c], 0, x.length))));
                }
            }
            assertTrue(spread > 1, format + ": with one gain the channels' SNRs differ (largest " + spread + " dB)");
        }
    }

    /** First sample reaching a tenth of the peak. */
    private static int onset(float[] h) {
        float peak = 0;
        for (float v : h) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < h.length; i++) {
            if (Math.abs(h[i]) >= 0.1f * peak) {
                return i;
            }
        }
        return h.length;
    }
}
