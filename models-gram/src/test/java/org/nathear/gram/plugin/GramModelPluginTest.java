package org.nathear.gram.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.HarnessException;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.TaskKind;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.OpenedModel;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.io.GramCheckpoint;
import org.nathear.gram.io.SafeTensors;
import org.nathear.gram.io.Tensor;

class GramModelPluginTest {
    @TempDir
    Path dir;

    @Test
    void descriptorsMatchTheEmbeddedTinyCheckpoints() {
        ModelDescriptor b = new GramBinauralPlugin().descriptor();
        assertEquals(32000, b.sampleRateHz());
        assertEquals(8 * 64, b.sceneEmbeddingSize());
        assertEquals(8 * 64, b.timestampEmbeddingSize());
        assertEquals(80.0, b.timestampHopMillis());
        ModelDescriptor t = new GramBinauralTimePlugin().descriptor();
        assertEquals(64, t.sceneEmbeddingSize(), "time masking: one 64-wide token per 20 ms, averaged");
        assertTrue(t.description().contains("scene = mean over time"), t.description());
        assertEquals(20.0, t.timestampHopMillis());
        assertTrue(new GramAmbisonicsPlugin().descriptor().accepts(ChannelLayout.FOA));
    }

    /** What docs/gram.md says each embedded checkpoint is: steps, seed, scenes, and the weights it continued from. */
    private record EmbeddedRun(long steps, String scenes, double cleanRatio, String initSha256) {
    }

    private static final Map<String, EmbeddedRun> EMBEDDED_RUNS = Map.of(
            "gram-binaural", new EmbeddedRun(1200, "nat-hear simulator/binaural", 0.0, null),
            // continued from the 2025-11-27 direct-path checkpoints (their SHA-256), on simulator scenes
            "gram-ambisonics", new EmbeddedRun(800, "nat-hear simulator/foa", 0.5,
                    "5c19ceb76efda696a5c0527f4ee016326f14f9f9fc90cb44250cd214f3007666"),
            "gram-binaural-time", new EmbeddedRun(1200, "nat-hear simulator/binaural", 0.5,
                    "44e0b523c3c92bde8d6f34a4f2f9904fb64f4737e575eab30bcca5f52c9b0c72"),
            // GRAM-Clean is trained on dry sound by definition (the paper's, on plain AudioSet)
            "gram-clean", new EmbeddedRun(1200, "dry mono", 0.0, null));

    @Test
    void embeddedCheckpointsAreTheDocumentedGramTinyRuns() {
        for (GramModelPlugin p : List.of(new GramBinauralPlugin(), new GramAmbisonicsPlugin(), new GramCleanPlugin(),
                new GramBinauralTimePlugin())) {
            byte[] bytes = GramWeights.resource(p.embeddedResource());
            assertTrue(bytes.length < 2_000_000, p.embeddedResource() + " is " + bytes.length + " bytes");
            EmbeddedRun expected = EMBEDDED_RUNS.get(p.descriptor().id());
            try (SafeTensors.Reader r = SafeTensors.open(bytes, p.embeddedResource())) {
                GramCheckpoint.Description d = GramCheckpoint.description(r);
                assertEquals(p.embeddedConfig(), d.config());
                assertEquals(GramCheckpoint.KIND_WEIGHTS, d.kind());
                assertEquals(expected.steps(), d.step(), p.embeddedResource());
                assertEquals(20261203L, d.training().path("seed").asLong());
                assertEquals("d635403059b2de483890561d75d65acb3e712378fb1b7ec4debf09b4f6afc5ef",
                        d.training().path("corpusFingerprint").asText(), "the corpus of `nathear gram corpus --seed 11`");
                assertTrue(d.training().path("mixing").asText().startsWith(expected.scenes()), d.training().path("mixing").asText());
                assertEquals(expected.cleanRatio(), d.training().path("cleanRatio").asDouble(), p.embeddedResource());
                assertEquals(expected.initSha256() == null ? "" : expected.initSha256(),
                        d.training().path("initWeightsSha256").asText(), p.embeddedResource());
                String command = d.training().path("provenance").path("command").asText();
                assertTrue(command.startsWith("nathear gram train --variant " + p.variant().id() + " --masking " + p.masking().id()
                        + " --size tiny"), command);
                assertFalse(r.entries().keySet().stream().anyMatch(n -> n.startsWith("optim.")), "weights only");
            }
        }
    }

