package org.nathear.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.runner.cache.EmbeddingCache;
import org.nathear.runner.cache.EmbeddingCache.CachedEmbedding;

/**
 * {@link HadoopCacheStore} and the Hadoop merge of {@link ShardMerge} through Hadoop's {@code file://}
 * file system (the same code path as {@code hdfs://}; {@code SparkHdfsCacheTest} runs a real HDFS).
 */
class SparkHadoopCacheStoreTest {
    @TempDir
    Path dir;

    HadoopCacheStore store() {
        return new HadoopCacheStore(dir.resolve("store").toUri().toString(), Map.of());
    }

    /** A cache file at {@code file} with entries {@code keys}, each a seeded random 3 × 5 embedding. */
    static void writeCache(Path file, List<String> keys) {
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            for (String key : keys) {
                cache.put(key, embedding(key));
            }
            cache.save();
        }
    }

    static CachedEmbedding embedding(String key) {
        Random random = new Random(key.hashCode());
        float[][] frames = new float[3][5];
        for (float[] f : frames) {
            for (int i = 0; i < f.length; i++) {
                f[i] = random.nextFloat();
            }
        }
        return new CachedEmbedding(frames, new double[] {0, 10, 20}, 30);
    }

    static String key(int i) {
        return String.format("%064x", i);
    }

    static List<String> keys(int from, int to) {
        List<String> keys = new ArrayList<>();
        for (int i = from; i < to; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    /** Every entry of the cache file, checked (checksum and values) against what was written. */
    static Set<String> verifiedKeys(Path file) {
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            for (String k : cache.keys()) {
                EmbeddingCache.Lookup lookup = cache.lookup(k);
                assertTrue(lookup.hit(), k + ": " + lookup.damage());
                assertArrayEquals(embedding(k).frames(), lookup.entry().frames(), k);
            }
            return new HashSet<>(cache.keys());
        }
    }

    @Test
    void schemesAreToldFromLocalPaths() {
        assertTrue(HadoopCacheStore.isUri("hdfs://namenode:8020/nathear/cache"));
        assertTrue(HadoopCacheStore.isUri("hdfs:///nathear/cache"));
        assertTrue(HadoopCacheStore.isUri("s3a://bucket/cache"));
        assertTrue(HadoopCacheStore.isUri("file:///tmp/cache"));
        assertFalse(HadoopCacheStore.isUri("/tmp/cache"));
        assertFalse(HadoopCacheStore.isUri("cache/embeddings"));
        assertFalse(HadoopCacheStore.isUri("C:/cache"));
        assertFalse(HadoopCacheStore.isUri(null));
        assertTrue(new HadoopCacheStore("s3a://bucket/cache", Map.of()).isObjectStore());
        assertFalse(new HadoopCacheStore("hdfs://nn/cache", Map.of()).isObjectStore());
    }

    @Test
    void aPublishedFileComesBackByteForByteWithItsChecksumsAndWithoutHadoopSideFiles() throws Exception {
        HadoopCacheStore store = store();
        Path local = dir.resolve("local/a.emb");
        writeCache(local, keys(0, 20));
        store.publish(local, "model/task/train-0123.emb");
        assertFalse(store.fileSystem() instanceof LocalFileSystem, "file:// goes through the raw local file system");
        Path back = dir.resolve("back/a.emb");
        assertTrue(store.download("model/task/train-0123.emb", back));
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(back));
        assertEquals(new HashSet<>(keys(0, 20)), verifiedKeys(back));
        // the same layout a local cache folder has, nothing beside it (no .crc, no temporary file)
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            assertEquals(List.of(dir.resolve("store/model/task/train-0123.emb")), files.filter(Files::isRegularFile).toList());
        }
        assertEquals(List.of("train-0123.emb"), store.list("model/task"));
        assertFalse(store.download("model/task/missing.emb", dir.resolve("missing.emb")));
        assertFalse(Files.exists(dir.resolve("missing.emb")));
    }

    @Test
    void aPublishOverAFileThatChangedSinceItWasReadIsRefused() throws Exception {
        HadoopCacheStore store = store();
        Path first = dir.resolve("first.emb");
        writeCache(first, keys(0, 3));
        assertTrue(store.publishIfUnchanged(first, "m/t/s.emb", null), "nothing there: published");
        FileStatus seen = store.status("m/t/s.emb");
        assertNotNull(seen);
        Path other = dir.resolve("other.emb");
        writeCache(other, keys(0, 5));
        store.publish(other, "m/t/s.emb"); // another writer, after we read
        Path mine = dir.resolve("mine.emb");
        writeCache(mine, keys(0, 4));
        assertFalse(store.publishIfUnchanged(mine, "m/t/s.emb", seen));
        Path now = dir.resolve("now.emb");
        store.download("m/t/s.emb", now);
        assertEquals(new HashSet<>(keys(0, 5)), verifiedKeys(now), "the other writer's file is intact");
        assertFalse(store.publishIfUnchanged(mine, "m/t/s.emb", null), "a file appeared where none was: refused");
    }

    @Test
    void shardsMergeIntoTheSplitFileAddingOnlyMissingEntries() throws Exception {
        HadoopCacheStore store = store();
        Path existing = dir.resolve("existing.emb");
        writeCache(existing, keys(0, 10));
        store.publish(existing, "m/t/s.emb");
        List<String> shards = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Path shard = dir.resolve("shard" + s + ".emb");
            writeCache(shard, keys(5 + 10 * s, 15 + 10 * s)); // overlaps the file and each other
            String rel = ShardMerge.SHARDS + "/run/unit-" + s + "/m/t/s.emb";
            store.publish(shard, rel);
            shards.add(rel);
        }
        assertEquals(25, ShardMerge.merge(store, "m/t/s.emb", shards));
        Path merged = dir.resolve("merged.emb");
        store.download("m/t/s.emb", merged);
        assertEquals(new HashSet<>(keys(0, 35)), verifiedKeys(merged));
        store.delete(ShardMerge.SHARDS + "/run");
        assertFalse(Files.exists(dir.resolve("store").resolve(ShardMerge.SHARDS).resolve("run")));
    }

    @Test
    void concurrentWritersOfTheSameFileNeverLeaveADamagedOne() throws Exception {
        HadoopCacheStore store = store();
        int writers = 3;
        List<String> shards = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Path shard = dir.resolve("w" + w + ".emb");
            writeCache(shard, keys(100 * w, 100 * w + 50));
            String rel = ShardMerge.SHARDS + "/run-" + w + "/u/m/t/s.emb";
            store.publish(shard, rel);
            shards.add(rel);
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (String shard : shards) {
                done.add(pool.submit(() -> ShardMerge.merge(store, "m/t/s.emb", List.of(shard))));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Path result = dir.resolve("result.emb");
        assertTrue(store.download("m/t/s.emb", result));
        Set<String> present = verifiedKeys(result); // every entry whole and with a matching checksum
        // each writer's entries are there whole or (only if two publishes met within the final check's
        // window, which the refused-publish test above covers deterministically) not at all; nothing else is
        Set<String> written = new HashSet<>();
        int whole = 0;
        for (int w = 0; w < writers; w++) {
            Set<String> mine = new HashSet<>(keys(100 * w, 100 * w + 50));
            written.addAll(mine);
            Set<String> kept = new HashSet<>(mine);
            kept.retainAll(present);
            assertTrue(kept.isEmpty() || kept.equals(mine), "writer " + w + ": " + kept.size() + " of 50 entries");
            whole += kept.isEmpty() ? 0 : 1;
        }
        assertTrue(written.containsAll(present));
        assertTrue(whole >= 1);
        try (Stream<Path> files = Files.list(dir.resolve("store/m/t"))) {
            assertEquals(List.of(dir.resolve("store/m/t/s.emb")), files.toList(), "no temporary file left behind");
        }
    }
}
