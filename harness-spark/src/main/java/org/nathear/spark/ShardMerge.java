package org.nathear.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.nathear.api.HarnessException;
import org.nathear.runner.cache.EmbeddingCache;

/**
 * On the driver, after extraction: the shards the units of one split wrote go into the split's
 * cache file (the file a local run of the same model and task reads), one writer per file.
 *
 * <p>For a cache on a Hadoop file system ({@link HadoopCacheStore}) the driver downloads the split's
 * file and the shards, merges them locally and publishes the result atomically. Another job may
 * merge into the same file at the same time (two runs sharing a cache): the publish happens only if
 * the file is still the one the merge started from, else the merge starts again from the other
 * job's file, so neither job's entries are lost in the common case. Entries are never damaged either
 * way: a file is replaced whole, and every entry carries its checksum.
 */
final class ShardMerge {
    /** The folder below the cache root where the jobs' shards live until the driver has merged them. */
    static final String SHARDS = ".spark-shards";

    /** How often a Hadoop merge starts again when another writer published the same file meanwhile. */
    static final int MERGE_ATTEMPTS = 10;

    private ShardMerge() {
    }

    /** Where the job's executors write their shards: below the shared cache, removed when the job ends. */
    static Path shardRoot(JobSettings job) {
        return job.cache().resolve(SHARDS).resolve(job.runId());
    }

    /** A path below a cache root as a slash-separated string (the layout of local and Hadoop caches alike). */
    static String relative(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    /**
     * Adds every entry of {@code shards} that {@code cacheFile} lacks.
     *
     * @return the number of entries added
     */
    static int merge(Path cacheFile, List<Path> shards) {
        return merge(cacheFile, shards, Set.of());
    }

    /**
     * Adds every entry of {@code shards} that {@code cacheFile} lacks, except those in {@code skip};
     * a damaged shard entry (checksum mismatch) is left out, to be embedded again by a later run.
     */
    private static int merge(Path cacheFile, List<Path> shards, Set<String> skip) {
        if (shards.isEmpty()) {
            return 0;
        }
        int added = 0;
        try (EmbeddingCache target = EmbeddingCache.open(cacheFile)) {
            Set<String> present = new HashSet<>(target.keys());
            present.addAll(skip);
            for (Path shard : shards) {
                try (EmbeddingCache source = EmbeddingCache.open(shard)) {
                    for (String key : source.keys()) {
                        if (present.contains(key)) {
                            continue;
                        }
                        EmbeddingCache.CachedEmbedding entry = source.get(key);
                        if (entry != null) {
                            target.put(key, entry);
                            present.add(key);
                            added++;
                        }
                    }
                }
            }
            target.save();
        }
        return added;
    }

    /**
     * On an executor, for a Hadoop cache: uploads the entries {@code shardFile} holds beyond those of
     * {@code seededFrom} (the executor's copy of the split's file) as this attempt's shard.
     *
     * @return the shard's path below the cache root
     */
    static String upload(HadoopCacheStore store, JobSettings job, String shardName, String relative, Path seededFrom,
                         Path shardFile) throws IOException {
        Set<String> known;
        try (EmbeddingCache seeded = EmbeddingCache.open(seededFrom)) {
            known = new HashSet<>(seeded.keys());
        }
        Path delta = shardFile.resolveSibling(shardFile.getFileName() + ".new");
        merge(delta, List.of(shardFile), known);
        String target = SHARDS + "/" + job.runId() + "/" + shardName + "/" + relative;
        store.publish(delta, target);
        return target;
    }

    /**
     * On the driver, for a Hadoop cache: merges the shards (paths below the cache root) into the
     * split's file {@code relative} and publishes it (see the class comment for concurrent jobs).
     *
     * @return the number of entries added
     */
    static int merge(HadoopCacheStore store, String relative, List<String> shards) {
        if (shards.isEmpty()) {
            return 0;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("nathear-spark-merge-");
            List<Path> local = new java.util.ArrayList<>();
            for (int i = 0; i < shards.size(); i++) {
                Path copy = work.resolve("shard-" + i + ".emb");
                if (!store.download(shards.get(i), copy)) {
                    throw new HarnessException("The shard " + store.path(shards.get(i)) + " an executor reported is missing; "
                            + "was the cache's " + SHARDS + " folder removed during the job?");
                }
                local.add(copy);
            }
            for (int attempt = 0; attempt < MERGE_ATTEMPTS; attempt++) {
                Path target = work.resolve("merged-" + attempt + ".emb");
                FileStatus before = store.status(relative);
                if (before != null) {
                    store.download(relative, target);
                }
                int added = merge(target, local);
                if (store.publishIfUnchanged(target, relative, before)) {
                    return added;
                }
                backOff(relative, shards, attempt);
            }
            throw new HarnessException("Cannot merge into " + store.path(relative) + ": another writer replaced it "
                    + MERGE_ATTEMPTS + " times while this job merged; submit the job again (it embeds only what is still missing)");
        } catch (IOException e) {
            throw new HarnessException("Cannot merge the shards of " + store.path(relative) + ": " + e, e);
        } finally {
            if (work != null) {
                deleteTree(work);
            }
        }
    }

    /**
     * Waits before merging again: doubling from 50 ms, times a factor in [1, 2) drawn from the writer's
     * shards (seeded, so writers that collided once are unlikely to collide again).
     */
    private static void backOff(String relative, List<String> shards, int attempt) {
        double factor = 1 + new Random(Objects.hash(relative, shards, attempt)).nextDouble();
        long millis = (long) (Math.min(2000, 50L << attempt) * factor);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("Interrupted while merging into " + relative, e);
        }
    }

    /** Removes the shards of the job (local or Hadoop cache). */
    static void removeShards(JobSettings job) {
        HadoopCacheStore store = job.hadoopStore();
        if (store == null) {
            deleteTree(shardRoot(job));
        } else {
            store.delete(SHARDS + "/" + job.runId());
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + root + ": " + e, e);
        }
    }
}
