package org.nathear.runner.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HearEmbeddingFilesTest {
    @TempDir
    Path dir;

    private static HearEmbeddingFiles.Rows rows(float[][] data) {
        return new HearEmbeddingFiles.Rows() {
            @Override
            public int rows() {
                return data.length;
            }

            @Override
            public int dimension() {
                return data[0].length;
            }

            @Override
            public void row(int i, float[] into) {
                System.arraycopy(data[i], 0, into, 0, into.length);
            }
        };
    }

    @Test
    void thePickleIsProtocolTwoListsOfStrings() {
        // pickle.loads(b'\x80\x02](](X\x01\x00\x00\x00ae](ee.') == [['a'], []] (checked with CPython 3)
        byte[] expected = {(byte) 0x80, 2, ']', '(', ']', '(', 'X', 1, 0, 0, 0, 'a', 'e', ']', '(', 'e', 'e', '.'};
        assertArrayEquals(expected, HearEmbeddingFiles.pickleListOfStringLists(List.of(List.of("a"), List.of())));
        byte[] utf8 = HearEmbeddingFiles.pickleListOfStringLists(List.of(List.of("é")));
        assertEquals(2, utf8[7]); // length in bytes, not characters
    }

    @Test
    void aSceneSplitIsHeaderlessFloat32RowsWithDimensionsLabelsAndFileNames() throws IOException {
        float[][] data = {{1f, -2.5f, 3f}, {0.25f, 0f, Float.MIN_VALUE}};
        HearEmbeddingFiles.writeSplit(dir, "train", List.of("a.wav", "b \"quoted\".wav"),
                List.of(List.of("dog"), List.of("cat", "bird")), null, rows(data));
        byte[] raw = Files.readAllBytes(dir.resolve("train.embeddings.npy"));
        assertEquals(2 * 3 * 4, raw.length);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : data) {
            for (float v : row) {
                assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(b.getFloat()));
            }
        }
        assertEquals("[2, 3]\n", Files.readString(dir.resolve("train.embedding-dimensions.json")));
        assertEquals("[\"a.wav\", \"b \\\"quoted\\\".wav\"]\n", Files.readString(dir.resolve("train.filenames.json")));
        assertArrayEquals(HearEmbeddingFiles.pickleListOfStringLists(List.of(List.of("dog"), List.of("cat", "bird"))),
                Files.readAllBytes(dir.resolve("train.target-labels.pkl")));
    }

    @Test
    void anEventSplitNamesFileAndTimeOfEveryFrame() throws IOException {
        HearEmbeddingFiles.writeSplit(dir, "fold00", List.of("x.wav", "x.wav"), List.of(List.of(), List.of("kick")),
                new double[] {0, 12.5}, rows(new float[][] {{1f}, {2f}}));
        assertEquals("[[\"x.wav\", 0], [\"x.wav\", 12.5]]\n",
                Files.readString(dir.resolve("fold00.filename-timestamps.json"), StandardCharsets.UTF_8));
    }

    @Test
    void mismatchedCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HearEmbeddingFiles.writeSplit(dir, "train", List.of("a.wav"),
                List.of(), null, rows(new float[][] {{1f}})));
    }
}
