package org.nathear.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.ModelOptions;
import org.nathear.runner.cli.DiscoveryOptions;
import org.nathear.runner.eval.RunConfiguration;

/**
 * What every executor of one job needs to repeat the driver's plugin discovery and to reach the
 * shared cache: plain strings and numbers, so Spark can ship them. Paths must mean the same on
 * every node (docs/spark.md, "Shared storage").
 *
 * @param cacheDir          the shared embedding cache root: an absolute local path, or a URI with a scheme
 *                          ({@code hdfs://…}, {@code s3a://…}, {@code file://…}) read through Hadoop's file systems
 * @param callTimeoutMillis limit per model call; 0 for none
 * @param modelOptions      per model id, its options
 * @param hadoopConf        Hadoop settings for a URI cache (the job's {@code spark.hadoop.*} values, prefix removed)
 */
public record JobSettings(String runId, List<String> tasksDirs, List<String> pluginDirs, List<String> modelsDirs, String dataDir,
                          List<String> modelArgs, String cacheDir, int batchSize, long callTimeoutMillis, String probe,
                          Map<String, Map<String, String>> modelOptions, Map<String, String> hadoopConf)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public JobSettings {
        tasksDirs = List.copyOf(tasksDirs);
        pluginDirs = List.copyOf(pluginDirs);
        modelsDirs = List.copyOf(modelsDirs);
        modelArgs = List.copyOf(modelArgs);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        modelOptions.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        modelOptions = Map.copyOf(copy);
        hadoopConf = Map.copyOf(hadoopConf);
    }

    /** @param cacheLocation the cache root: a local path (made absolute here) or a URI with a scheme */
    static JobSettings of(RunConfiguration request, DiscoveryOptions.Resolved discovery, String cacheLocation,
                          Map<String, String> hadoopConf) {
        Duration callTimeout = request.callTimeout();
        Map<String, Map<String, String>> options = new LinkedHashMap<>();
        request.modelOptions().forEach((model, o) -> options.put(model, o.values()));
        return new JobSettings(request.runId(), absolute(discovery.tasksDirs()), absolute(discovery.pluginDirs()),
                absolute(discovery.modelsDirs()), discovery.dataDir().toAbsolutePath().toString(), discovery.modelArgs(),
                HadoopCacheStore.isUri(cacheLocation) ? cacheLocation : Path.of(cacheLocation).toAbsolutePath().toString(),
                request.batchSize(), callTimeout == null ? 0 : callTimeout.toMillis(),
                request.probe().name(), options, hadoopConf);
    }

    private static List<String> absolute(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().toString()).toList();
    }

    DiscoveryOptions.Resolved discovery() {
        return new DiscoveryOptions.Resolved(paths(tasksDirs), paths(pluginDirs), paths(modelsDirs), Path.of(dataDir), modelArgs);
    }

    /** The local cache root; only for a job whose cache is not a URI ({@link #hadoopStore} is null). */
    Path cache() {
        if (HadoopCacheStore.isUri(cacheDir)) {
            throw new IllegalStateException("the cache " + cacheDir + " is read through Hadoop, not as a local folder");
        }
        return Path.of(cacheDir);
    }

    /** The cache on a Hadoop file system, or null when it is a local (or mounted) folder. */
    HadoopCacheStore hadoopStore() {
        return HadoopCacheStore.isUri(cacheDir) ? new HadoopCacheStore(cacheDir, hadoopConf) : null;
    }

    Duration callTimeout() {
        return callTimeoutMillis == 0 ? null : Duration.ofMillis(callTimeoutMillis);
    }

    ModelOptions options(String modelId) {
        Map<String, String> values = modelOptions.get(modelId);
        return values == null ? ModelOptions.NONE : new ModelOptions(values);
    }

    private static List<Path> paths(List<String> values) {
        return values.stream().map(Path::of).toList();
    }
}
