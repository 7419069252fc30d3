package org.nathear.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nathear.api.ModelOptions;
import org.nathear.results.schema.CellResult;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.probe.Probes;
import org.nathear.runner.eval.EmbeddingExtractor;
import org.nathear.runner.eval.RunEngine;
import org.nathear.runner.plugins.PluginRegistry;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;

/**
 * Stage 2 of the job, on the executors: one Spark task per cell runs the runner's own cell
 * evaluation ({@link RunEngine#evaluateCell}: probe grid, metrics, bootstrap interval, hear-eval-kit
 * files) with every embedding read from the cache that stage 1 filled, and the cell's seed from the
 * run seed, so its scores are those of a local run bit for bit. The hear-eval-kit files are written
 * to an executor-local folder and travel back with the result; the driver writes them. With a cache on
 * a Hadoop file system the cell first copies its (model, task) folder of the cache to the executor.
 */
final class CellStage {
    private CellStage() {
    }

    record Unit(String modelId, String taskId, long seed) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param cellJson  the cell as result-file JSON (a one-cell run document)
     * @param files     hear-eval-kit files by path relative to the run folder
     */
    record Outcome(Unit unit, String cellJson, Map<String, byte[]> files, String executor) implements Serializable {
        private static final long serialVersionUID = 1L;

        CellResult cell() {
            return ResultFiles.fromJson(cellJson, "the result of cell " + unit.taskId() + " | " + unit.modelId()).cells().get(0);
        }
    }

    static Outcome run(JobSettings job, Unit unit) {
        String executor = org.apache.spark.SparkEnv.get() == null ? "driver" : org.apache.spark.SparkEnv.get().executorId();
        PluginRegistry registry = ExecutorState.registry(job);
        ModelEntry model = registry.model(unit.modelId());
        TaskEntry task = registry.task(unit.taskId());
        ModelOptions options = job.options(unit.modelId());
        Path runDir = null;
        Path work = null;
        try {
            runDir = Files.createTempDirectory("nathear-spark-cell-");
            work = Files.createTempDirectory("nathear-spark-work-");
            HadoopCacheStore store = job.hadoopStore();
            Path cache = store == null ? job.cache() : fetchCell(store, unit, work.resolve("cache"));
            EmbeddingExtractor extractor = new EmbeddingExtractor(cache, work, job.batchSize(), ExecutorState.silent());
            CellResult cell = new RunEngine(ExecutorState.silent()).evaluateCell(task, model, options,
                    ExecutorState.model(job, model, options), extractor, Probes.probe(job.probe()), unit.seed(), runDir,
                    false);
            String json = ResultFiles.toJson(new RunResult(RunResult.SCHEMA, job.runId(), "", null, List.of(), null, null,
                    List.of(cell)));
            return new Outcome(unit, json, filesBelow(runDir), executor);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a work folder for cell " + unit.taskId() + " | " + unit.modelId()
                    + " on executor " + executor + ": " + e, e);
        } finally {
            if (runDir != null) {
                ShardMerge.deleteTree(runDir);
            }
            if (work != null) {
                ShardMerge.deleteTree(work);
            }
        }
    }

    /**
     * For a cache on a Hadoop file system: a local copy of what the cell reads, its (model, task)
     * folder (every split's cache file) and the task's source manifest, in the same layout.
     */
    private static Path fetchCell(HadoopCacheStore store, Unit unit, Path localRoot) throws IOException {
        String folder = unit.modelId() + "/" + unit.taskId();
        for (String name : store.list(folder)) {
            store.download(folder + "/" + name, localRoot.resolve(unit.modelId()).resolve(unit.taskId()).resolve(name));
        }
        String manifest = ".sources/" + unit.taskId() + ".tsv";
        store.download(manifest, localRoot.resolve(".sources").resolve(unit.taskId() + ".tsv"));
        Files.createDirectories(localRoot);
        return localRoot;
    }

    private static Map<String, byte[]> filesBelow(Path root) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
