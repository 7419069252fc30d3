package org.nathear.gram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ConfigurationException;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.io.GramCheckpoint;
import org.nathear.gram.io.SafeTensors;

/**
 * CPU pre-training of GRAM-tiny (binaural, patch masking) on a small synthetic corpus: the
 * masked-reconstruction loss falls, the same seed gives bit-identical losses, and a run killed after
 * a checkpoint and resumed continues exactly as the uninterrupted run.
 */
class GramTrainerTest {
    static final int STEPS = 30;
    @TempDir
    static Path shared;
    static Path corpus;
    static float[] reference;
    static Path referenceWeights;

    static TrainOptions options(Path out) {
        return TrainOptions.builder(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY, corpus, out, STEPS, 1234)
                .batch(2, 4).learningRate(2e-3, 3).checkpointEvery(15).build();
    }

    static float[] losses(List<GramTrainer.StepRecord> steps) {
        float[] out = new float[steps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = steps.get(i).loss();
        }
        return out;
    }

    static final GramTrainer.Listener QUIET = text -> { };

    @BeforeAll
    static void trainOnce() throws Exception {
        corpus = shared.resolve("corpus");
        TestCorpus.write(corpus, 99, 6, 3.0);
        GramTrainer.Result r = GramTrainer.train(options(shared.resolve("run-a")), Map.of(), QUIET);
        reference = losses(r.steps());
        referenceWeights = r.weights();
    }

    @Test
    void maskedReconstructionLossFallsByAtLeastThirtyPercent() {
        assertEquals(STEPS, reference.length);
        double first = (reference[0] + reference[1] + reference[2]) / 3;
        double last = (reference[STEPS - 1] + reference[STEPS - 2] + reference[STEPS - 3]) / 3;
        System.out.printf(java.util.Locale.ROOT, "GRAM-tiny loss: first three steps %.4f, last three %.4f (%.1f%% lower)%n", first, last,
                100 * (1 - last / first));
        assertTrue(last <= 0.7 * first, "loss fell from " + first + " to " + last + ", less than 30%");
    }

