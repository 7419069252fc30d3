package org.nathear.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.api.spi.OpenedTask;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.Provenance;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;
import org.nathear.results.schema.Timings;
import org.nathear.runner.cli.DiscoveryOptions;
import org.nathear.runner.cli.RunCommand;
import org.nathear.runner.eval.EmbeddingExtractor;
import org.nathear.runner.eval.Progress;
import org.nathear.runner.eval.RunConfiguration;
import org.nathear.runner.eval.RunEngine;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;

/**
 * The driver of {@code nathear-spark run}: the run {@code nathear run} would make, carried out on a
 * Spark cluster in two stages (docs/spark.md).
 *
 * <ol>
 *   <li>Extraction: the clips of every (model, task, split) are cut into units of whole model calls
 *       ({@link SparkOptions#callsPerTask} calls each); one Spark task per unit embeds them on an
 *       executor into the shared cache ({@link ExtractionStage}); the driver merges the shards
 *       ({@link ShardMerge}).</li>
 *   <li>Cells: one Spark task per (task, model) cell evaluates it from the cache ({@link CellStage}).</li>
 * </ol>
 *
 * The driver writes {@code results.json} (first empty, then complete), the hear-eval-kit files and,
 * beside them, {@code spark-job.json}: which executor did which unit, in which attempt, with how
 * many clips embedded and read from the cache.
 */
public final class SparkRunExecutor implements RunCommand.Executor {
    /** The JVM options Spark 4 needs on Java 17 (driver: the launcher sets them; executors: here). */
    public static final String JAVA_17_OPENS = String.join(" ",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

    /**
     * Split files the driver merges at once: its cores, or the system property
     * {@code nathear.spark.mergeThreads} (1 for the serial merge, e.g. to measure it; docs/spark.md).
     */
    static final int MERGE_THREADS = Integer.getInteger("nathear.spark.mergeThreads", Runtime.getRuntime().availableProcessors());

    private final SparkOptions spark;
    private java.util.function.Supplier<String> cacheDirAsTyped;

    public SparkRunExecutor(SparkOptions spark) {
        this.spark = spark;
    }

    /**
     * Where to read {@code --cache-dir} exactly as the user typed it (the run command parses it into a
     * local {@link Path}, which turns {@code hdfs://host/x} into {@code hdfs:/host/x}).
     */
    SparkRunExecutor cacheDirAsTyped(java.util.function.Supplier<String> typed) {
        this.cacheDirAsTyped = typed;
        return this;
    }

    /** The Spark configuration of a job: the user's {@code --conf} values, then nathear's defaults where unset. */
    SparkConf sparkConf(String runId) {
        SparkConf conf = new SparkConf().setAppName("nathear run " + runId).setMaster(spark.master);
        spark.conf.forEach(conf::set);
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.executor.extraJavaOptions", JAVA_17_OPENS + " --add-modules jdk.incubator.vector");
        // the probes' BLAS sums depend on its thread count: executors use the driver's (bin/nathear-spark: 1),
        // so cells scored on the cluster equal those of nathear run bit for bit
        String blasThreads = System.getenv("OPENBLAS_NUM_THREADS");
        conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", blasThreads == null || blasThreads.isBlank() ? "1" : blasThreads);
        boolean local = spark.master.startsWith("local");
        String home = System.getProperty("nathear.home");
        if (!local && home != null && !conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath")) {
            conf.set("spark.jars", String.join(",", applicationJars(Path.of(home, "lib"))));
        }
        return conf;
    }

    private static List<String> applicationJars(Path lib) {
        List<String> jars = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(lib, "*.jar")) {
            dir.forEach(p -> jars.add(p.toAbsolutePath().toUri().toString()));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list the application jars in " + lib + ": " + e, e);
        }
        jars.sort(null);
        return jars;
    }

