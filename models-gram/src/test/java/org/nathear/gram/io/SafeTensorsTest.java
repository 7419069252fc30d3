package org.nathear.gram.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ModelException;

class SafeTensorsTest {
    @TempDir
    Path dir;

    /** A safetensors file assembled by hand: header JSON (as given) and raw data bytes. */
    static byte[] raw(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    @Test
    void writtenTensorsAndMetadataReadBackExactly() {
        Path f = dir.resolve("a.safetensors");
        Tensor a = new Tensor("enc.w", new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, 0, -0f});
        Tensor b = new Tensor("cls", new long[] {1, 1, 2}, new float[] {7, 8});
        SafeTensors.write(f, List.of(a, b), Map.of("k", "v"));
        try (SafeTensors.Reader r = SafeTensors.open(f)) {
            assertEquals(List.of("enc.w", "cls"), List.copyOf(r.entries().keySet()));
            assertEquals(a, r.read("enc.w"));
            assertEquals(b, r.read("cls"));
            assertEquals("v", r.metadata().get("k"));
        }
    }

    @Test
    void halfAndBfloat16AreWidenedExactly() throws Exception {
        // 1.0 = 0x3C00 (f16) = 0x3F80 (bf16); -2.5 = 0xC100 (f16) = 0xC020 (bf16); 2^-24 = 0x0001 (f16 subnormal)
        ByteBuffer d = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) 0x3C00).putShort((short) 0xC100).putShort((short) 0x0001);
        d.putShort((short) 0x3F80).putShort((short) 0xC020);
        String h = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[6,10]}}";
        Path f = dir.resolve("h.safetensors");
        Files.write(f, raw(h, d.array()));
        try (SafeTensors.Reader r = SafeTensors.open(f)) {
            assertArrayEquals(new float[] {1f, -2.5f, 0x1p-24f}, r.read("h").values());
            assertArrayEquals(new float[] {1f, -2.5f}, r.read("b").values());
        }
    }

    private void assertCorrupt(byte[] bytes, String expectedPart) throws Exception {
        Path f = Files.createTempFile(dir, "bad", ".safetensors");
        Files.write(f, bytes);
        ModelException e = assertThrows(ModelException.class, () -> SafeTensors.open(f).close());
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectedPart), "says '" + expectedPart + "': " + e.getMessage());
    }

    @Test
    void corruptFilesGiveErrorsNamingTheFileAndTheProblem() throws Exception {
        String ok = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertCorrupt(new byte[] {1, 2, 3}, "shorter than the 8-byte header length");
        assertCorrupt(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array(), "header length");
        assertCorrupt(raw("{not json", new byte[0]), "not valid JSON");
        assertCorrupt(raw(ok, floats(1f)), "outside the 4 data bytes");                 // truncated data
        assertCorrupt(raw(ok, floats(1f, 2f, 3f)), "trailing garbage");                  // extra bytes
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", floats(1f, 2f)), "needs 12 bytes");
        assertCorrupt(raw("{\"x\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}", floats(1f, 2f)), "unknown dtype 'Q7'");
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", floats(1f, 2f, 3f)), "hole");
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", floats(1f, 2f)), "overlap");
    }

    @Test
    void aTruncatedCheckpointIsRejectedBeforeAnyWeightIsUsed() throws Exception {
        Path f = dir.resolve("t.safetensors");
        SafeTensors.write(f, List.of(new Tensor("w", new long[] {64}, new float[64])), Map.of());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 10));
        ModelException e = assertThrows(ModelException.class, () -> SafeTensors.open(f).close());
        assertTrue(e.getMessage().contains("Corrupt safetensors file") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
