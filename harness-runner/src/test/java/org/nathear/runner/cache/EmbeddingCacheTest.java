package org.nathear.runner.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    @TempDir
    Path dir;

    private static final String KEY = "ab".repeat(32);

    @Test
    void storedEmbeddingsReadBackExactly() {
        Path file = dir.resolve("m/t/train.emb");
        EmbeddingCache cache = EmbeddingCache.open(file);
        cache.put(KEY, new EmbeddingCache.CachedEmbedding(new float[][] {{1.5f, -2f}, {Float.MIN_VALUE, 3e38f}},
                new double[] {25.0, 75.0}));
        cache.save();
        EmbeddingCache.CachedEmbedding back = EmbeddingCache.open(file).get(KEY);
        assertArrayEquals(new float[] {1.5f, -2f}, back.frames()[0]);
        assertArrayEquals(new float[] {Float.MIN_VALUE, 3e38f}, back.frames()[1]);
        assertArrayEquals(new double[] {25.0, 75.0}, back.timesMillis());
    }

    @Test
    void aDamagedFileIsTreatedAsEmptyAndRewritten() throws Exception {
        Path file = dir.resolve("x.emb");
        EmbeddingCache cache = EmbeddingCache.open(file);
        cache.put(KEY, new EmbeddingCache.CachedEmbedding(new float[][] {{1f, 2f, 3f}}, new double[] {Double.NaN}));
        cache.save();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5)); // cut short by something outside nathear
        EmbeddingCache reopened = EmbeddingCache.open(file);
        assertEquals(0, reopened.size());
        assertNull(reopened.get(KEY));
        reopened.put(KEY, new EmbeddingCache.CachedEmbedding(new float[][] {{4f}}, new double[] {Double.NaN}));
        reopened.save();
        assertArrayEquals(new float[] {4f}, EmbeddingCache.open(file).get(KEY).frames()[0]);
        try (var files = Files.list(dir)) {
            assertTrue(files.allMatch(p -> p.getFileName().toString().equals("x.emb")), "no temporary files left");
        }
    }

    @Test
    void entriesAddedToAnExistingFileAreMergedAndReplacedOnesKeepOnlyTheNewValue() throws Exception {
        Path file = dir.resolve("merge.emb");
        String other = "cd".repeat(32);
        EmbeddingCache first = EmbeddingCache.open(file);
        first.put(KEY, new EmbeddingCache.CachedEmbedding(new float[][] {{1f}}, new double[] {Double.NaN}));
        first.save();
        EmbeddingCache second = EmbeddingCache.open(file);
        assertEquals(1, second.size());
        second.put(other, new EmbeddingCache.CachedEmbedding(new float[][] {{5f, 6f}, {7f, 8f}}, new double[] {25, 75}));
        assertArrayEquals(new float[] {7f, 8f}, second.get(other).frames()[1], "a pending entry is readable before saving");
        second.put(KEY, new EmbeddingCache.CachedEmbedding(new float[][] {{2f}}, new double[] {Double.NaN}));
        second.save();
        assertArrayEquals(new float[] {2f}, second.get(KEY).frames()[0], "still usable after saving");
        EmbeddingCache third = EmbeddingCache.open(file);
        assertEquals(2, third.size());
        assertArrayEquals(new float[] {2f}, third.get(KEY).frames()[0]);
        assertArrayEquals(new double[] {25, 75}, third.get(other).timesMillis());
        third.close();
        // 12-byte header + one scene entry (32 + 4 + 8 + 8 + 4 + 4 + 4) + one 2-frame entry (32 + 4 + 8 + 16 + 4 + 16 + 4)
        assertEquals(12 + 64 + 84, Files.size(file));
        try (var files = Files.list(dir)) {
            assertTrue(files.allMatch(p -> p.getFileName().toString().equals("merge.emb")), "no pending or temporary files left");
        }
    }

    @Test
    void closingWithoutSavingDropsTheNewEntriesAndThePendingFile() throws Exception {
        Path file = dir.resolve("drop.emb");
        EmbeddingCache cache = EmbeddingCache.open(file);
        cache.put(KEY, new EmbeddingCache.CachedEmbedding(new float[][] {{1f}}, new double[] {Double.NaN}));
        cache.close();
        assertEquals(0, EmbeddingCache.open(file).size());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void changedBytesOrANonFiniteValueMakeAnEntryDamagedNotAHit() throws Exception {
        Path file = dir.resolve("d.emb");
        String nan = "cd".repeat(32);
        EmbeddingCache cache = EmbeddingCache.open(file);
        cache.put(KEY, new EmbeddingCache.CachedEmbedding(new float[][] {{1f, 2f, 3f}}, new double[] {Double.NaN}, 500.0));
        cache.put(nan, new EmbeddingCache.CachedEmbedding(new float[][] {{1f, Float.NaN}}, new double[] {Double.NaN}, 500.0));
        cache.save();
        EmbeddingCache.Lookup ok = EmbeddingCache.open(file).lookup(KEY);
        assertTrue(ok.hit());
        assertEquals(500.0, ok.entry().durationMillis());
        EmbeddingCache.Lookup bad = EmbeddingCache.open(file).lookup(nan);
        assertNull(bad.entry());
        assertTrue(bad.damage().contains("non-finite"), bad.damage());

        // overwrite the second float of the first entry (12-byte header, key, F, duration, one time, D, value 0)
        byte[] bytes = Files.readAllBytes(file);
        int at = 12 + 32 + 4 + 8 + 8 + 4 + 4;
        java.nio.ByteBuffer.wrap(bytes).putFloat(at, 2.5f);
        Files.write(file, bytes);
        EmbeddingCache.Lookup changed = EmbeddingCache.open(file).lookup(KEY);
        assertNull(changed.entry());
        assertTrue(changed.damage().contains("checksum"), changed.damage());
        assertNull(EmbeddingCache.open(file).get(KEY), "get never returns a damaged entry");
    }
}
