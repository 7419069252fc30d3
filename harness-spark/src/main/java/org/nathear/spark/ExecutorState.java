package org.nathear.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.nathear.api.ModelOptions;
import org.nathear.runner.eval.Progress;
import org.nathear.runner.eval.RunEngine;
import org.nathear.runner.plugins.PluginRegistry;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;

/**
 * What an executor JVM keeps between the Spark tasks of one job: the plugins it discovered and the
 * models it opened. A model is opened once per executor (on its first cache miss, behind the same
 * {@link org.nathear.runner.eval.GuardedModel} as a local run, through {@link RunEngine.LazyModel}),
 * not once per task or clip; a failure to open is remembered like in a local run, so every later
 * cell of that model fails with the same message.
 *
 * <p>For a cache on a Hadoop file system it also keeps a local copy of each split's cache file the
 * job's extraction units need ({@link #mirror}), so an executor downloads a file once, not once per unit.
 *
 * <p>Everything is keyed by run id: a long-lived JVM (local mode, tests) running several jobs never
 * mixes them, and {@link #release} closes a finished job's models.
 */
final class ExecutorState {
    private static final Map<String, PluginRegistry> REGISTRIES = new HashMap<>();
    private static final Map<String, RunEngine.LazyModel> MODELS = new HashMap<>();
    /** Per run id: this JVM's copies of the Hadoop cache's files as they were when the job started. */
    private static final Map<String, Path> MIRRORS = new HashMap<>();

    private ExecutorState() {
    }

    static synchronized PluginRegistry registry(JobSettings job) {
        return REGISTRIES.computeIfAbsent(job.runId(), id -> job.discovery().discover());
    }

    /** The job's model {@code entry} with {@code options}, opened on first use. */
    static synchronized RunEngine.LazyModel model(JobSettings job, ModelEntry entry, ModelOptions options) {
        String key = job.runId() + "\n" + entry.plugin().descriptor().id() + "\n" + options.canonical();
        return MODELS.computeIfAbsent(key, k -> new RunEngine.LazyModel(entry, options, job.callTimeout()));
    }

    /**
     * This JVM's copy of the split cache file {@code relative} of a Hadoop cache, downloaded on first
     * use and then shared by every extraction unit of the job on this executor (stage 1 only: the
     * driver merges into the store after it). The returned file may not exist (nothing cached yet).
     */
    static synchronized Path mirror(JobSettings job, HadoopCacheStore store, String relative) throws IOException {
        Path root = MIRRORS.get(job.runId());
        if (root == null) {
            // below Spark's per-application folder of this JVM, which Spark removes when the executor stops
            root = org.apache.spark.SparkEnv.get() == null ? Files.createTempDirectory("nathear-spark-mirror-")
                    : Files.createTempDirectory(Path.of(org.apache.spark.SparkFiles.getRootDirectory()), "nathear-spark-mirror-");
            MIRRORS.put(job.runId(), root);
        }
        Path local = root.resolve(relative);
        Path done = root.resolve(relative + ".fetched");
        if (!Files.exists(done)) {
            store.download(relative, local);
            Files.createDirectories(done.getParent());
            Files.createFile(done);
        }
        return local;
    }

    /** Closes the models of run {@code runId} opened in this JVM, forgets its plugins and removes its cache copies. */
    static synchronized void release(String runId) {
        for (Iterator<Map.Entry<String, RunEngine.LazyModel>> it = MODELS.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, RunEngine.LazyModel> e = it.next();
            if (e.getKey().startsWith(runId + "\n")) {
                e.getValue().close();
                it.remove();
            }
        }
        REGISTRIES.remove(runId);
        Path mirror = MIRRORS.remove(runId);
        if (mirror != null) {
            ShardMerge.deleteTree(mirror);
        }
    }

    /** Progress that prints nothing: executors report through their task results. */
    static Progress silent() {
        return new Progress(new PrintWriter(Writer.nullWriter()), 0, true);
    }
}
