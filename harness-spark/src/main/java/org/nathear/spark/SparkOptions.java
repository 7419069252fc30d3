package org.nathear.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code nathear-spark run} adds to those of {@code nathear run}. */
public final class SparkOptions {
    @Option(names = "--master", required = true, paramLabel = "URL",
            description = "Spark master: local[N] (N executor threads in this JVM), spark://HOST:PORT (a standalone cluster).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A Spark setting, as spark-submit's --conf (e.g. spark.executor.memory=2g). Repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--calls-per-task", paramLabel = "N", defaultValue = "4",
            description = "Model calls (of --batch-size clips) per extraction task: the unit of work and of retry "
                    + "(default: ${DEFAULT-VALUE}).")
    int callsPerTask;

    @Option(names = "--extract-only",
            description = "Only fill the shared cache (stage 1) and stop: results.json then lists only cells that failed "
                    + "during extraction. For filling the cache on GPU executors before scoring on CPU ones, and for "
                    + "measuring extraction.")
    boolean extractOnly;

    public SparkOptions() {
    }

    /** Options for a job on {@code master} (for tests and other launchers). */
    public SparkOptions(String master, Map<String, String> conf, int callsPerTask, boolean extractOnly) {
        this.master = master;
        this.conf = new LinkedHashMap<>(conf);
        this.callsPerTask = callsPerTask;
        this.extractOnly = extractOnly;
    }
}
