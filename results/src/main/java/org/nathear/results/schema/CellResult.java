package org.nathear.results.schema;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.nathear.api.ChannelLayout;
import org.nathear.api.TaskKind;

/**
 * The result of one (task, model) cell.
 *
 * @param taskId          task id (versioned task name)
 * @param taskVersion     task version
 * @param taskDataHash    SHA-256 over the task's labels and audio as the model saw it
 * @param taskKind        what the task predicts (null when unknown: a broken task, or a {@code nathear.run/1} file)
 * @param taskLayout      the channel layout of the task's clips (null when unknown); decides HEAR vs Nat-HEAR
 * @param modelId         model id
 * @param modelVersion    model version
 * @param weightsSha256   the model's weights hash (or the canonical id of generated weights)
 * @param status          succeeded, skipped or failed
 * @param message         why it was skipped or failed; empty when it succeeded
 * @param primaryMetric   id of the task's primary metric
 * @param primaryScore    mean of the primary metric over test folds (null unless succeeded)
 * @param primaryInterval bootstrap confidence interval of {@code primaryScore} over test clips (null when not computed)
 * @param metrics         per metric id: per-fold values, mean and standard deviation
 * @param folds           per evaluation rotation: splits used, scores, selected hyperparameters
 * @param channelRule     how the task's channels were adapted for the model (e.g. {@code as-is}, {@code mono: mean of left/right})
 * @param probe           the probe, its grid and the hyperparameters chosen on valid
 * @param embedding       embedding kind and size, cache key
 * @param timings         seconds spent extracting and probing
 * @param seed            the cell's seed (derived from the run seed)
 * @param distributions   per-clip distributions of test-set values, by name (e.g. {@link Histogram#DOA_ERROR_DEG}); may be empty
 * @param modelFacts      parameters, real-time factor and peak memory of the model in this cell (null when not
 *                        measured; the field is left out of the file then, and files without it read as null)
 */