    @Override
    public RunResult execute(RunConfiguration request, RunResult interrupted, DiscoveryOptions.Resolved discovery,
                             Progress progress) {
        if (request.doaTarget() != null) {
            throw new ConfigurationException("nathear-spark run does not take --doa-target yet: localization cells use each "
                    + "task's own direction target (task_metadata.json 'direction_target'); run without --doa-target");
        }
        if (spark.callsPerTask < 1) {
            throw new ConfigurationException("--calls-per-task must be at least 1; got " + spark.callsPerTask);
        }
        String startedUtc = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
        RunSettings settings = request.settings();
        Provenance provenance = RunEngine.provenanceOf(request);
        Path resultFile = request.resultFile().toAbsolutePath();
        Path runDir = resultFile.getParent();
        String cacheLocation = cacheLocation(request, runDir);
        SparkConf conf = sparkConf(request.runId());
        JobSettings job = JobSettings.of(request, discovery, cacheLocation, hadoopSettings(conf));
        List<String> resumedUtc = new ArrayList<>();
        List<CellResult> kept = List.of();
        if (interrupted != null) {
            // the checks of nathear run --resume: same run, settings, build; unchanged data of the tasks with kept cells
            try (EmbeddingExtractor extractor = new EmbeddingExtractor(job.hadoopStore() == null ? job.cache() : null,
                    request.batchSize(), progress)) {
                RunEngine.checkResumable(request, interrupted, extractor);
            }
            kept = interrupted.cells();
            resumedUtc.addAll(interrupted.resumedUtc());
            resumedUtc.add(startedUtc);
            startedUtc = interrupted.startedUtc();
            provenance = interrupted.provenance();
            progress.line("resuming run " + request.runId() + ": " + kept.size() + " cell(s) kept");
        }
        ResultFiles.write(resultFile, new RunResult(RunResult.SCHEMA, request.runId(), startedUtc, null, resumedUtc, provenance,
                settings, RunEngine.sorted(kept)));
        Plan plan = plan(request, job, kept, progress);
        JobReport report = new JobReport();
        List<CellResult> cells = new ArrayList<>(kept);
        cells.addAll(plan.finished);
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            progress.line(String.format(Locale.ROOT, "spark %s on %s: %d extraction task(s), then %d cell task(s); cache %s",
                    sc.version(), spark.master, plan.units.size(), plan.cells.size(), job.cacheDir()));
            long t0 = System.nanoTime();
            List<ExtractionStage.Outcome> extracted = plan.units.isEmpty() ? List.of()
                    : sc.parallelize(plan.units, plan.units.size()).map(u -> ExtractionStage.run(job, u)).collect();
            report.extractionSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            Map<String, String> failures = merge(job, extracted, report);
            report.mergeSeconds = (System.nanoTime() - t1) / 1e9;
            progress.line(String.format(Locale.ROOT, "spark: extraction %.1f s (%d clips embedded, %d from cache), merge %.1f s",
                    report.extractionSeconds, report.embedded, report.fromCache, report.mergeSeconds));
            List<CellStage.Unit> toEvaluate = new ArrayList<>();
            if (spark.extractOnly) {
                progress.line("spark: --extract-only: the cache is filled; no cell is scored");
            }
            for (CellStage.Unit unit : plan.cells) {
                String failure = failures.get(cellKey(unit.modelId(), unit.taskId()));
                if (failure == null) {
                    if (!spark.extractOnly) {
                        toEvaluate.add(unit);
                    }
                } else {
                    TaskDescriptor td = plan.tasks.get(unit.taskId()).plugin().descriptor();
                    ModelDescriptor md = plan.models.get(unit.modelId()).plugin().descriptor();
                    cells.add(report(progress, CellResult.notScored(td.id(), td.version(), md.id(), md.version(),
                            CellStatus.FAILED, failure, td.primaryMetric().id(), unit.seed()).withTask(td.kind(), td.layout())));
                }
            }
            long t2 = System.nanoTime();
            List<CellStage.Outcome> evaluated = toEvaluate.isEmpty() ? List.of()
                    : sc.parallelize(toEvaluate, toEvaluate.size()).map(u -> CellStage.run(job, u)).collect();
            report.cellSeconds = (System.nanoTime() - t2) / 1e9;
            for (CellStage.Outcome outcome : evaluated) {
                writeFiles(runDir, outcome.files());
                report.cells.add(Map.of("taskId", outcome.unit().taskId(), "modelId", outcome.unit().modelId(),
                        "executor", outcome.executor()));
                cells.add(report(progress, withExtractionTimings(outcome.cell(), extracted, outcome.unit())));
            }
        } finally {
            ExecutorState.release(request.runId());
            ShardMerge.removeShards(job);
            if (request.cacheDir() == null) {
                ShardMerge.deleteTree(job.cache());
            }
        }
        RunResult result = new RunResult(RunResult.SCHEMA, request.runId(), startedUtc,
                DateTimeFormatter.ISO_INSTANT.format(Instant.now()), resumedUtc, provenance, settings, RunEngine.sorted(cells));
        ResultFiles.write(resultFile, result);
        report.write(runDir.resolve(interrupted == null ? "spark-job.json" : "spark-job-resumed-" + resumedUtc.size() + ".json"),
                spark);
        if (request.failFast()) {
            result.cells().stream().filter(c -> c.status() == CellStatus.FAILED).findFirst().ifPresent(c -> {
                throw new HarnessException(c.message());
            });
        }
        return result;
    }

    /**
     * Where the job's cache is: {@code --cache-dir} as typed when it is a URI ({@code hdfs://…}; the
     * run command's own value is a local path, which would lose the {@code //}), else
     * {@code $NATHEAR_CACHE_DIR} when that is a URI and no {@code --cache-dir} was given, else the run
     * command's folder; with {@code --no-cache} a folder below the run folder, removed at the end.
     */
    String cacheLocation(RunConfiguration request, Path runDir) {
        if (request.cacheDir() == null) {
            return runDir.resolve(".spark-cache").toString();
        }
        String typed = cacheDirAsTyped == null ? null : cacheDirAsTyped.get();
        if (typed == null) {
            String env = System.getenv("NATHEAR_CACHE_DIR");
            typed = HadoopCacheStore.isUri(env) ? env : null;
        }
        if (HadoopCacheStore.isUri(typed)) {
            return typed;
        }
        return request.cacheDir().toAbsolutePath().toString();
    }

    /** The Hadoop settings of a Spark configuration: its {@code spark.hadoop.*} values, prefix removed (as Spark does). */
    static Map<String, String> hadoopSettings(SparkConf conf) {
        Map<String, String> hadoop = new LinkedHashMap<>();
        for (scala.Tuple2<String, String> kv : conf.getAll()) {
            if (kv._1().startsWith("spark.hadoop.")) {
                hadoop.put(kv._1().substring("spark.hadoop.".length()), kv._2());
            }
        }
        return hadoop;
    }

    /** The work of a run: extraction units in (model, task, split, clip) order, one cell unit per cell. */
    private static final class Plan {
        final Map<String, ModelEntry> models = new LinkedHashMap<>();
        final Map<String, TaskEntry> tasks = new LinkedHashMap<>();
        final List<ExtractionStage.Unit> units = new ArrayList<>();
        final List<CellStage.Unit> cells = new ArrayList<>();
        final List<CellResult> finished = new ArrayList<>();
    }

    /** @param kept the cells of the run being resumed: they are neither extracted nor evaluated again */
    private Plan plan(RunConfiguration request, JobSettings job, List<CellResult> kept, Progress progress) {
        Plan plan = new Plan();
        java.util.Set<String> done = new java.util.HashSet<>();
        kept.forEach(c -> done.add(cellKey(c.modelId(), c.taskId())));
        for (ModelEntry model : request.models()) {
            ModelDescriptor md = model.plugin().descriptor();
            plan.models.put(md.id(), model);
            for (TaskEntry task : request.tasks()) {
                long seed = RunEngine.cellSeed(request.seed(), task.id(), md.id());
                if (done.contains(cellKey(md.id(), task.id()))) {
                    continue;
                }
                if (task.isBroken()) { // as the local engine records it
                    plan.finished.add(report(progress, CellResult.notScored(task.id(), "unknown", md.id(), md.version(),
                            CellStatus.FAILED, task.error(), "unknown", seed)));
                    continue;
                }
                plan.tasks.put(task.id(), task);
                plan.cells.add(new CellStage.Unit(md.id(), task.id(), seed));
                planExtraction(plan, model, task, job);
            }
        }
        return plan;
    }

    /**
     * The extraction units of one cell. Where the driver cannot plan them (the model's descriptor or
     * the task fails to open), it plans none: the cell task then meets the same failure and records
     * it exactly as a local run does.
     */
    private void planExtraction(Plan plan, ModelEntry model, TaskEntry task, JobSettings job) {
        TaskDescriptor td = task.plugin().descriptor();
        Boolean timestamps = timestampEmbeddings(td.kind());
        if (timestamps == null) {
            return;
        }
        try {
            ModelDescriptor md = model.plugin().descriptor(job.options(model.plugin().descriptor().id()));
            int perUnit = EmbeddingExtractor.clipsPerCall(td, md, timestamps, job.batchSize()) * spark.callsPerTask;
            try (OpenedTask opened = task.plugin().open()) {
                for (String split : td.splits()) {
                    int clips = opened.clips(split).size();
                    for (int from = 0; from < clips; from += perUnit) {
                        plan.units.add(new ExtractionStage.Unit(plan.units.size(), md.id(), td.id(), split, timestamps, from,
                                Math.min(clips, from + perUnit)));
                    }
                }
            }
        } catch (RuntimeException e) {
            plan.units.removeIf(u -> u.taskId().equals(td.id()) && u.modelId().equals(model.plugin().descriptor().id()));
        }
    }

    /** Which embeddings the runner's evaluator of {@code kind} reads; null for kinds it does not evaluate. */
    static Boolean timestampEmbeddings(TaskKind kind) {
        return switch (kind) {
            case SCENE_MULTICLASS, SCENE_MULTILABEL, LOCALIZATION -> false;
            case EVENT -> true;
            default -> null;
        };
    }

    private static String cellKey(String modelId, String taskId) {
        return modelId + "\n" + taskId;
    }

    /** Merges every split's shards; returns, per cell with a failed unit, the first failure in extraction order. */
    private static Map<String, String> merge(JobSettings job, List<ExtractionStage.Outcome> outcomes, JobReport report) {
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, List<String>> shards = new LinkedHashMap<>();
        for (ExtractionStage.Outcome o : outcomes) {
            report.units.add(o);
            String cell = cellKey(o.unit().modelId(), o.unit().taskId());
            if (o.error() != null) {
                failures.putIfAbsent(cell, o.error());
                continue;
            }
            report.embedded += o.embedded();
            report.fromCache += o.fromCache();
            List<String> list = shards.computeIfAbsent(o.cacheFile(), k -> new ArrayList<>());
            if (o.shardFile() != null) {
                list.add(o.shardFile());
            }
        }
        HadoopCacheStore store = job.hadoopStore();
        // split files are independent: merged side by side (each one's result does not depend on the others)
        int threads = Math.max(1, Math.min(shards.size(), MERGE_THREADS));
        report.mergeThreads = threads;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> merged = new ArrayList<>();
            shards.forEach((file, list) -> merged.add(pool.submit(() -> store == null
                    ? ShardMerge.merge(Path.of(file), list.stream().map(Path::of).toList())
                    : ShardMerge.merge(store, file, list))));
            for (Future<Integer> f : merged) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new HarnessException("Merging the shards failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HarnessException("Interrupted while merging the shards", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    /** The cell with the extraction counts and seconds (summed over executors) of its stage-1 units. */
    private static CellResult withExtractionTimings(CellResult c, List<ExtractionStage.Outcome> outcomes, CellStage.Unit unit) {
        if (c.timings() == null) {
            return c;
        }
        double seconds = 0;
        int embedded = 0;
        int fromCache = 0;
        boolean any = false;
        for (ExtractionStage.Outcome o : outcomes) {
            if (o.unit().modelId().equals(unit.modelId()) && o.unit().taskId().equals(unit.taskId())) {
                seconds += o.seconds();
                embedded += o.embedded();
                fromCache += o.fromCache();
                any = true;
            }
        }
        if (!any) {
            return c;
        }
        return c.toBuilder().timings(new Timings(seconds, c.timings().probeSeconds(), embedded, fromCache)).build();
    }

    private static CellResult report(Progress progress, CellResult cell) {
        String what = switch (cell.status()) {
            case SUCCEEDED -> String.format(Locale.ROOT, "%s = %.4f", cell.primaryMetric(), cell.primaryScore());
            case SKIPPED -> "skipped: " + cell.message();
            case FAILED -> "FAILED: " + cell.message();
        };
        progress.line(String.format(Locale.ROOT, "[%s | %s] %s", cell.modelId(), cell.taskId(), what));
        return cell;
    }

    private static void writeFiles(Path runDir, Map<String, byte[]> files) {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path target = runDir.resolve(e.getKey()).normalize();
            if (!target.startsWith(runDir)) {
                throw new HarnessException("A cell task returned a file outside the run folder: " + e.getKey());
            }
            writeAtomically(target, e.getValue());
        }
    }

    /** Writes a temporary file beside {@code target}, then moves it over {@code target} atomically. */
    static void writeAtomically(Path target, byte[] bytes) {
        try {
            org.nathear.api.io.TempFiles.writeAtomically(target, tmp -> Files.write(tmp, bytes));
        } catch (IOException ex) {
            throw new HarnessException("Cannot write " + target + ": " + ex + ". Check free space and permissions.", ex);
        }
    }

    /** {@code spark-job.json}: how the job's work went, per unit and per cell. */
    static final class JobReport {
        final List<ExtractionStage.Outcome> units = new ArrayList<>();
        final List<Map<String, String>> cells = new ArrayList<>();
        int embedded;
        int fromCache;
        double extractionSeconds;
        double mergeSeconds;
        int mergeThreads;
        double cellSeconds;

        void write(Path file, SparkOptions spark) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("schema", "nathear.spark-job/1");
            doc.put("master", spark.master);
            doc.put("callsPerTask", spark.callsPerTask);
            doc.put("extractOnly", spark.extractOnly);
            doc.put("clipsEmbedded", embedded);
            doc.put("clipsFromCache", fromCache);
            doc.put("extractionStageSeconds", extractionSeconds);
            doc.put("mergeSeconds", mergeSeconds);
            doc.put("mergeThreads", mergeThreads);
            doc.put("cellStageSeconds", cellSeconds);
            List<Map<String, Object>> list = new ArrayList<>();
            for (ExtractionStage.Outcome o : units) {
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("modelId", o.unit().modelId());
                u.put("taskId", o.unit().taskId());
                u.put("split", o.unit().split());
                u.put("from", o.unit().from());
                u.put("to", o.unit().to());
                u.put("executor", o.executor());
                u.put("attempt", o.attempt());
                u.put("embedded", o.embedded());
                u.put("fromCache", o.fromCache());
                u.put("seconds", o.seconds());
                u.put("error", o.error());
                list.add(u);
            }
            doc.put("extractionUnits", list);
            doc.put("cells", cells);
            try {
                writeAtomically(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(doc));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file + ": " + e, e);
            }
        }
    }
}