    @Test
    void localizationTasksGetTheClsTokenAndEveryOtherKindTheMeanOfPatchTokensUnlessTheUserChose() {
        for (GramModelPlugin p : List.of(new GramBinauralPlugin(), new GramAmbisonicsPlugin(), new GramCleanPlugin(),
                new GramBinauralTimePlugin())) {
            ModelOptions loc = p.optionsFor(TaskKind.LOCALIZATION, ModelOptions.NONE);
            assertEquals(Map.of("scene-embedding", "cls"), loc.values(), p.descriptor().id());
            assertTrue(p.descriptor(loc).description().contains("scene = mean CLS token"), p.descriptor(loc).description());
            for (TaskKind other : List.of(TaskKind.SCENE_MULTICLASS, TaskKind.SCENE_MULTILABEL, TaskKind.EVENT)) {
                ModelOptions o = p.optionsFor(other, ModelOptions.NONE);
                assertEquals(ModelOptions.NONE, o);
                assertTrue(p.descriptor(o).description().contains("scene = mean over time"), p.descriptor(o).description());
            }
            ModelOptions user = new ModelOptions(Map.of("scene-embedding", "mean", "device", "cpu"));
            assertEquals(user, p.optionsFor(TaskKind.LOCALIZATION, user), "an explicit option wins");
        }
        GramBinauralPlugin b = new GramBinauralPlugin();
        assertEquals(64, b.descriptor(b.optionsFor(TaskKind.LOCALIZATION, ModelOptions.NONE)).sceneEmbeddingSize());
        assertEquals(8 * 64, b.descriptor(b.optionsFor(TaskKind.SCENE_MULTICLASS, ModelOptions.NONE)).sceneEmbeddingSize());
    }

    @Test
    void theClsOptionGivesTheEncoderWidthAndTheOpenedModelAgrees() {
        GramBinauralPlugin p = new GramBinauralPlugin();
        ModelOptions cls = new ModelOptions(Map.of("scene-embedding", "cls"));
        assertEquals(64, p.descriptor(cls).sceneEmbeddingSize());
        try (OpenedModel m = p.open(cls)) {
            float[][] e = m.sceneEmbeddings(List.of(Signals.noiseClip(1, ChannelLayout.BINAURAL, 1.0, 32000)));
            assertEquals(64, e[0].length);
        }
    }

    @Test
    void timestampsAreTokenCentresWithinTheClip() {
        try (OpenedModel m = new GramBinauralPlugin().open(ModelOptions.NONE)) {
            // 2.5 s: two chunks, token centres 35, 115, ... up to 2435 ms (31 tokens)
            FrameEmbeddings f = m.timestampEmbeddings(List.of(Signals.noiseClip(2, ChannelLayout.BINAURAL, 2.5, 32000))).get(0);
            assertEquals(31, f.frameCount());
            assertEquals(35.0, f.timestampsMillis()[0], 1e-9);
            assertEquals(2435.0, f.timestampsMillis()[30], 1e-9);
        }
    }

