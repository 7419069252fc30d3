package org.nathear.runner.probe;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nathear.api.Metric;
import org.nathear.api.TaskKind;

/**
 * What a probe trains on: rows that may be memory-mapped, their class names, and optionally the
 * validation rows with the task's primary metric for early stopping.
 *
 * @param kind         the task kind ({@link TaskKind#EVENT} frames train as multilabel)
 * @param vocabulary   class names in vocabulary order (predictions come back in this order)
 * @param train        training rows (already standardised)
 * @param trainLabels  per training row, its class names (one for multiclass, any number otherwise)
 * @param validation   for early stopping, or {@code null}
 */
public record ProbeInput(TaskKind kind, List<String> vocabulary, FeatureRows train, List<List<String>> trainLabels,
                         Validation validation) {
    public ProbeInput {
        vocabulary = List.copyOf(vocabulary);
        if (trainLabels.size() != train.size()) {
            throw new IllegalArgumentException(trainLabels.size() + " label lists for " + train.size() + " training rows");
        }
    }

    /**
     * The validation rows and how to score predictions on them.
     *
     * @param rows    validation rows (standardised like the training rows)
     * @param metric  the primary metric (decides whether higher or lower is better)
     * @param score   from activated predictions {@code [row][class]} in vocabulary order to the metric's value
     */
    public record Validation(FeatureRows rows, Metric metric, ToDoubleFunction<double[][]> score) {
    }
}