public record CellResult(String taskId, String taskVersion, String taskDataHash, TaskKind taskKind,
                         ChannelLayout taskLayout, String modelId, String modelVersion, String weightsSha256,
                         CellStatus status, String message, String primaryMetric, Double primaryScore,
                         BootstrapInterval primaryInterval, Map<String, MetricSummary> metrics,
                         List<FoldResult> folds, String channelRule, ProbeInfo probe, EmbeddingInfo embedding,
                         Timings timings, long seed, Map<String, Histogram> distributions,
                         @JsonInclude(JsonInclude.Include.NON_NULL) ModelFacts modelFacts) {
    public CellResult {
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
        folds = folds == null ? List.of() : List.copyOf(folds);
        message = message == null ? "" : message;
        distributions = distributions == null ? Map.of() : new TreeMap<>(distributions);
    }

    /** An empty builder (every field null, empty or 0 until set). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this cell, to change some of its fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.taskId = taskId;
        b.taskVersion = taskVersion;
        b.taskDataHash = taskDataHash;
        b.taskKind = taskKind;
        b.taskLayout = taskLayout;
        b.modelId = modelId;
        b.modelVersion = modelVersion;
        b.weightsSha256 = weightsSha256;
        b.status = status;
        b.message = message;
        b.primaryMetric = primaryMetric;
        b.primaryScore = primaryScore;
        b.primaryInterval = primaryInterval;
        b.metrics = metrics;
        b.folds = folds;
        b.channelRule = channelRule;
        b.probe = probe;
        b.embedding = embedding;
        b.timings = timings;
        b.seed = seed;
        b.distributions = distributions;
        b.modelFacts = modelFacts;
        return b;
    }

    /** A cell that did not produce scores. */
    public static CellResult notScored(String taskId, String taskVersion, String modelId, String modelVersion,
                                       CellStatus status, String message, String primaryMetric, long seed) {
        return builder().taskId(taskId).taskVersion(taskVersion).modelId(modelId).modelVersion(modelVersion).status(status)
                .message(message).primaryMetric(primaryMetric).seed(seed).build();
    }

    /** This cell with the task's kind and channel layout recorded. */
    public CellResult withTask(TaskKind kind, ChannelLayout layout) {
        return toBuilder().taskKind(kind).taskLayout(layout).build();
    }

    /** This cell with a confidence interval for its primary score. */
    public CellResult withPrimaryInterval(BootstrapInterval interval) {
        return toBuilder().primaryInterval(interval).build();
    }

    /** This cell with one more per-clip distribution (replacing one of the same name). */
    public CellResult withDistribution(String name, Histogram histogram) {
        Map<String, Histogram> all = new TreeMap<>(distributions);
        all.put(name, histogram);
        return toBuilder().distributions(all).build();
    }

    /**
     * This cell without its timings and model facts (they differ between otherwise identical runs: a
     * cell served from the embedding cache measures no real-time factor or memory, and knows the
     * parameter count only if the model was opened).
     */
    public CellResult withoutTimings() {
        return toBuilder().timings(null).modelFacts(null).build();
    }

    /** This cell with the model's parameters, real-time factor and memory recorded. */
    public CellResult withModelFacts(ModelFacts facts) {
        return toBuilder().modelFacts(facts).build();
    }

    /** True when the cell succeeded with a primary score that is a number. */
    public boolean hasScore() {
        return status == CellStatus.SUCCEEDED && primaryScore != null && !primaryScore.isNaN();
    }

    /**
     * Builds a {@link CellResult} field by field (the fields are those of the record, see above);
     * every setter returns the builder. Unset fields are null, empty or 0, as in a cell that was not
     * scored.
     */
    public static final class Builder {
        private String taskId;
        private String taskVersion;
        private String taskDataHash;
        private TaskKind taskKind;
        private ChannelLayout taskLayout;
        private String modelId;
        private String modelVersion;
        private String weightsSha256;
        private CellStatus status;
        private String message;
        private String primaryMetric;
        private Double primaryScore;
        private BootstrapInterval primaryInterval;
        private Map<String, MetricSummary> metrics;
        private List<FoldResult> folds;
        private String channelRule;
        private ProbeInfo probe;
        private EmbeddingInfo embedding;
        private Timings timings;
        private long seed;
        private Map<String, Histogram> distributions;
        private ModelFacts modelFacts;

        private Builder() {
        }

        public Builder taskId(String taskId) {
            this.taskId = taskId;
            return this;
        }

        public Builder taskVersion(String taskVersion) {
            this.taskVersion = taskVersion;
            return this;
        }

        public Builder taskDataHash(String taskDataHash) {
            this.taskDataHash = taskDataHash;
            return this;
        }

        public Builder taskKind(TaskKind taskKind) {
            this.taskKind = taskKind;
            return this;
        }

        public Builder taskLayout(ChannelLayout taskLayout) {
            this.taskLayout = taskLayout;
            return this;
        }

        public Builder modelId(String modelId) {
            this.modelId = modelId;
            return this;
        }

        public Builder modelVersion(String modelVersion) {
            this.modelVersion = modelVersion;
            return this;
        }

        public Builder weightsSha256(String weightsSha256) {
            this.weightsSha256 = weightsSha256;
            return this;
        }

        public Builder status(CellStatus status) {
            this.status = status;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder primaryMetric(String primaryMetric) {
            this.primaryMetric = primaryMetric;
            return this;
        }

        public Builder primaryScore(Double primaryScore) {
            this.primaryScore = primaryScore;
            return this;
        }

        public Builder primaryInterval(BootstrapInterval primaryInterval) {
            this.primaryInterval = primaryInterval;
            return this;
        }

        public Builder metrics(Map<String, MetricSummary> metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder folds(List<FoldResult> folds) {
            this.folds = folds;
            return this;
        }

        public Builder channelRule(String channelRule) {
            this.channelRule = channelRule;
            return this;
        }

        public Builder probe(ProbeInfo probe) {
            this.probe = probe;
            return this;
        }

        public Builder embedding(EmbeddingInfo embedding) {
            this.embedding = embedding;
            return this;
        }

        public Builder timings(Timings timings) {
            this.timings = timings;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder distributions(Map<String, Histogram> distributions) {
            this.distributions = distributions;
            return this;
        }

        public Builder modelFacts(ModelFacts modelFacts) {
            this.modelFacts = modelFacts;
            return this;
        }

        public CellResult build() {
            return new CellResult(taskId, taskVersion, taskDataHash, taskKind, taskLayout, modelId,
                    modelVersion, weightsSha256, status, message, primaryMetric, primaryScore,
                    primaryInterval, metrics, folds, channelRule, probe, embedding,
                    timings, seed, distributions, modelFacts);
        }
    }
}
