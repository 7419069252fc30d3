package org.nathear.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.nathear.runner.cache.EmbeddingCache;

/**
 * On the driver, after extraction: the shards the units of one split wrote go into the split's
 * cache file (the file a local run of the same model and task reads), one writer per file.
 */
final class ShardMerge {
    private ShardMerge() {
    }

    /** Where the job's executors write their shards: below the shared cache, removed when the job ends. */
    static Path shardRoot(JobSettings job) {
        return job.cache().resolve(".spark-shards").resolve(job.runId());
    }

    /**
     * Adds every entry of {@code shards} that {@code cacheFile} lacks.
     *
     * @return the number of entries added
     */
    static int merge(Path cacheFile, List<Path> shards) {
        if (shards.isEmpty()) {
            return 0;
        }
        int added = 0;
        try (EmbeddingCache target = EmbeddingCache.open(cacheFile)) {
            Set<String> present = new HashSet<>(target.keys());
            for (Path shard : shards) {
                try (EmbeddingCache source = EmbeddingCache.open(shard)) {
                    for (String key : source.keys()) {
                        if (present.add(key)) {
                            target.put(key, source.get(key));
                            added++;
                        }
                    }
                }
            }
            target.save();
        }
        return added;
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
