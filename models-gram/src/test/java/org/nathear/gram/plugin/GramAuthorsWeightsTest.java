package org.nathear.gram.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.OpenedModel;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.embed.GramEmbedder;
import org.nathear.gram.frontend.Crops;
import org.nathear.gram.frontend.GramFrontEnd;
import org.nathear.gram.io.OfficialWeights;
import org.nathear.gram.io.SafeTensors;
import org.nathear.gram.io.Tensor;
import org.nathear.gram.model.GramEngine;
import org.nathear.gram.model.GramNetwork;

/**
 * The GRAM authors' own model classes (GRAM-T, commit 9d01717) with random weights, saved in the
 * layouts their code loads, and the embeddings their HEAR wrapper computed
 * ({@code tools/fixtures/make_gramt_authors_fixture.py}; what it reproduces and what it stubs is in
 * its docstring and docs/gram.md). Each file is imported by the plugins and must give the recorded
 * outputs in {@code inference=paper} mode within {@link #TOLERANCE} relative error (max |Δ| over the
 * largest |value| of the array).
 */
class GramAuthorsWeightsTest {
    static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    static Path fixture(String file) {
        try {
            return Path.of(GramAuthorsWeightsTest.class.getResource("/fixtures/gramt-authors/" + file).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + file, e);
        }
    }

    static Map<String, Tensor> expected(String model) {
        try (SafeTensors.Reader r = SafeTensors.open(fixture(model + "-expected.safetensors"))) {
            return r.readAll(n -> true);
        }
    }

    static GramModelPlugin plugin(String model) {
        return switch (model) {
            case "binaural" -> new GramBinauralPlugin();
            case "ambisonics" -> new GramAmbisonicsPlugin();
            case "mono" -> new GramCleanPlugin();
            case "binaural-time" -> new GramBinauralTimePlugin();
            default -> throw new IllegalArgumentException(model);
        };
    }

