package org.nathear.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.nathear.api.HarnessException;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedTask;
import org.nathear.api.util.Hashing;
import org.nathear.runner.eval.ChannelAdapter;
import org.nathear.runner.eval.EmbeddingExtractor;
import org.nathear.runner.plugins.PluginRegistry;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;

/**
 * Stage 1 of the job, on the executors: each unit embeds one range of clips of one (model, task,
 * split) through the runner's own {@link EmbeddingExtractor} (same audio path, same cache keys, same
 * output checks) into a shard of the cache on shared storage; the driver then merges the shards
 * into the split's cache file ({@link ShardMerge}).
 *
 * <p>A shard starts as a hard link to (or a copy of) the split's existing cache file, so every clip
 * embedded by an earlier job is found there and not computed again. Each attempt of a unit writes
 * its own shard folder, so a retried attempt (a lost executor) never meets a half-written file.
 *
 * <p>With a cache on a Hadoop file system ({@link HadoopCacheStore}) the shard is built in a local
 * temporary folder of the executor, seeded from the executor's copy of the split's cache file
 * (downloaded once per executor and job), and only its new entries are uploaded as the shard.
 */
final class ExtractionStage {
    private ExtractionStage() {
    }

    /**
     * Clips {@code from … to−1} of one split.
     *
     * @param timestamps timestamp embeddings (event tasks) instead of scene embeddings
     */
    record Unit(int index, String modelId, String taskId, String split, boolean timestamps, int from, int to)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What a unit did.
     *
     * @param cacheFile  the split's cache file (the merge target): a local path, or for a Hadoop cache its
     *                   path below the cache root
     * @param shardFile  the shard this attempt wrote (local path, or path below the Hadoop cache root), or null
     *                   when it added nothing or failed
     * @param error      the message the cell fails with (as a local run words it), or null
     * @param executor   the Spark executor id
     * @param attempt    the attempt number (0 for the first)
     */
    record Outcome(Unit unit, String cacheFile, String shardFile, int embedded, int fromCache, double seconds,
                   String error, String executor, int attempt) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static Outcome run(JobSettings job, Unit unit) {
        TaskContext context = TaskContext.get();
        int attempt = context == null ? 0 : context.attemptNumber();
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        long start = System.nanoTime();
        try {
            PluginRegistry registry = ExecutorState.registry(job);
            ModelEntry model = registry.model(unit.modelId());
            TaskEntry task = registry.task(unit.taskId());
            TaskDescriptor td = task.plugin().descriptor();
            ModelOptions userOptions = job.options(unit.modelId());
            // the options the cell will run with (a plugin may choose some by task kind), so the cell finds these embeddings
            ModelOptions options = model.plugin().optionsFor(td.kind(), userOptions);
            ModelDescriptor md = model.plugin().descriptor(options);
            ChannelAdapter adapter = ChannelAdapter.choose(td.layout(), md);
            String modelKey = EmbeddingExtractor.modelKey(md, model.plugin().weightsSha256(options), options.canonical(),
                    adapter, unit.timestamps() ? "timestamp" : "scene");
            String relative = ShardMerge.relative(EmbeddingExtractor.cacheFile(Path.of(""), md, td, unit.split(), modelKey));
            String shardName = "unit-" + unit.index() + "-attempt-" + attempt + "-" + UUID.randomUUID();
            HadoopCacheStore store = job.hadoopStore();
            // a local (or mounted) cache: the shard is written on the shared folder itself; a Hadoop cache: the
            // shard is written on this executor, seeded from its copy of the split's file, and its new entries uploaded
            Path cacheFile = store == null ? job.cache().resolve(relative) : ExecutorState.mirror(job, store, relative);
            Path shardRoot = store == null ? ShardMerge.shardRoot(job).resolve(shardName)
                    : Files.createTempDirectory("nathear-spark-shard-");
            Path shardFile = shardRoot.resolve(relative);
            try {
                seed(cacheFile, shardFile);
                Path work = Files.createTempDirectory("nathear-spark-work-");
                EmbeddingExtractor extractor = new EmbeddingExtractor(shardRoot, work, job.batchSize(), ExecutorState.silent());
                EmbeddingExtractor.Stats stats = new EmbeddingExtractor.Stats();
                try (OpenedTask opened = new ClipRange(task.plugin().open(), unit.split(), unit.from(), unit.to())) {
                    if (unit.timestamps()) {
                        extractor.extractTimestamps(opened, unit.split(), ExecutorState.model(job, model, userOptions).with(options), md, adapter,
                                modelKey, Hashing.sha256(), stats).frames().close();
                    } else {
                        extractor.extractSceneRows(opened, unit.split(), ExecutorState.model(job, model, userOptions).with(options), md, adapter,
                                modelKey, Hashing.sha256(), stats).features().close();
                    }
                } finally {
                    ShardMerge.deleteTree(work);
                }
                String shard = null;
                if (stats.embedded > 0) {
                    shard = store == null ? shardFile.toString() : ShardMerge.upload(store, job, shardName, relative, cacheFile, shardFile);
                }
                return new Outcome(unit, store == null ? cacheFile.toString() : relative, shard, stats.embedded,
                        stats.fromCache, (System.nanoTime() - start) / 1e9, null, executor, attempt);
            } finally {
                if (store != null) {
                    ShardMerge.deleteTree(shardRoot);
                }
            }
        } catch (RuntimeException | IOException e) {
            String message = e instanceof HarnessException ? e.getMessage() : e.toString();
            return new Outcome(unit, null, null, 0, 0, (System.nanoTime() - start) / 1e9, message, executor, attempt);
        }
    }

    /** Starts the shard with what the split's cache already holds: a hard link where the storage has them, else a copy. */
    private static void seed(Path cacheFile, Path shardFile) throws IOException {
        Files.createDirectories(shardFile.getParent());
        if (!Files.isRegularFile(cacheFile)) {
            return;
        }
        try {
            Files.createLink(shardFile, cacheFile);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(cacheFile, shardFile);
        }
    }
}
