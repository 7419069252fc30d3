package org.nathear.results;

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

    /** A cell without model facts (as every cell was before {@code modelFacts} existed). */
    public CellResult(String taskId, String taskVersion, String taskDataHash, TaskKind taskKind,
                      ChannelLayout taskLayout, String modelId, String modelVersion, String weightsSha256,
                      CellStatus status, String message, String primaryMetric, Double primaryScore,
                      BootstrapInterval primaryInterval, Map<String, MetricSummary> metrics,
                      List<FoldResult> folds, String channelRule, ProbeInfo probe, EmbeddingInfo embedding,
                      Timings timings, long seed, Map<String, Histogram> distributions) {
        this(taskId, taskVersion, taskDataHash, taskKind, taskLayout, modelId, modelVersion, weightsSha256, status,
                message, primaryMetric, primaryScore, primaryInterval, metrics, folds, channelRule, probe, embedding,
                timings, seed, distributions, null);
    }

    /**
     * The cell without task kind, layout, interval or distributions (the {@code nathear.run/1}
     * fields); the runner fills the task facts in, see {@link #withTask}.
     */
    public CellResult(String taskId, String taskVersion, String taskDataHash, String modelId, String modelVersion,
                      String weightsSha256, CellStatus status, String message, String primaryMetric,
                      Double primaryScore, Map<String, MetricSummary> metrics, List<FoldResult> folds,
                      String channelRule, ProbeInfo probe, EmbeddingInfo embedding, Timings timings, long seed) {
        this(taskId, taskVersion, taskDataHash, null, null, modelId, modelVersion, weightsSha256, status, message,
                primaryMetric, primaryScore, null, metrics, folds, channelRule, probe, embedding, timings, seed, null);
    }

    /** A cell that did not produce scores. */
    public static CellResult notScored(String taskId, String taskVersion, String modelId, String modelVersion,
                                       CellStatus status, String message, String primaryMetric, long seed) {
        return new CellResult(taskId, taskVersion, null, modelId, modelVersion, null, status, message, primaryMetric,
                null, Map.of(), List.of(), null, null, null, null, seed);
    }

    /** This cell with the task's kind and channel layout recorded. */
    public CellResult withTask(TaskKind kind, ChannelLayout layout) {
        return new CellResult(taskId, taskVersion, taskDataHash, kind, layout, modelId, modelVersion, weightsSha256,
                status, message, primaryMetric, primaryScore, primaryInterval, metrics, folds, channelRule, probe,
                embedding, timings, seed, distributions, modelFacts);
    }

    /** This cell with a confidence interval for its primary score. */
    public CellResult withPrimaryInterval(BootstrapInterval interval) {
        return new CellResult(taskId, taskVersion, taskDataHash, taskKind, taskLayout, modelId, modelVersion,
                weightsSha256, status, message, primaryMetric, primaryScore, interval, metrics, folds, channelRule,
                probe, embedding, timings, seed, distributions, modelFacts);
    }

    /** This cell with one more per-clip distribution (replacing one of the same name). */
    public CellResult withDistribution(String name, Histogram histogram) {
        Map<String, Histogram> all = new TreeMap<>(distributions);
        all.put(name, histogram);
        return new CellResult(taskId, taskVersion, taskDataHash, taskKind, taskLayout, modelId, modelVersion,
                weightsSha256, status, message, primaryMetric, primaryScore, primaryInterval, metrics, folds,
                channelRule, probe, embedding, timings, seed, all, modelFacts);
    }

    /**
     * This cell without its timings and model facts (they differ between otherwise identical runs: a
     * cell served from the embedding cache measures no real-time factor or memory, and knows the
     * parameter count only if the model was opened).
     */
    public CellResult withoutTimings() {
        return new CellResult(taskId, taskVersion, taskDataHash, taskKind, taskLayout, modelId, modelVersion,
                weightsSha256, status, message, primaryMetric, primaryScore, primaryInterval, metrics, folds,
                channelRule, probe, embedding, null, seed, distributions, null);
    }

    /** This cell with the model's parameters, real-time factor and memory recorded. */
    public CellResult withModelFacts(ModelFacts facts) {
        return new CellResult(taskId, taskVersion, taskDataHash, taskKind, taskLayout, modelId, modelVersion,
                weightsSha256, status, message, primaryMetric, primaryScore, primaryInterval, metrics, folds,
                channelRule, probe, embedding, timings, seed, distributions, facts);
    }

    /** True when the cell succeeded with a primary score that is a number. */
    public boolean hasScore() {
        return status == CellStatus.SUCCEEDED && primaryScore != null && !primaryScore.isNaN();
    }
}
