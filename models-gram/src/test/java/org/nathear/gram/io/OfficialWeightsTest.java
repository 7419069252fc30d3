package org.nathear.gram.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ModelException;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.model.GramNetwork;
import org.nathear.gram.model.SinCos;

/**
 * Writes a safetensors file laid out like the GRAM authors' (a GRAMT state dict under a "model."
 * prefix, with its buffers: positional tables, relative-position indices as int64, the mel
 * filterbank) and checks that the import maps it onto nathear's network exactly.
 */
class OfficialWeightsTest {
    @TempDir
    Path dir;

    private record Raw(String name, String dtype, long[] shape, byte[] bytes) {
    }

    private static byte[] f32(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    private static void write(Path file, List<Raw> tensors) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Raw t : tensors) {
            ObjectNode e = header.putObject(t.name());
            e.put("dtype", t.dtype());
            var shape = e.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            e.putArray("data_offsets").add(offset).add(offset + t.bytes().length);
            offset += t.bytes().length;
            data.writeBytes(t.bytes());
        }
        byte[] h = json.writeValueAsBytes(header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        out.writeBytes(data.toByteArray());
        Files.write(file, out.toByteArray());
    }

    /** The authors' layout of a network's weights, with buffers; {@code posShift} corrupts the position table. */
    private static List<Raw> authorsLayout(GramNetwork net, float posShift) {
        GramConfig c = net.config();
        GramMasking m = c.masking();
        int d = c.size().encoderDim();
        List<Raw> out = new ArrayList<>();
        for (Tensor t : net.tensors()) {
            out.add(new Raw("model." + t.name(), "F32", t.shape(), f32(t.values())));
        }
        float[] pos = new float[(m.patchCount() + 1) * d];
        float[] table = SinCos.embedding(d, m.frequencyPatches(), m.timePatches());
        for (int i = 0; i < table.length; i++) {
            pos[d + i] = table[i] + posShift;
        }
        out.add(new Raw("model.encoder.pos_embedding", "F32", new long[] {1, m.patchCount() + 1, d}, f32(pos)));
        out.add(new Raw("model.decoder_pos_embed", "F32", new long[] {1, m.patchCount(), c.size().decoderDim()},
                f32(SinCos.embedding(c.size().decoderDim(), m.frequencyPatches(), m.timePatches()))));
        ByteBuffer idx = ByteBuffer.allocate(8 * 4).order(ByteOrder.LITTLE_ENDIAN).putLong(1).putLong(0).putLong(2).putLong(1);
        out.add(new Raw("model.decoder_blocks.0.wmha.attn_heads.0.relative_position_index", "I64", new long[] {2, 2}, idx.array()));
        out.add(new Raw("model.melspec.mel_scale.fb", "F32", new long[] {3}, f32(new float[] {0.1f, 0.2f, 0.3f})));
        return out;
    }

    @Test
    void theAuthorsStateDictMapsOntoNathearsNetworkAndEmbedsIdentically() throws Exception {
        GramConfig config = GramConfig.of(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY);
        Path file = dir.resolve("model.safetensors");
        float[] patches = new float[2 * config.masking().patchCount() * config.patchValues()];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < patches.length; i++) {
            patches[i] = (float) rng.nextGaussian();
        }
        GramNetwork.Encoded expected;
        try (GramNetwork original = GramNetwork.initialise(config, 3, Device.cpu())) {
            write(file, authorsLayout(original, 0f));
            expected = original.encode(patches, 2);
        }
        OfficialWeights.Imported imp = OfficialWeights.read(file, GramVariant.BINAURAL, GramMasking.PATCH);
        assertEquals("model.", imp.prefix());
        assertTrue(imp.hasDecoder());
        assertEquals(GramSize.TINY, imp.config().size());
        assertTrue(imp.ignored().contains("melspec.mel_scale.fb") && imp.ignored().contains("encoder.pos_embedding"), imp.ignored().toString());
        try (GramNetwork imported = GramNetwork.fromTensors(imp.config(), imp.tensors(), Device.cpu(), true)) {
            GramNetwork.Encoded got = imported.encode(patches, 2);
            assertArrayEquals(expected.tokens(), got.tokens());
            assertArrayEquals(expected.cls(), got.cls());
        }
        // the header alone tells the config
        assertEquals(imp.config(), OfficialWeights.config(file, GramVariant.BINAURAL, GramMasking.PATCH));
    }

    @Test
    void weightsOfAnotherVariantOrPatchSizeAreRejectedByName() throws Exception {
        Path file = dir.resolve("binaural.safetensors");
        try (GramNetwork original = GramNetwork.initialise(GramConfig.of(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY), 3,
                Device.cpu())) {
            write(file, authorsLayout(original, 0f));
        }
        ModelException channels = assertThrows(ModelException.class,
                () -> OfficialWeights.read(file, GramVariant.AMBISONICS, GramMasking.PATCH));
        assertTrue(channels.getMessage().contains("take 2 feature channel(s)") && channels.getMessage().contains("ambisonics"),
                channels.getMessage());
        ModelException patch = assertThrows(ModelException.class, () -> OfficialWeights.read(file, GramVariant.BINAURAL, GramMasking.TIME));
        assertTrue(patch.getMessage().contains("16x8 patches"), patch.getMessage());
    }

    @Test
    void aPositionTableThatIsNotTheFixedSinCosIsRejected() throws Exception {
        Path file = dir.resolve("shifted.safetensors");
        try (GramNetwork original = GramNetwork.initialise(GramConfig.of(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY), 3,
                Device.cpu())) {
            write(file, authorsLayout(original, 0.5f));
        }
        ModelException e = assertThrows(ModelException.class, () -> OfficialWeights.read(file, GramVariant.BINAURAL, GramMasking.PATCH));
        assertTrue(e.getMessage().contains("encoder.pos_embedding") && e.getMessage().contains("sin-cos"), e.getMessage());
    }

    @Test
    void aFileWithoutAClsTokenIsNotTakenForGramWeights() throws Exception {
        Path file = dir.resolve("other.safetensors");
        SafeTensors.write(file, List.of(new Tensor("bert.embeddings.weight", new long[] {2}, new float[2])), java.util.Map.of());
        ModelException e = assertThrows(ModelException.class, () -> OfficialWeights.read(file, GramVariant.BINAURAL, GramMasking.PATCH));
        assertTrue(e.getMessage().contains("no 'cls_token'") && e.getMessage().contains("bert.embeddings.weight"), e.getMessage());
    }
}