    @Test
    void theSameSeedGivesBitIdenticalLossesAndAKilledRunResumesExactly() throws Exception {
        Path out = shared.resolve("run-b");
        List<GramTrainer.StepRecord> firstHalf = new ArrayList<>();
        RuntimeException kill = new RuntimeException("simulated crash after step 15");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> GramTrainer.train(options(out), Map.of(),
                new GramTrainer.Listener() {
                    @Override
                    public void line(String text) {
                    }

                    @Override
                    public void step(GramTrainer.StepRecord record) {
                        firstHalf.add(record);
                        if (record.step() == 15) {
                            throw kill;
                        }
                    }
                }));
        assertEquals(kill, thrown);
        try (SafeTensors.Reader r = SafeTensors.open(out.resolve(GramTrainer.CHECKPOINT))) {
            assertEquals(15, GramCheckpoint.description(r).step());
        }
        GramTrainer.Result resumed = GramTrainer.train(options(out).toBuilder().resume(true).build(), Map.of(), QUIET);
        assertEquals(15, resumed.firstStep());
        float[] all = new float[STEPS];
        float[] a = losses(firstHalf);
        float[] b = losses(resumed.steps());
        System.arraycopy(a, 0, all, 0, 15);
        System.arraycopy(b, 0, all, 15, STEPS - 15);
        assertArrayEquals(reference, all, "same seed => same losses, bit for bit, across a kill and resume");
        List<String> log = Files.readAllLines(out.resolve(GramTrainer.LOG));
        assertEquals(STEPS + 1, log.size(), "the log holds every step once after a resume");
    }

    @Test
    void initStartsFromAnotherRunsWeightsAndRecordsThem() throws Exception {
        // one step at learning rate 0 (the first warm-up step): the written weights must be the initial ones, bit for bit
        Path out = shared.resolve("run-init");
        TrainOptions o = TrainOptions.builder(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY, corpus, out, 1, 77)
                .batch(2, 4).learningRate(2e-3, 3).initWeights(referenceWeights).build();
        GramTrainer.Result r = GramTrainer.train(o, Map.of(), QUIET);
        try (SafeTensors.Reader before = SafeTensors.open(referenceWeights); SafeTensors.Reader after = SafeTensors.open(r.weights())) {
            Map<String, org.nathear.gram.io.Tensor> a = before.readAll(n -> true);
            Map<String, org.nathear.gram.io.Tensor> b = after.readAll(n -> true);
            assertEquals(a.keySet(), b.keySet());
            for (String name : a.keySet()) {
                assertArrayEquals(a.get(name).values(), b.get(name).values(), name + " changed at learning rate 0");
            }
            String sha = org.nathear.api.util.Hashing.sha256(referenceWeights);
            assertEquals(sha, GramCheckpoint.description(after).training().path("initWeightsSha256").asText());
        }
        assertTrue(r.steps().get(0).loss() < 0.8 * reference[0], "trained weights start with a lower loss than a random "
                + "initialisation: " + r.steps().get(0).loss() + " vs " + reference[0]);
        // resumed for a second step, the run still records the weights it started from
        GramTrainer.Result resumed = GramTrainer.train(o.toBuilder().initWeights(null).resume(true).steps(2).build(), Map.of(), QUIET);
        try (SafeTensors.Reader after = SafeTensors.open(resumed.weights())) {
            assertEquals(org.nathear.api.util.Hashing.sha256(referenceWeights),
                    GramCheckpoint.description(after).training().path("initWeightsSha256").asText());
            assertEquals(2, GramCheckpoint.description(after).step());
        }
    }

    @Test
    void initRefusesAnotherShapeAndResume() {
        TrainOptions ambisonics = TrainOptions.builder(GramVariant.AMBISONICS, GramMasking.PATCH, GramSize.TINY, corpus,
                shared.resolve("run-init-foa"), 1, 77).batch(2, 4).initWeights(referenceWeights).build();
        RuntimeException e = assertThrows(RuntimeException.class, () -> GramTrainer.train(ambisonics, Map.of(), QUIET));
        assertTrue(e.getMessage().contains("variant"), e.getMessage());
        ConfigurationException both = assertThrows(ConfigurationException.class, () -> options(shared.resolve("run-x")).toBuilder()
                .resume(true).initWeights(referenceWeights).build());
        assertTrue(both.getMessage().contains("--init"), both.getMessage());
    }

    @Test
    void resumingWithOtherSettingsIsRefusedNamingThem() {
        Path out = shared.resolve("run-a");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GramTrainer.train(options(out).toBuilder().resume(true).cleanRatio(0.5).build(), Map.of(), QUIET));
        assertTrue(e.getMessage().contains("cleanRatio"), e.getMessage());
    }

    @Test
    void anExistingRunIsNeverOverwrittenWithoutResume() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GramTrainer.train(options(shared.resolve("run-a")), Map.of(), QUIET));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void unreadableShortSilentAndForeignFilesAreSkippedAndCounted() throws Exception {
        Path dir = shared.resolve("mixed");
        TestCorpus.write(dir, 5, 2, 2.5);
        Files.writeString(dir.resolve("broken.wav"), "RIFF....not a wave file");
        Files.writeString(dir.resolve("notes.txt"), "hello");
        WavFiles.write(dir.resolve("short.wav"), new float[][] {new float[16000]}, 16000, WavEncoding.PCM_16);
        float[] silent = new float[48000];
        WavFiles.write(dir.resolve("silent.wav"), new float[][] {silent}, 16000, WavEncoding.PCM_16);
        AudioCorpus c = AudioCorpus.scan(dir, 32000, 2.0, 1 << 20);
        assertEquals(2, c.size());
        assertEquals(Map.of("unreadable", 1, "not a .wav file", 1, "shorter than 2.00 s", 1, "silent", 1), c.skipped());
        assertTrue(c.skipExamples().stream().anyMatch(s -> s.contains("broken.wav")), c.skipExamples().toString());
    }

    @Test
    void aCorpusWithNoUsableAudioFailsBeforeTrainingWithTheCounts() throws Exception {
        Path dir = shared.resolve("only-short");
        Files.createDirectories(dir);
        WavFiles.write(dir.resolve("a.wav"), new float[][] {new float[8000]}, 16000, WavEncoding.PCM_16);
        TrainOptions o = TrainOptions.defaults(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY, dir, shared.resolve("run-short"),
                5, 1);
        ConfigurationException e2 = assertThrows(ConfigurationException.class, () -> GramTrainer.train(o, Map.of(), QUIET));
        assertTrue(e2.getMessage().contains("no usable audio") && e2.getMessage().contains("shorter than 2.00 s=1"), e2.getMessage());
        assertTrue(!Files.exists(shared.resolve("run-short").resolve(GramTrainer.CHECKPOINT)), "nothing was trained");
    }

    @Test
    void aSilentSourceCannotBeMixed() {
        SceneMixer mixer = new SceneMixer(GramVariant.BINAURAL, new DirectPathRenderer(org.nathear.api.ChannelLayout.BINAURAL),
                NoiseSource.generated(), 5, 40, 32000);
        var e = assertThrows(org.nathear.api.AudioFormatException.class, () -> mixer.mix(new float[64000], false, 1));
        assertTrue(e.getMessage().contains("silent source"), e.getMessage());
    }
}