    @Test
    void aSourceOnTheLeftAndOnTheRightEmbedDifferentlyInTheBinauralModel() {
        float[] s = Signals.whiteNoise(4, 1, 32000, 0.3)[0];
        float[] quiet = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            quiet[i] = 0.3f * s[i];
        }
        try (OpenedModel m = new GramBinauralPlugin().open(ModelOptions.NONE)) {
            float[][] e = m.sceneEmbeddings(List.of(new AudioClip(new float[][] {s, quiet}, 32000, ChannelLayout.BINAURAL),
                    new AudioClip(new float[][] {quiet, s}, 32000, ChannelLayout.BINAURAL)));
            assertFalse(java.util.Arrays.equals(e[0], e[1]), "interaural level differences reach the embedding");
        }
    }

    @Test
    void silentAudioEmbedsDeterministicallyAsAFiniteVector() {
        try (OpenedModel m = new GramCleanPlugin().open(ModelOptions.NONE)) {
            float[][] e = m.sceneEmbeddings(List.of(AudioClip.mono(new float[32000], 32000), AudioClip.mono(new float[32000], 32000)));
            assertArrayEquals(e[0], e[1]);
            for (float v : e[0]) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void aCheckpointOfAnotherVariantIsRefusedWithWhatDiffers() throws Exception {
        Path ambi = dir.resolve("ambi.safetensors");
        Files.write(ambi, GramWeights.resource(new GramAmbisonicsPlugin().embeddedResource()));
        ModelOptions o = new ModelOptions(Map.of("checkpoint", ambi.toString()));
        HarnessException e = assertThrows(HarnessException.class, () -> new GramBinauralPlugin().open(o));
        assertTrue(e.getMessage().contains("variant ambisonics (expected binaural)"), e.getMessage());
    }

    @Test
    void aCheckpointWhoseTensorsDisagreeWithItsDeclaredSizeIsRefused() throws Exception {
        // a file that claims to be GRAM-tiny but holds weights of another width
        GramConfig small = GramConfig.of(GramVariant.BINAURAL, GramMasking.PATCH,
                new GramSize("tiny", 32, 4, 4, 64, 2));
        Path f = dir.resolve("liar.safetensors");
        List<Tensor> tensors = new java.util.ArrayList<>();
        for (var spec : org.nathear.gram.model.ParameterSpec.all(small)) {
            tensors.add(new Tensor(spec.name(), spec.shape(), new float[spec.size()]));
        }
        GramCheckpoint.save(f, new GramCheckpoint.Description(GramConfig.of(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY),
                GramCheckpoint.KIND_WEIGHTS, 0, null), tensors, null);
        ModelException e = assertThrows(ModelException.class,
                () -> new GramBinauralPlugin().open(new ModelOptions(Map.of("checkpoint", f.toString()))));
        assertTrue(e.getMessage().contains("another size"), e.getMessage());
    }

    @Test
    void aCorruptCheckpointFailsWithTheFileNamed() throws Exception {
        Path f = dir.resolve("corrupt.safetensors");
        byte[] good = GramWeights.resource(new GramBinauralPlugin().embeddedResource());
        Files.write(f, java.util.Arrays.copyOf(good, good.length / 2));
        HarnessException e = assertThrows(HarnessException.class,
                () -> new GramBinauralPlugin().open(new ModelOptions(Map.of("checkpoint", f.toString()))));
        assertTrue(e.getMessage().contains("Corrupt safetensors file " + f), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherSizeChangesTheDescriptorWithoutLoadingTheWeights() throws Exception {
        GramConfig wide = GramConfig.of(GramVariant.BINAURAL, GramMasking.PATCH, new GramSize("test", 32, 1, 2, 16, 1));
        Path f = dir.resolve("wide.safetensors");
        List<Tensor> tensors = new java.util.ArrayList<>();
        for (var spec : org.nathear.gram.model.ParameterSpec.all(wide)) {
            tensors.add(new Tensor(spec.name(), spec.shape(), new float[spec.size()]));
        }
        GramCheckpoint.save(f, new GramCheckpoint.Description(wide, GramCheckpoint.KIND_WEIGHTS, 0, null), tensors, null);
        ModelDescriptor d = new GramBinauralPlugin().descriptor(new ModelOptions(Map.of("checkpoint", f.toString())));
        assertEquals(8 * 32, d.sceneEmbeddingSize());
        try (SafeTensors.Reader r = SafeTensors.open(f)) {
            assertEquals(wide, GramCheckpoint.description(r).config());
        }
    }
}
