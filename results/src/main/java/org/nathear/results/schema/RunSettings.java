package org.nathear.results.schema;


import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.nathear.api.ModelOptions;
import org.nathear.api.TaskKind;

/**
 * What the user asked for: every setting of a run that can change its scores, typed. The run command
 * builds it from its options, {@code --resume} reads it back from the run's results.json (no text to
 * parse), and the run engine refuses to resume when it differs.
 *
 * <p>Files written before {@code nathear.run/3} kept everything past the task ids as a string map
 * ({@code options}: {@code batchSize}, {@code model-options.<model>}, {@code model-options.<model>[<kind>]});
 * {@code files.LegacySettings} reads that form into this one.
 *
 * @param seed                 the run seed; every cell's seed is derived from it
 * @param probe                the probe family ({@code linear}, {@code mlp}, …)
 * @param modelIds             models, in the order given
 * @param taskIds              tasks, in the order given
 * @param batchSize            clips per model call (null in an old file that did not record it)
 * @param modelOptions         the options the user gave, per model id (models without options are absent)
 * @param optionsByTaskKind    per model id and task kind: the options the model plugin chose for that kind
 *                             ({@code ModelPlugin.optionsFor}) where they differ from the user's
 * @param doaTarget            the direction target every localization cell was fitted to when the user chose one
 *                             ({@code --doa-target}: {@code unit-vector} or {@code az-el}); null (and left out of
 *                             the file) when each task's own target was used
 * @param unrecognizedOptions  settings of an old file that this nathear does not know, kept as text so nothing
 *                             is lost (a run never resumes with them); empty, and left out of the file, otherwise
 */
public record RunSettings(long seed, String probe, List<String> modelIds, List<String> taskIds, Integer batchSize,
                          Map<String, Map<String, String>> modelOptions,
                          Map<String, Map<TaskKind, Map<String, String>>> optionsByTaskKind,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String doaTarget,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> unrecognizedOptions) {
    public RunSettings {
        modelIds = List.copyOf(modelIds);
        taskIds = List.copyOf(taskIds);
        modelOptions = sortedCopy(modelOptions);
        Map<String, Map<TaskKind, Map<String, String>>> byKind = new TreeMap<>();
        if (optionsByTaskKind != null) {
            optionsByTaskKind.forEach((model, kinds) -> {
                Map<TaskKind, Map<String, String>> copy = new TreeMap<>();
                kinds.forEach((kind, values) -> copy.put(kind, Collections.unmodifiableMap(new TreeMap<>(values))));
                byKind.put(model, Collections.unmodifiableMap(copy));
            });
        }
        optionsByTaskKind = Collections.unmodifiableMap(byKind);
        unrecognizedOptions = unrecognizedOptions == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(unrecognizedOptions));
    }

    /** Settings with the default batch size (16) and no model options. */
    public RunSettings(long seed, String probe, List<String> modelIds, List<String> taskIds) {
        this(seed, probe, modelIds, taskIds, Builder.DEFAULT_BATCH_SIZE, Map.of(), Map.of(), null, Map.of());
    }

    /** The user's options for {@code modelId} ({@link ModelOptions#NONE} when none were given). */
    public ModelOptions optionsFor(String modelId) {
        Map<String, String> values = modelOptions.get(modelId);
        return values == null ? ModelOptions.NONE : new ModelOptions(values);
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder().seed(seed).probe(probe).modelIds(modelIds).taskIds(taskIds).batchSize(batchSize)
                .doaTarget(doaTarget).unrecognizedOptions(unrecognizedOptions);
        modelOptions.forEach((model, values) -> b.modelOptions(model, new ModelOptions(values)));
        optionsByTaskKind.forEach((model, kinds) -> kinds.forEach((kind, values) ->
                b.optionsForTaskKind(model, kind, new ModelOptions(values))));
        return b;
    }

    /** An empty builder: seed 42, probe {@code linear}, batch size 16, no models, tasks or options. */
    public static Builder builder() {
        return new Builder();
    }

    private static Map<String, Map<String, String>> sortedCopy(Map<String, Map<String, String>> byModel) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        if (byModel != null) {
            byModel.forEach((model, values) -> out.put(model, Collections.unmodifiableMap(new TreeMap<>(values))));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Builds {@link RunSettings}; every setter returns the builder. */
    public static final class Builder {
        /** The run command's default {@code --batch-size}. */
        public static final int DEFAULT_BATCH_SIZE = 16;

        private long seed = 42L;
        private String probe = "linear";
        private List<String> modelIds = new ArrayList<>();
        private List<String> taskIds = new ArrayList<>();
        private Integer batchSize = DEFAULT_BATCH_SIZE;
        private final Map<String, Map<String, String>> modelOptions = new LinkedHashMap<>();
        private final Map<String, Map<TaskKind, Map<String, String>>> optionsByTaskKind = new LinkedHashMap<>();
        private String doaTarget;
        private Map<String, String> unrecognizedOptions = Map.of();

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder probe(String probe) {
            this.probe = probe;
            return this;
        }

        public Builder modelIds(List<String> modelIds) {
            this.modelIds = new ArrayList<>(modelIds);
            return this;
        }

        public Builder taskIds(List<String> taskIds) {
            this.taskIds = new ArrayList<>(taskIds);
            return this;
        }

        /** Clips per model call; null only for an old file that did not record it. */
        public Builder batchSize(Integer batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** The user's options for one model (replacing earlier ones); empty options are not recorded. */
        public Builder modelOptions(String modelId, ModelOptions options) {
            if (options.values().isEmpty()) {
                modelOptions.remove(modelId);
            } else {
                modelOptions.put(modelId, options.values());
            }
            return this;
        }

        /** The options a model plugin chose for one task kind (recorded where they differ from the user's). */
        public Builder optionsForTaskKind(String modelId, TaskKind kind, ModelOptions options) {
            optionsByTaskKind.computeIfAbsent(modelId, k -> new TreeMap<>()).put(kind, options.values());
            return this;
        }

        /** The direction target the user chose for every localization cell, or null for each task's own. */
        public Builder doaTarget(String doaTarget) {
            this.doaTarget = doaTarget;
            return this;
        }

        /** Old-form settings this nathear does not know (see {@code files.LegacySettings}). */
        public Builder unrecognizedOptions(Map<String, String> unrecognized) {
            this.unrecognizedOptions = Map.copyOf(unrecognized);
            return this;
        }

        public RunSettings build() {
            return new RunSettings(seed, probe, modelIds, taskIds, batchSize, modelOptions, optionsByTaskKind,
                    doaTarget, unrecognizedOptions);
        }
    }
}
