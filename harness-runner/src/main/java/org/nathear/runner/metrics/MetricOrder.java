package org.nathear.runner.metrics;

import java.util.Comparator;

import org.nathear.api.Metric;

/**
 * Compares scores of one metric, honouring {@link Metric#higherIsBetter()}; used for grid selection
 * and for picking the best model. NaN is worse than every number.
 */
public final class MetricOrder {
    private MetricOrder() {
    }

    /**
     * Whether {@code candidate} is strictly better than {@code incumbent}. Ties are not better, so a
     * selection loop that only replaces on {@code better} keeps the first of equal scores, whatever
     * the metric's direction. A number beats NaN; NaN never beats anything.
     */
    public static boolean better(Metric metric, double candidate, double incumbent) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(incumbent)) {
            return true;
        }
        return metric.higherIsBetter() ? candidate > incumbent : candidate < incumbent;
    }

    /** Orders scores best first (NaN last); stable sorts keep the original order of ties. */
    public static Comparator<Double> bestFirst(Metric metric) {
        return (a, b) -> better(metric, a, b) ? -1 : better(metric, b, a) ? 1 : 0;
    }
}
