package org.nathear.runner.probe;

import java.util.function.ToDoubleFunction;
import org.nathear.api.Metric;
import org.tribuo.Model;
import org.tribuo.Output;

/**
 * How a trainer scores a candidate model on the validation split for early stopping: the task's
 * primary metric (its direction decides what "better" means) and a function computing it.
 */
public record ValidationScore<T extends Output<T>>(Metric metric, ToDoubleFunction<Model<T>> score) {
    public ValidationScore {
        java.util.Objects.requireNonNull(metric, "metric");
        java.util.Objects.requireNonNull(score, "score");
    }
}
