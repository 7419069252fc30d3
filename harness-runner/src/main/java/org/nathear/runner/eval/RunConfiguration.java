package org.nathear.runner.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.nathear.api.ModelOptions;
import org.nathear.api.TaskKind;
import org.nathear.results.schema.RunSettings;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.Probe;
import org.nathear.runner.probe.Probes;

/**
 * One run, fully resolved: the plugins to evaluate, every setting that can change scores (recorded
 * in the result file as {@link #settings()}) and how to carry it out (where to write, the cache,
 * fail-fast, the call limit). {@code nathear run} builds it from its options, {@code --resume} from
 * the settings recorded in the run's results.json, and the Spark executor receives the same object.
 * Build one with {@link #builder()}; {@link #toBuilder()} changes one field of an existing one.
 *
 * @param runId        unique id of the run (see {@link RunEngine#newRunId(long)})
 * @param models       the models, in the order given
 * @param tasks        the tasks, in the order given
 * @param modelOptions the user's options per model id (absent: none)
 * @param seed         the run seed; every cell's seed derives from it ({@link RunEngine#cellSeed})
 * @param probe        the probe trained on each cell's embeddings
 * @param batchSize    clips per model call (at least 1)
 * @param resultFile   where results.json is written (its folder is the run folder)
 * @param cacheDir     embedding cache root, or null for no cache
 * @param failFast     stop at the first failing cell instead of finishing the others
 * @param callTimeout  limit for opening a model and for each model call; null or zero for none
 * @param doaTarget    the direction target of every localization cell ({@code --doa-target}), or null for each
 *                     task's own ({@code direction_target} in its metadata)
 */
public record RunConfiguration(String runId, List<ModelEntry> models, List<TaskEntry> tasks,
                               Map<String, ModelOptions> modelOptions, long seed, Probe probe, int batchSize,
                               Path resultFile, Path cacheDir, boolean failFast, Duration callTimeout,
                               DirectionTarget doaTarget) {
    public RunConfiguration {
        if (runId == null || runId.isBlank()) {
            throw new ConfigurationException("A run needs a run id");
        }
        if (resultFile == null) {
            throw new ConfigurationException("Run " + runId + " needs a result file");
        }
        if (probe == null) {
            throw new ConfigurationException("Run " + runId + " needs a probe");
        }
        if (batchSize < 1) {
            throw new ConfigurationException("--batch-size must be at least 1; got " + batchSize);
        }
        models = List.copyOf(models);
        tasks = List.copyOf(tasks);
        modelOptions = Map.copyOf(modelOptions);
    }

    /** A builder with the run command's defaults: seed 42, the linear probe, batch size 16, no cache, 10 min calls. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder().runId(runId).models(models).tasks(tasks).seed(seed).probe(probe).batchSize(batchSize)
                .resultFile(resultFile).cacheDir(cacheDir).failFast(failFast).callTimeout(callTimeout).doaTarget(doaTarget);
        modelOptions.forEach(b::modelOptions);
        return b;
    }

    /** The user's options for a model ({@link ModelOptions#NONE} when none were given). */
    public ModelOptions optionsFor(String modelId) {
        return modelOptions.getOrDefault(modelId, ModelOptions.NONE);
    }

    /** The run folder: the result file's folder. */
    public Path runDir() {
        return resultFile.toAbsolutePath().getParent();
    }

    /**
     * What the result file records as the run's settings: seed, probe, model and task ids, batch size,
     * the user's model options, and the options each model plugin chose by task kind
     * ({@code ModelPlugin.optionsFor}) where they differ from the user's (the cells' embedding cache
     * keys cover them too).
     */
    public RunSettings settings() {
        RunSettings.Builder b = RunSettings.builder().seed(seed).probe(probe.name())
                .modelIds(models.stream().map(m -> m.plugin().descriptor().id()).toList())
                .taskIds(tasks.stream().map(TaskEntry::id).toList()).batchSize(batchSize)
                .doaTarget(doaTarget == null ? null : doaTarget.id());
        modelOptions.forEach(b::modelOptions);
        List<TaskKind> kinds = tasks.stream().filter(t -> !t.isBroken()).map(t -> t.plugin().descriptor().kind())
                .distinct().sorted().toList();
        for (ModelEntry model : models) {
            String id = model.plugin().descriptor().id();
            ModelOptions user = optionsFor(id);
            for (TaskKind kind : kinds) {
                ModelOptions chosen = model.plugin().optionsFor(kind, user);
                if (!chosen.equals(user)) {
                    b.optionsForTaskKind(id, kind, chosen);
                }
            }
        }
        return b.build();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "run %s: %d model(s) x %d task(s), seed %d, probe %s, batch %d", runId,
                models.size(), tasks.size(), seed, probe.name(), batchSize);
    }

    /** Builds a {@link RunConfiguration}; every setter returns the builder. */
    public static final class Builder {
        private String runId;
        private List<ModelEntry> models = new ArrayList<>();
        private List<TaskEntry> tasks = new ArrayList<>();
        private final Map<String, ModelOptions> modelOptions = new LinkedHashMap<>();
        private long seed = 42L;
        private Probe probe;
        private int batchSize = RunSettings.Builder.DEFAULT_BATCH_SIZE;
        private Path resultFile;
        private Path cacheDir;
        private boolean failFast;
        private Duration callTimeout = GuardedModel.DEFAULT_CALL_TIMEOUT;
        private DirectionTarget doaTarget;

        private Builder() {
        }

        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        public Builder models(List<ModelEntry> models) {
            this.models = new ArrayList<>(models);
            return this;
        }

        public Builder tasks(List<TaskEntry> tasks) {
            this.tasks = new ArrayList<>(tasks);
            return this;
        }

        /** The user's options for one model (replacing earlier ones). */
        public Builder modelOptions(String modelId, ModelOptions options) {
            modelOptions.put(modelId, options);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The probe; unset, the linear probe. */
        public Builder probe(Probe probe) {
            this.probe = probe;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder resultFile(Path resultFile) {
            this.resultFile = resultFile;
            return this;
        }

        /** Embedding cache root; null (the default) for no cache. */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        /** Limit for opening a model and each call; null or zero for none. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        /** The direction target of every localization cell; null (the default) for each task's own. */
        public Builder doaTarget(DirectionTarget doaTarget) {
            this.doaTarget = doaTarget;
            return this;
        }

        /**
         * @throws ConfigurationException when the run id or result file is missing or the batch size is below 1
         */
        public RunConfiguration build() {
            return new RunConfiguration(runId, models, tasks, modelOptions, seed,
                    probe != null ? probe : Probes.probe("linear"), batchSize, resultFile, cacheDir, failFast, callTimeout,
                    doaTarget);
        }
    }
}
