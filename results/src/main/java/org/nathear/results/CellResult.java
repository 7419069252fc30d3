package org.nathear.results;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one (task, model) cell.
 *
 * @param taskId          task id (versioned task name)
 * @param taskVersion     task version
 * @param taskDataHash    SHA-256 over the task's labels and audio as the model saw it
 * @param modelId         model id
 * @param modelVersion    model version
 * @param weightsSha256   the model's weights hash (or the canonical id of generated weights)
 * @param status          succeeded, skipped or failed
 * @param message         why it was skipped or failed; empty when it succeeded
 * @param primaryMetric   id of the task's primary metric
 * @param primaryScore    mean of the primary metric over test folds (null unless succeeded)
 * @param metrics         per metric id: per-fold values, mean and standard deviation
 * @param folds           per evaluation rotation: splits used, scores, selected hyperparameters
 * @param channelRule     how the task's channels were adapted for the model (e.g. {@code as-is}, {@code mono: mean of left/right})
 * @param probe           the probe, its grid and the hyperparameters chosen on valid
 * @param embedding       embedding kind and size, cache key
 * @param timings         seconds spent extracting and probing
 * @param seed            the cell's seed (derived from the run seed)
 */
public record CellResult(String taskId, String taskVersion, String taskDataHash, String modelId, String modelVersion,
                         String weightsSha256, CellStatus status, String message, String primaryMetric,
                         Double primaryScore, Map<String, MetricSummary> metrics, List<FoldResult> folds,
                         String channelRule, ProbeInfo probe, EmbeddingInfo embedding, Timings timings, long seed) {
    public CellResult {
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
        folds = folds == null ? List.of() : List.copyOf(folds);
        message = message == null ? "" : message;
    }

    /** A cell that did not produce scores. */
    public static CellResult notScored(String taskId, String taskVersion, String modelId, String modelVersion,
                                       CellStatus status, String message, String primaryMetric, long seed) {
        return new CellResult(taskId, taskVersion, null, modelId, modelVersion, null, status, message, primaryMetric,
                null, Map.of(), List.of(), null, null, null, null, seed);
    }
}