    static AudioClip clip(Tensor audio) {
        int channels = (int) audio.shape()[0];
        int n = (int) audio.shape()[1];
        float[][] s = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(audio.values(), c * n, s[c], 0, n);
        }
        ChannelLayout layout = switch (channels) {
            case 1 -> ChannelLayout.MONO;
            case 2 -> ChannelLayout.BINAURAL;
            default -> ChannelLayout.FOA;
        };
        return new AudioClip(s, 32000, layout);
    }

    static double relativeError(float[] actual, float[] expected, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        double rel = worst / scale;
        assertTrue(rel <= TOLERANCE, what + ": max abs error " + worst + " = " + rel + " relative (tolerance " + TOLERANCE + ")");
        return rel;
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"binaural, hub", "binaural, lightning", "ambisonics, hub", "mono, hub", "binaural-time, hub"})
    void theAuthorsWeightsGiveTheAuthorsEmbeddingsInPaperMode(String model, String layout) {
        Map<String, Tensor> want = expected(model);
        Path weights = fixture(model + "-" + layout + ".safetensors");
        GramModelPlugin p = plugin(model);
        AudioClip clip = clip(want.get("audio"));
        ModelOptions paper = new ModelOptions(Map.of("checkpoint", weights.toString(), "inference", "paper"));
        List<String> report = new ArrayList<>();
        try (OpenedModel m = p.open(paper)) {
            FrameEmbeddings f = m.timestampEmbeddings(List.of(clip)).get(0);
            Tensor raw = want.get("timestamp_embeddings");
            int tokens = (int) raw.shape()[1];
            int width = (int) raw.shape()[2];
            assertEquals(tokens, f.frameCount(), "token count (the wrapper drops floor(tokens x padding / 200) tail tokens)");
            float[] flat = new float[tokens * width];
            for (int t = 0; t < tokens; t++) {
                System.arraycopy(f.embeddings()[t], 0, flat, t * width, width);
            }
            report.add("timestamp " + relativeError(flat, raw.values(), model + " timestamp embeddings"));
            float[] times = new float[tokens];
            for (int t = 0; t < tokens; t++) {
                times[t] = (float) f.timestampsMillis()[t];
            }
            report.add("times " + relativeError(times, want.get("timestamps").values(), model + " timestamps"));
            float[] scene = m.sceneEmbeddings(List.of(clip))[0];
            report.add("scene " + relativeError(scene, want.get("scene_raw_mean").values(), model + " scene (mean)"));
        }
        ModelOptions paperCls = new ModelOptions(Map.of("checkpoint", weights.toString(), "inference", "paper", "scene-embedding", "cls"));
        try (OpenedModel m = p.open(paperCls)) {
            Tensor cls = want.get("cls");
            int chunks = (int) cls.shape()[1];
            int d = (int) cls.shape()[2];
            float[] mean = new float[d];
            for (int k = 0; k < chunks; k++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += cls.values()[k * d + j] / chunks;
                }
            }
            report.add("cls " + relativeError(m.sceneEmbeddings(List.of(clip))[0], mean, model + " mean CLS over chunks"));
        }
        System.out.println("GRAM-T fixture " + model + "/" + layout + " relative errors: " + report);
    }

    @ParameterizedTest
    @CsvSource({"binaural", "ambisonics", "mono", "binaural-time"})
    void encoderTokensOfTheFirstChunkMatch(String model) {
        Map<String, Tensor> want = expected(model);
        GramModelPlugin p = plugin(model);
        GramWeights.Loaded loaded = GramWeights.load(fixture(model + "-hub.safetensors"), p.variant(), p.masking());
        GramConfig config = loaded.config();
        try (GramNetwork net = GramNetwork.fromTensors(config, loaded.tensors(), GramEngine.device("cpu"), true)) {
            GramFrontEnd fe = new GramFrontEnd(GramEmbedder.Inference.PAPER.frontEndConfig(config));
            float[][][] features = fe.features(fe.modelChannels(clip(want.get("audio"))));
            if (want.containsKey("features")) {
                float[] flat = new float[features.length * 200 * 128];
                for (int c = 0; c < features.length; c++) {
                    for (int t = 0; t < 200; t++) {
                        System.arraycopy(features[c][t], 0, flat, (c * 200 + t) * 128, 128);
                    }
                }
                relativeError(flat, want.get("features").values(), model + " log-mel features (float32-eps offset)");
            }
            GramMasking m = config.masking();
            float[] patches = new float[m.patchCount() * config.patchValues()];
            Crops.patchify(Crops.normalisedCrop(features, 0), m, patches, 0);
            GramNetwork.Encoded e;
            try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                scope.suppressNotUsedWarning();
                e = net.encode(patches, 1);
            }
            int d = config.size().encoderDim();
            float[] all = new float[(m.patchCount() + 1) * d];
            System.arraycopy(e.cls(), 0, all, 0, d);
            System.arraycopy(e.tokens(), 0, all, d, m.patchCount() * d);
            relativeError(all, want.get("encoder_tokens").values(), model + " encoder output [CLS, patches]");
        }
    }

    @Test
    void theHubLayoutIgnoresOnlyBuffersAndTheLightningLayoutHasNoPrefix() {
        OfficialWeights.Imported hub = OfficialWeights.read(fixture("binaural-hub.safetensors"),
                org.nathear.gram.GramVariant.BINAURAL, GramMasking.PATCH);
        assertEquals("model.", hub.prefix());
        assertTrue(hub.hasDecoder());
        for (String k : hub.ignored()) {
            assertTrue(k.startsWith("mel_spec.") || k.startsWith("melspec.") || k.endsWith("relative_position_index")
                    || k.endsWith("pos_embedding") || k.endsWith("pos_embed"), k);
        }
        assertTrue(hub.ignored().contains("mel_spec.melspec.spectrogram.window"), hub.ignored().toString());
        OfficialWeights.Imported lightning = OfficialWeights.read(fixture("binaural-lightning.safetensors"),
                org.nathear.gram.GramVariant.BINAURAL, GramMasking.PATCH);
        assertEquals("", lightning.prefix());
        assertEquals(hub.tensors().keySet(), lightning.tensors().keySet());
    }

    @Test
    void anUnknownLayoutFailsListingTheUnexpectedKeys() {
        Map<String, Tensor> all;
        try (SafeTensors.Reader r = SafeTensors.open(fixture("mono-hub.safetensors"))) {
            all = r.readAll(n -> !n.endsWith("relative_position_index"));
        }
        Map<String, Tensor> renamed = new LinkedHashMap<>(all);
        Tensor qkv = renamed.remove("model.encoder.layers.encoder_layer_0.self_attention.in_proj_weight");
        int d = (int) qkv.shape()[1];
        float[] q = java.util.Arrays.copyOfRange(qkv.values(), 0, d * d);
        renamed.put("model.encoder.layers.encoder_layer_0.attention.query.weight",
                new Tensor("model.encoder.layers.encoder_layer_0.attention.query.weight", new long[] {d, d}, q));
        Path file = dir.resolve("transformers-like.safetensors");
        SafeTensors.write(file, renamed.values().stream().map(t -> new Tensor(nameOf(renamed, t), t.shape(), t.values())).toList(),
                Map.of());
        ModelException e = assertThrows(ModelException.class,
                () -> OfficialWeights.read(file, org.nathear.gram.GramVariant.CLEAN, GramMasking.PATCH));
        assertTrue(e.getMessage().contains("in_proj_weight") && e.getMessage().contains("unexpected tensors")
                && e.getMessage().contains("model.encoder.layers.encoder_layer_0.attention.query.weight"), e.getMessage());

        Map<String, Tensor> extra = new LinkedHashMap<>(all);
        extra.put("model.adapter.weight", new Tensor("model.adapter.weight", new long[] {2}, new float[2]));
        Path file2 = dir.resolve("extra.safetensors");
        SafeTensors.write(file2, extra.entrySet().stream().map(en -> new Tensor(en.getKey(), en.getValue().shape(),
                en.getValue().values())).toList(), Map.of());
        ModelException e2 = assertThrows(ModelException.class,
                () -> OfficialWeights.read(file2, org.nathear.gram.GramVariant.CLEAN, GramMasking.PATCH));
        assertTrue(e2.getMessage().contains("[model.adapter.weight]") && e2.getMessage().contains("unknown layout"), e2.getMessage());
    }

    private static String nameOf(Map<String, Tensor> map, Tensor t) {
        return map.entrySet().stream().filter(en -> en.getValue() == t).findFirst().orElseThrow().getKey();
    }
}
