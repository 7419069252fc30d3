package org.nathear.runner.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.runner.probe.FeatureRows;

class EmbeddingMatrixTest {
    @TempDir
    Path dir;

    private static float[] row(int i, int dim) {
        float[] r = new float[dim];
        for (int j = 0; j < dim; j++) {
            r[j] = i * 1000 + j + 0.25f;
        }
        return r;
    }

    @Test
    void rowsReadBackExactlyFromARawLittleEndianFile() throws Exception {
        int dim = 5;
        EmbeddingMatrix m;
        try (EmbeddingMatrix.Writer w = EmbeddingMatrix.createTemporary(dir, "t-", dim)) {
            for (int i = 0; i < 1000; i++) {
                w.append(row(i, dim));
            }
            m = w.finish();
        }
        assertEquals(1000, m.size());
        assertEquals(dim, m.dimension());
        float[] back = new float[dim];
        for (int i : new int[] {0, 1, 499, 999}) {
            m.read(i, back);
            assertArrayEquals(row(i, dim), back);
        }
        // the file is headerless float32, row-major, little-endian (numpy.memmap(dtype='<f4') reads it)
        byte[] bytes = Files.readAllBytes(m.file());
        assertEquals(1000L * dim * 4, bytes.length);
        assertEquals(row(1, dim)[2], ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat((dim + 2) * 4));
        m.close();
        assertFalse(Files.exists(m.file()), "closing deletes the work file");
    }

    @Test
    void anUnfinishedWriterLeavesNoFileAndWrongRowSizesAreRejected() throws Exception {
        Path file;
        try (EmbeddingMatrix.Writer w = EmbeddingMatrix.createTemporary(dir, "u-", 3)) {
            w.append(new float[3]);
            assertThrows(IllegalArgumentException.class, () -> w.append(new float[4]));
            try (var files = Files.list(dir)) {
                file = files.findFirst().orElseThrow();
            }
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void concatenatedViewsReadAcrossPartsIncludingEmptyOnes() {
        FeatureRows a = FeatureRows.of(new float[][] {{1, 1}, {2, 2}});
        FeatureRows empty = FeatureRows.of(new float[0][2]);
        FeatureRows b = FeatureRows.of(new float[][] {{3, 3}});
        FeatureRows all = FeatureRows.concat(List.of(a, empty, b));
        assertEquals(3, all.size());
        float[] r = new float[2];
        all.read(2, r);
        assertArrayEquals(new float[] {3, 3}, r);
        all.read(1, r);
        assertArrayEquals(new float[] {2, 2}, r);
    }
}
